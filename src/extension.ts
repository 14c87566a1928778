// VS Code entry point: wires the adapters to the editor. Kept thin: the converter and the runtime
// are pure modules with no `vscode` import. Activation only registers providers and commands; the
// converter (ts-morph) and esbuild load on first use (ADR 0002, ADR 0003).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConvertCodeActionProvider, codeActionSelector, convertCommandId } from './codeActionProvider';
import { runConvertCommand } from './convertCommand';
import type { ConvertRequest } from './convertFlow';
import { createLazyConverter, type ConverterModule } from './converterLoader';
import { loadBundledEsbuild } from './esbuildLoader';
import { HintDiagnostics } from './hintDiagnostics';
import type { EsbuildBuild } from './jobBundler';
import type { JobMode } from './jobDiscovery';
import type { JobRunDependencies } from './jobRun';
import { JobProblems } from './jobProblems';
import { JobTaskProvider, jobTaskType } from './jobTaskProvider';
import { PreviewDocuments, previewScheme } from './previewDocuments';
import type { ProgressSummary } from './progressRecords';
import {
  RunPanelController,
  openRunPanelCommandId,
  runPanelViewType,
  type RunPanelTestApi,
} from './runPanel/runPanelController';
import { runJobCommand } from './runJobCommand';
import { registerRuntimeTypes } from './runtimeTypes/runtimeTypesCommands';
import { installRuntimeTypes, runtimeTypesStatus } from './runtimeTypes/runtimeTypesInstall';
import {
  newBatchJobCommandId,
  runNewBatchJobCommand,
  type NewBatchJobOptions,
} from './scaffold/newBatchJobCommand';
import { RunStatusBar } from './runStatusBar';
import { shippedRuntimeRoot } from './runtimeResolution';
import { readSettings, type StreamshiftSettings } from './settings';

/** What activate() returns: used by the extension-host tests to observe and steer the extension. */
export interface StreamshiftExtensionApi {
  /** Whether ts-morph has been loaded (activation must not load it). */
  readonly converterLoaded: boolean;
  /** Tests only: pretend the workspace is (un)trusted; undefined restores VS Code's answer. */
  setTrustOverride(trusted: boolean | undefined): void;
  /**
   * Tests only: the lightbulb provider's answer for a trigger kind. `vscode.executeCodeActionProvider`
   * drops disabled actions and always asks as an explicit request, so it cannot show either behaviour.
   */
  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    triggerKind: vscode.CodeActionTriggerKind,
  ): vscode.CodeAction[];
  /** Tests only: the run panel (opening it for a job, its session per batch job). */
  readonly runPanel: RunPanelTestApi;
  /** The last progress of a stream job's run (what the status bar shows), by job file path. */
  progressOf(jobPath: string): { summary: ProgressSummary; finished: boolean } | undefined;
}

