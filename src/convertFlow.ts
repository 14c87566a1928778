// "Convert to Streaming": choose the pipeline, preview the converted text as a diff, apply it in place or
// as a new file. All decisions live here; the editor is reached only through ConvertEditorPort, which
// convertEditor.ts implements with VS Code (and the unit tests with a fake).
import type { Conversion, Pipeline, TextEdit } from './convert/api';
import type { LazyConverter } from './converterLoader';
import type { ConversionTarget, StreamshiftSettings } from './settings';
import { streamFileNameFor } from './streamFileName';
import { describeBlockReasons, verdictDetail, verdictSummary } from './verdictText';

export interface ConvertDocument {
  readonly fileName: string;
  readonly text: string;
  readonly version: number;
  /** Untitled documents have no folder to put a new file in. */
  readonly isUntitled?: boolean;
}

export interface PipelinePickItem {
  readonly label: string;
  readonly description: string;
  readonly detail?: string;
  /** The pipelines converted when this item is chosen. */
  readonly pipelineIds: readonly string[];
  readonly blocked: boolean;
}

export type ApplyChoice = ConversionTarget | 'cancel';

export interface ApplyPrompt {
  readonly fileName: string;
  readonly newFileName: string;
  readonly notes: readonly string[];
  /** The option listed first (setting `streamshift.conversionTarget`). */
  readonly preferred: ConversionTarget;
  /** False for a document that is not a file on disk (untitled): only "in place" makes sense. */
  readonly canCreateFile: boolean;
}

