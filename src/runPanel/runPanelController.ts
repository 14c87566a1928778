// The VS Code side of the run panel: opens (or restores) one webview panel per batch job, renders the
// session's state in it and turns the webview's messages into session calls. Dialogs (Reset's
// confirmation, picking a feed folder) live here; everything else is in RunPanelSession.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { LazyConverter } from '../converterLoader';
import { importsRuntime, jobModeOf, jobSearchExclude, jobSearchInclude } from '../jobDiscovery';
import type { JobRunDependencies } from '../jobRun';
import type { StreamshiftSettings } from '../settings';
import { streamFileNameFor } from '../streamFileName';
import { runPanelJob } from './panelJobRunner';
import { parseWebviewMessage, type HostMessage, type PanelState, type PersistedPanelState } from './protocol';
import { RunPanelSession } from './runPanelSession';
import { createNonce, runPanelHtml } from './webviewHtml';

export const runPanelViewType = 'streamshift.runPanel';
export const openRunPanelCommandId = 'streamshift.openRunPanel';

export interface RunPanelDependencies {
  readonly extensionUri: vscode.Uri;
  readonly converter: LazyConverter;
  readonly settings: () => StreamshiftSettings;
  readonly runDependencies: () => JobRunDependencies;
  readonly log: vscode.LogOutputChannel;
}

/** What the extension's test API exposes of the panel (host tests, UI flows). */
export interface RunPanelTestApi {
  /** Opens the panel for a job (batch or stream file) and returns its session. */
  open(jobUri: vscode.Uri): Promise<RunPanelSession | undefined>;
  sessionOf(batchPath: string): RunPanelSession | undefined;
}

interface OpenPanel {
  readonly panel: vscode.WebviewPanel;
  readonly session: RunPanelSession;
}

