// The runtime's progress records (STREAMSHIFT_EVENTS), of both streaming APIs, as the few facts the demo
// narrates: a DStream job writes StreamingListener records (runtime/src/streaming/streamingListener.ts),
// a Structured Streaming job writes StreamingQueryListener records (queryStarted / queryProgress /
// queryTerminated, runtime/src/sql/streaming/streamingQuery.ts). Records of other kinds are skipped.

export type StreamEvent =
  | {
      readonly kind: 'started';
      /** Which API's stream started: they differ in whether files present at start are read. */
      readonly api: 'dstream' | 'structured';
      readonly intervalMs?: number;
      /** The query's id (Structured Streaming). */
      readonly query?: string;
    }
  | {
      readonly kind: 'batch';
      /** The batch's time (DStream) or id (Structured Streaming), for people. */
      readonly label: string;
      /** The files the batch read, as the runtime reported them (absolute paths). */
      readonly files: readonly string[];
      readonly rows: number;
      readonly durationMs?: number;
      /** Entries held as state after the batch (DStream: keys plus windowed elements). */
      readonly stateSize?: number;
      /** The query that ran the batch (Structured Streaming: a job may start several on one folder). */
      readonly query?: string;
      /** Rows the stateful operators dropped as later than the watermark (Structured Streaming). */
      readonly droppedByWatermark?: number;
    }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'stopped'; readonly error?: string }
  | { readonly kind: 'warning'; readonly message: string };

export function toStreamEvent(record: unknown): StreamEvent | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as Record<string, unknown>;
  switch (r.type) {
    case 'streamingStarted':
      return {
        kind: 'started',
        api: 'dstream',
        ...(typeof r.batchDurationMs === 'number' ? { intervalMs: r.batchDurationMs } : {}),
      };
    case 'queryStarted':
      return { kind: 'started', api: 'structured', ...(typeof r.id === 'string' ? { query: r.id } : {}) };
    case 'batchCompleted':
      if (typeof r.batchTime !== 'number' || !Array.isArray(r.inputFiles)) return undefined;
      return {
        kind: 'batch',
        label: typeof r.batchTimeIso === 'string' ? r.batchTimeIso.slice(11, 23) : String(r.batchTime),
        files: r.inputFiles.filter((f): f is string => typeof f === 'string'),
        rows: typeof r.numRecords === 'number' ? r.numRecords : 0,
        ...(typeof r.processingDelayMs === 'number' ? { durationMs: r.processingDelayMs } : {}),
        ...(typeof r.stateSize === 'number' ? { stateSize: r.stateSize } : {}),
      };
    case 'batchFailed':
      return {
        kind: 'failed',
        message: `the micro-batch of ${String(r.batchTimeIso ?? r.batchTime)} failed: ${String(r.failure ?? 'unknown error')}`,
      };
    case 'queryProgress':
      return queryProgressEvent(r.progress);
    case 'streamingStopped':
      return { kind: 'stopped', ...(typeof r.error === 'string' ? { error: r.error } : {}) };
    case 'queryTerminated':
      return { kind: 'stopped', ...(typeof r.exception === 'string' ? { error: r.exception } : {}) };
    case 'receiverError':
      return { kind: 'warning', message: `receiver ${String(r.receiver)}: ${String(r.message)}` };
    default:
      return undefined;
  }
}

/** A query's progress: the files come from each file source's end offset (the batch's files). */
function queryProgressEvent(progress: unknown): StreamEvent | undefined {
  if (typeof progress !== 'object' || progress === null) return undefined;
  const p = progress as Record<string, unknown>;
  if (typeof p.batchId !== 'number') return undefined;
  const files: string[] = [];
  for (const source of Array.isArray(p.sources) ? (p.sources as unknown[]) : []) {
    const end = (source as { endOffset?: unknown } | null)?.endOffset;
    const endFiles = (end as { files?: unknown } | null | undefined)?.files;
    if (!Array.isArray(endFiles)) continue;
    for (const file of endFiles) {
      const path = (file as { path?: unknown } | null)?.path;
      if (typeof path === 'string') files.push(path);
    }
  }
  const durations = (p.durationMs ?? {}) as Record<string, unknown>;
  const duration = durations.triggerExecution ?? durations.addBatch;
  const droppedRows = Array.isArray(p.stateOperators)
    ? (p.stateOperators as { numRowsDroppedByWatermark?: unknown }[]).reduce(
        (sum, op) =>
          sum + (typeof op?.numRowsDroppedByWatermark === 'number' ? op.numRowsDroppedByWatermark : 0),
        0,
      )
    : 0;
  const stateRows = Array.isArray(p.stateOperators)
    ? (p.stateOperators as { numRowsTotal?: unknown }[]).reduce(
        (sum, op) => sum + (typeof op?.numRowsTotal === 'number' ? op.numRowsTotal : 0),
        0,
      )
    : undefined;
  return {
    kind: 'batch',
    label: `#${p.batchId}`,
    files,
    rows: typeof p.numInputRows === 'number' ? p.numInputRows : 0,
    ...(typeof duration === 'number' ? { durationMs: duration } : {}),
    ...(typeof p.id === 'string' ? { query: p.id } : {}),
    ...(droppedRows > 0 ? { droppedByWatermark: droppedRows } : {}),
    ...(stateRows !== undefined && Array.isArray(p.stateOperators) && p.stateOperators.length > 0
      ? { stateSize: stateRows }
      : {}),
  };
}