export interface ConvertEditorPort {
  pickPipeline(items: readonly PipelinePickItem[]): Promise<PipelinePickItem | undefined>;
  showPreview(document: ConvertDocument, convertedText: string): Promise<void>;
  closePreview(): Promise<void>;
  chooseApply(prompt: ApplyPrompt): Promise<ApplyChoice | undefined>;
  /** The document's version now, to detect edits made while the preview was open. */
  currentVersion(document: ConvertDocument): number | undefined;
  /** Applies the edits to the document as one undoable edit. */
  applyInPlace(document: ConvertDocument, edits: readonly TextEdit[]): Promise<boolean>;
  fileExists(path: string): Promise<boolean>;
  confirmOverwrite(path: string): Promise<boolean>;
  /** Creates (or replaces) the file with this text as one undoable edit. */
  createFile(path: string, text: string): Promise<boolean>;
  /** Shows the job again and opens the file beside it. */
  openBeside(path: string): Promise<void>;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ConvertRequest {
  readonly pipelineId?: string;
  /** Skips the apply prompt (automation, tests): the preview is still shown. */
  readonly apply?: ApplyChoice;
}

export type ConvertOutcome =
  | {
      readonly status: 'applied';
      readonly target: ConversionTarget;
      readonly streamPath: string;
      readonly notes: readonly string[];
    }
  | {
      readonly status: 'cancelled' | 'nothing-to-convert' | 'blocked' | 'stale' | 'failed';
      readonly message?: string;
    };

export interface ConvertFlowDependencies {
  readonly converter: LazyConverter;
  readonly settings: StreamshiftSettings;
  readonly editor: ConvertEditorPort;
  log?(message: string): void;
}

export async function convertToStreaming(
  document: ConvertDocument,
  request: ConvertRequest,
  deps: ConvertFlowDependencies,
): Promise<ConvertOutcome> {
  const { editor, settings } = deps;
  const file = { fileName: document.fileName, text: document.text };
  const name = baseName(document.fileName);
  let pipelines: readonly Pipeline[];
  try {
    pipelines = deps.converter.get().detect(file);
  } catch (error) {
    const message = `Streamshift could not analyse ${name}: ${errorText(error)}`;
    editor.warn(message);
    return { status: 'failed', message };
  }
  if (pipelines.length === 0) {
    const message = `No batch pipeline found in ${name}: Streamshift converts jobs that read a dataset (textFile, read.csv, …) and transform it with the runtime's RDD or DataFrame API.`;
    editor.info(message);
    return { status: 'nothing-to-convert', message };
  }

  const chosen = await choosePipelines(pipelines, request.pipelineId, editor);
  if (!chosen) return { status: 'cancelled' };
  if (chosen.blocked.length > 0) {
    const message = `This pipeline cannot be converted to streaming:\n${describeBlockReasons(chosen.blocked.flatMap(blockReasons))}`;
    editor.warn(message);
    return { status: 'blocked', message };
  }

  let conversion: Conversion;
  try {
    conversion = deps.converter.get().convert(file, {
      pipelineIds: chosen.ids,
      inputDir: settings.inputFolder,
      checkpointRoot: settings.checkpointFolder,
      triggerSeconds: settings.triggerIntervalSeconds,
      maxFilesPerTrigger: settings.maxFilesPerTrigger,
    });
  } catch (error) {
    const message = `Streamshift could not convert ${name}: ${errorText(error)}`;
    editor.error(message);
    return { status: 'failed', message };
  }
  for (const note of conversion.notes) deps.log?.(`${name}: ${note}`);
  if (conversion.converted.length === 0) {
    // E.g. the file already streams: the converter says why in its notes; a diff would show nothing.
    const message = `Nothing to convert in ${name}: ${conversion.notes.join(' ') || 'no pipeline could be converted.'}`;
    editor.info(message);
    return { status: 'nothing-to-convert', message };
  }

  const streamPath = streamFileNameFor(document.fileName, settings.newFileSuffix);
  await editor.showPreview(document, conversion.text);
  const choice =
    request.apply ??
    (await editor.chooseApply({
      fileName: document.fileName,
      newFileName: streamPath,
      notes: conversion.notes,
      preferred: document.isUntitled ? 'inPlace' : settings.conversionTarget,
      canCreateFile: !document.isUntitled,
    }));
  if (choice === undefined || choice === 'cancel') {
    await editor.closePreview();
    return { status: 'cancelled' };
  }
  if (editor.currentVersion(document) !== document.version) {
    const message = `${name} changed since the preview was made; run "Convert to Streaming" again to preview the current text.`;
    editor.warn(message);
    return { status: 'stale', message };
  }

  if (choice === 'inPlace') {
    if (!(await editor.applyInPlace(document, conversion.edits))) {
      return fail(editor, `Streamshift could not edit ${name}.`);
    }
    await editor.closePreview();
    return { status: 'applied', target: 'inPlace', streamPath: document.fileName, notes: conversion.notes };
  }
  if (document.isUntitled) {
    const message = `${name} is not saved yet: save it first, or apply the conversion in place.`;
    editor.warn(message);
    return { status: 'cancelled', message };
  }
  if ((await editor.fileExists(streamPath)) && !(await editor.confirmOverwrite(streamPath))) {
    return { status: 'cancelled' };
  }
  if (!(await editor.createFile(streamPath, conversion.text))) {
    return fail(editor, `Streamshift could not create ${baseName(streamPath)}.`);
  }
  // Closing the preview first keeps the job's editor group, so "beside" is next to the job.
  await editor.closePreview();
  await editor.openBeside(streamPath);
  return { status: 'applied', target: 'newFile', streamPath, notes: conversion.notes };
}

/** Quick pick items: one per pipeline with its verdict, plus "all" when several can be converted. */
export function pipelinePickItems(pipelines: readonly Pipeline[]): PipelinePickItem[] {
  const items: PipelinePickItem[] = pipelines.map((p) => ({
    label: p.label,
    description: verdictSummary(p.verdict),
    ...(verdictDetail(p) !== undefined ? { detail: verdictDetail(p) } : {}),
    pipelineIds: [p.id],
    blocked: p.verdict.status === 'blocked',
  }));
  const convertible = pipelines.filter((p) => p.verdict.status !== 'blocked');
  if (convertible.length > 1) {
    items.unshift({
      label: `All ${convertible.length} convertible pipelines`,
      description: 'convert them together',
      pipelineIds: convertible.map((p) => p.id),
      blocked: false,
    });
  }
  return items;
}

async function choosePipelines(
  pipelines: readonly Pipeline[],
  requestedId: string | undefined,
  editor: ConvertEditorPort,
): Promise<{ ids: string[]; blocked: Pipeline[] } | undefined> {
  let ids: readonly string[];
  if (requestedId !== undefined) {
    if (!pipelines.some((p) => p.id === requestedId)) {
      editor.warn('The pipeline is no longer in the file (it was edited); run "Convert to Streaming" again.');
      return undefined;
    }
    ids = [requestedId];
  } else if (pipelines.length === 1) {
    ids = [pipelines[0]!.id];
  } else {
    const item = await editor.pickPipeline(pipelinePickItems(pipelines));
    if (!item) return undefined;
    ids = item.pipelineIds;
  }
  const selected = pipelines.filter((p) => ids.includes(p.id));
  return { ids: [...ids], blocked: selected.filter((p) => p.verdict.status === 'blocked') };
}

function blockReasons(pipeline: Pipeline) {
  return pipeline.verdict.status === 'blocked' ? pipeline.verdict.reasons : [];
}

function fail(editor: ConvertEditorPort, message: string): ConvertOutcome {
  editor.error(message);
  return { status: 'failed', message };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