export function activate(context: vscode.ExtensionContext): StreamshiftExtensionApi {
  const log = vscode.window.createOutputChannel('Streamshift', { log: true });
  const distDir = path.join(context.extensionPath, 'dist');
  let trustOverride: boolean | undefined;
  const isTrusted = () => trustOverride ?? vscode.workspace.isTrusted;

  let settingsCache: StreamshiftSettings | undefined;
  const settings = (): StreamshiftSettings => {
    if (!settingsCache) {
      const read = readSettings((key) => vscode.workspace.getConfiguration('streamshift').get(key));
      for (const problem of read.invalid) log.warn(`ignored setting ${problem}`);
      settingsCache = read.settings;
    }
    return settingsCache;
  };

  const converter = createLazyConverter(
    () => {
      const started = Date.now();
      // The converter bundle is required by path on first use (ADR 0002), never bundled into extension.js.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(path.join(distDir, 'convert.js')) as ConverterModule;
      log.info(`converter loaded in ${Date.now() - started} ms`);
      return module;
    },
    (error) => log.debug(`detect failed: ${error instanceof Error ? error.message : String(error)}`),
  );

  let esbuild: EsbuildBuild | undefined;
  const statusBar = new RunStatusBar(openRunPanelCommandId);
  const jobProblems = new JobProblems();
  const progress = new Map<string, { summary: ProgressSummary; finished: boolean }>();
  const runDependencies = (): JobRunDependencies => {
    const workDir = (context.storageUri ?? context.globalStorageUri).fsPath;
    return {
      isTrusted,
      loadEsbuild: async () => (esbuild ??= loadBundledEsbuild(distDir)),
      runtimeRoot: shippedRuntimeRoot(context.extensionPath),
      workDir,
      execPath: process.execPath,
      env: process.env,
      nonUserRoots: [context.extensionPath, workDir],
      onProgress: (definition, summary, finished) => {
        // The run panel's scratch runs are not the job the status bar follows.
        if (definition.runIn !== undefined) return;
        progress.set(definition.jobPath, { summary, finished });
        statusBar.update(definition, summary, finished);
      },
      onProblems: (definition, problems) => jobProblems.report(definition, problems),
      log: (message) => log.info(message),
    };
  };
  const taskProvider = new JobTaskProvider(runDependencies, log);
  const previews = new PreviewDocuments();
  const runPanels = new RunPanelController({
    extensionUri: context.extensionUri,
    converter,
    settings,
    runDependencies,
    log,
  });
  const hints = new HintDiagnostics(converter, settings);
  const codeActions = new ConvertCodeActionProvider(converter, settings);

  context.subscriptions.push(
    log,
    statusBar,
    jobProblems,
    previews,
    hints,
    vscode.workspace.registerTextDocumentContentProvider(previewScheme, previews),
    vscode.languages.registerCodeActionsProvider(
      codeActionSelector,
      codeActions,
      ConvertCodeActionProvider.metadata,
    ),
    vscode.tasks.registerTaskProvider(jobTaskType, taskProvider),
    vscode.commands.registerCommand(convertCommandId, (uri?: vscode.Uri, request?: ConvertRequest) =>
      runConvertCommand(
        {
          converter,
          previews,
          log,
          settings,
          onConverted: (batchPath, outcome) => {
            taskProvider.rememberConversion({ batchPath, streamPath: outcome.streamPath });
            void offerToRun(batchPath, outcome.streamPath, outcome.target === 'newFile');
          },
        },
        uri instanceof vscode.Uri ? uri : undefined,
        request ?? {},
      ),
    ),
    vscode.commands.registerCommand('streamshift.runJob', (uri?: vscode.Uri, mode?: JobMode) =>
      runJob(uri instanceof vscode.Uri ? uri : undefined, mode),
    ),
    vscode.commands.registerCommand('streamshift.showOutput', () => log.show()),
    vscode.commands.registerCommand(openRunPanelCommandId, async (uri?: vscode.Uri) => {
      await runPanels.open(uri instanceof vscode.Uri ? uri : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(runPanelViewType, runPanels),
    runPanels,
    vscode.commands.registerCommand('streamshift.openWalkthrough', () =>
      vscode.commands.executeCommand(
        'workbench.action.openWalkthrough',
        `${context.extension.id}#streamshift.gettingStarted`,
        false,
      ),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('streamshift')) return;
      settingsCache = undefined;
      hints.refreshAll();
    }),
  );
  if (settings().hintDiagnostics) hints.refreshAll();

  // Runtime types for user workspaces (ADR 0005) and the job scaffold that relies on them.
  const runtimeTypesSource = {
    runtimeDir: path.join(distDir, 'runtime'),
    extensionVersion: String((context.extension.packageJSON as { version?: unknown }).version),
  };
  context.subscriptions.push(
    ...registerRuntimeTypes(context, runtimeTypesSource, log),
    vscode.commands.registerCommand(newBatchJobCommandId, (uri?: vscode.Uri, options?: NewBatchJobOptions) =>
      runNewBatchJobCommand(
        {
          ensureRuntimeTypes: (folder, jobDir) => {
            const status = runtimeTypesStatus(folder.uri.fsPath, jobDir, runtimeTypesSource.extensionVersion);
            if (status.kind === 'missing' || status.kind === 'outdated') {
              installRuntimeTypes(folder.uri.fsPath, runtimeTypesSource);
            }
          },
          log,
        },
        uri instanceof vscode.Uri ? uri : undefined,
        options ?? {},
      ),
    ),
  );

  function runJob(uri: vscode.Uri | undefined, mode: JobMode | undefined): Promise<boolean> {
    return runJobCommand({ isTrusted, taskProvider, log }, uri, mode);
  }

  async function offerToRun(batchPath: string, streamPath: string, newFile: boolean): Promise<void> {
    const openPanel = 'Open Run Panel';
    const runBatch = 'Run batch job';
    const runStream = 'Run stream job';
    const name = path.basename(streamPath);
    const answer = await vscode.window.showInformationMessage(
      newFile ? `Converted ${path.basename(batchPath)} to ${name}.` : `Converted ${name} to a stream job.`,
      ...(newFile ? [openPanel, runBatch, runStream] : [runStream]),
    );
    if (answer === openPanel) await runPanels.open(vscode.Uri.file(streamPath));
    if (answer === runBatch) await runJob(vscode.Uri.file(batchPath), 'batch');
    if (answer === runStream) await runJob(vscode.Uri.file(streamPath), 'stream');
  }

  return {
    get converterLoaded() {
      return converter.isLoaded;
    },
    setTrustOverride(trusted) {
      trustOverride = trusted;
    },
    get runPanel() {
      return runPanels.testApi;
    },
    progressOf(jobPath) {
      return progress.get(jobPath);
    },
    provideCodeActions(document, range, triggerKind) {
      const context: vscode.CodeActionContext = { triggerKind, diagnostics: [], only: undefined };
      return codeActions.provideCodeActions(
        document,
        range,
        context,
        new vscode.CancellationTokenSource().token,
      );
    },
  };
}

export function deactivate(): void {}
