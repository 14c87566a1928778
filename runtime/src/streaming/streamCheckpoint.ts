import { decodeValue, type Encoded } from './checkpointCodec';

/** Identifies the file format (and its version) of a streaming checkpoint. */
export const checkpointFormat = 'streamshift-dstream-checkpoint';
export const checkpointVersion = 1;

/** A batch whose input was claimed but which had not completed when the checkpoint was written. */
export interface PendingBatch {
  readonly time: number;
  /** Input stream id → the claim (file list, lines). */
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** The parts of a checkpoint that change at every write, besides the (large) stream data. */
export interface CheckpointHeader {
  readonly batchDurationMs: number;
  readonly zeroTime: number;
  /** Operator signatures in creation order: the checkpoint belongs to this graph only. */
  readonly graph: readonly string[];
  readonly lastCompletedBatch: number | null;
  readonly pending: readonly PendingBatch[];
  /** Input stream id → source state (textFileStream: file name → modification time of files seen). */
  readonly sources: Readonly<Record<string, unknown>>;
}

/** A parsed checkpoint, stream data decoded. */
export interface CheckpointContent extends CheckpointHeader {
  /** Stream id → [batch time, partitions] kept for windows and state. */
  readonly history: Readonly<Record<string, [number, unknown[][]][]>>;
}

/**
 * Serialises a checkpoint. The stream data is passed already serialised: it only changes when a batch
 * completes, while the header also changes when a batch claims its input, and re-serialising all state
 * for that would be wasted work.
 */
export function composeCheckpoint(header: CheckpointHeader, historyJson: string): string {
  const head = JSON.stringify({ format: checkpointFormat, version: checkpointVersion, ...header });
  return `${head.slice(0, -1)},"history":${historyJson}}`;
}

/** Serialises the stream data part: stream id → [batch time, encoded partitions]. */
export function serializeHistory(history: Readonly<Record<string, [number, Encoded][]>>): string {
  return JSON.stringify(history);
}

/** Validates and decodes what `composeCheckpoint` wrote; `path` names the file in errors. */
export function parseCheckpoint(raw: unknown, path: string): CheckpointContent {
  const data = raw as Partial<CheckpointHeader> & {
    format?: unknown;
    version?: unknown;
    history?: Record<string, [number, Encoded][]>;
  };
  if (typeof data !== 'object' || data === null || data.format !== checkpointFormat) {
    throw new Error(`${path} is not a Streamshift streaming checkpoint`);
  }
  if (data.version !== checkpointVersion) {
    throw new Error(
      `${path} has checkpoint version ${String(data.version)}; this runtime reads version ${checkpointVersion}`,
    );
  }
  const history: Record<string, [number, unknown[][]][]> = {};
  for (const [id, entries] of Object.entries(data.history ?? {})) {
    history[id] = entries.map(([time, encoded]) => [time, decodeValue(encoded) as unknown[][]]);
  }
  return {
    batchDurationMs: data.batchDurationMs!,
    zeroTime: data.zeroTime!,
    graph: data.graph ?? [],
    lastCompletedBatch: data.lastCompletedBatch ?? null,
    pending: data.pending ?? [],
    sources: data.sources ?? {},
    history,
  };
}