export class RunPanelController implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<string, OpenPanel>();

  constructor(private readonly deps: RunPanelDependencies) {}

  /** The command: the job in `uri`, else the active editor's job, else a pick among the workspace's jobs. */
  async open(uri?: vscode.Uri): Promise<RunPanelSession | undefined> {
    const jobPath = uri?.fsPath ?? (await this.activeOrPickedJob());
    if (!jobPath) return undefined;
    const batchPath = this.batchJobOf(jobPath);
    if (!batchPath) {
      void vscode.window.showInformationMessage(
        `No batch job found beside ${basename(jobPath)}: the run panel runs a batch job and the stream job converted from it.`,
      );
      return undefined;
    }
    const existing = this.panels.get(batchPath);
    if (existing) {
      existing.panel.reveal();
      return existing.session;
    }
    const panel = vscode.window.createWebviewPanel(
      runPanelViewType,
      this.title(batchPath),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      this.webviewOptions(),
    );
    return this.attach(panel, batchPath, undefined);
  }

  /** Restores a panel after a reload or when VS Code brings back a hidden one (its webview was discarded). */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const persisted = state as Partial<PersistedPanelState> | undefined;
    const batchPath = typeof persisted?.jobPath === 'string' ? persisted.jobPath : undefined;
    if (!batchPath || !existsSync(batchPath) || this.panels.has(batchPath)) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.attach(panel, batchPath, persisted?.state);
  }

  get testApi(): RunPanelTestApi {
    return {
      open: (jobUri) => this.open(jobUri),
      sessionOf: (batchPath) => this.panels.get(batchPath)?.session,
    };
  }

  dispose(): void {
    for (const { panel } of this.panels.values()) panel.dispose();
  }

  private attach(
    panel: vscode.WebviewPanel,
    batchPath: string,
    restored: PanelState | undefined,
  ): RunPanelSession {
    const { log } = this.deps;
    const post = (state: PanelState) => {
      const message: HostMessage = { type: 'state', state };
      void panel.webview.postMessage(message);
    };
    const session = new RunPanelSession(
      batchPath,
      {
        runJob: (request) =>
          runPanelJob(this.deps.runDependencies(), request, (line) =>
            log.info(`[${basename(request.jobPath)}${request.runIn ? ' (panel)' : ''}] ${line}`),
          ),
        detect: (path, text) => this.deps.converter.tryDetect({ fileName: path, text }),
        scratchRoot: join(this.deps.runDependencies().workDir, 'run-panel', scratchName(batchPath)),
        settings: this.deps.settings,
        streamJobFor: (path) => streamFileNameFor(path, this.deps.settings().newFileSuffix),
        onState: post,
        log: (message) => log.info(message),
      },
      restored,
    );
    panel.webview.html = this.html(panel.webview, batchPath);
    const subscriptions = [
      panel.webview.onDidReceiveMessage(async (value: unknown) => {
        const message = parseWebviewMessage(value);
        if (!message) {
          log.warn(`run panel: ignored a malformed message ${JSON.stringify(value)}`);
          return;
        }
        try {
          if (message.type === 'reset') await this.confirmReset(session);
          else if (message.type === 'pickFeedFolder') await this.pickFeedFolder(session);
          else await session.handle(message);
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          log.error(`run panel: ${text}`);
          void vscode.window.showErrorMessage(`Streamshift run panel: ${text}`);
        }
      }),
      // A hidden panel's webview is discarded (no retainContextWhenHidden); on show it reloads and posts
      // `ready`, and gets the state again.
      panel.onDidChangeViewState(() => {
        if (panel.visible) post(session.state);
      }),
    ];
    panel.onDidDispose(() => {
      for (const subscription of subscriptions) subscription.dispose();
      session.dispose();
      this.panels.delete(batchPath);
    });
    this.panels.set(batchPath, { panel, session });
    return session;
  }

  private async confirmReset(session: RunPanelSession): Promise<void> {
    const reset = 'Reset';
    const answer = await vscode.window.showWarningMessage(
      `Reset the stream of ${session.state.jobName}?`,
      {
        modal: true,
        detail:
          `This stops the stream job and deletes every file in ${session.state.feed.watched}, its ` +
          'checkpoint and its output. The sample files and the jobs are kept.',
      },
      reset,
    );
    if (answer === reset) await session.reset();
  }

  private async pickFeedFolder(session: RunPanelSession): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: vscode.Uri.file(session.jobDir),
      openLabel: 'Feed from this folder',
      title: 'Folder of sample files to feed to the stream job',
    });
    if (picked?.[0]) session.useFeedFolder(picked[0].fsPath);
  }

  private html(webview: vscode.Webview, batchPath: string): string {
    const root = this.deps.extensionUri;
    return runPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'dist', 'webview.js')).toString(),
      styleUri: webview
        .asWebviewUri(vscode.Uri.joinPath(root, 'media', 'runPanel', 'runPanel.css'))
        .toString(),
      title: this.title(batchPath),
    });
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    const root = this.deps.extensionUri;
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(root, 'dist'), vscode.Uri.joinPath(root, 'media', 'runPanel')],
    };
  }

  private title(batchPath: string): string {
    return `Run: ${basename(batchPath)}`;
  }

  /** A stream job's batch job is the file whose "Apply as new file" name it has. */
  private batchJobOf(jobPath: string): string | undefined {
    if (!existsSync(jobPath)) return undefined;
    if (jobModeOf(readFileSync(jobPath, 'utf8')) === 'batch') return jobPath;
    const suffix = this.deps.settings().newFileSuffix;
    const dir = dirname(jobPath);
    return readdirSync(dir)
      .map((name) => join(dir, name))
      .find((candidate) => candidate !== jobPath && streamFileNameFor(candidate, suffix) === jobPath);
  }

  private async activeOrPickedJob(): Promise<string | undefined> {
    const active = vscode.window.activeTextEditor?.document;
    if (active && active.uri.scheme === 'file' && importsRuntime(active.getText())) return active.fileName;
    const files = await vscode.workspace.findFiles(jobSearchInclude, jobSearchExclude, 500);
    const jobs = files.filter((uri) => {
      const text = readFileSync(uri.fsPath, 'utf8');
      return importsRuntime(text) && jobModeOf(text) === 'batch';
    });
    if (jobs.length === 0) {
      void vscode.window.showInformationMessage(
        'The run panel needs a batch job: a file that imports @streamshift/runtime.',
      );
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      jobs.map((uri) => ({
        label: basename(uri.fsPath),
        description: vscode.workspace.asRelativePath(uri),
        uri,
      })),
      { title: 'Open the run panel for which batch job?' },
    );
    return picked?.uri.fsPath;
  }
}

function scratchName(batchPath: string): string {
  let hash = 0;
  for (const char of batchPath) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${basename(batchPath).replace(/[^\w.-]/g, '_')}-${hash.toString(16)}`;
}
