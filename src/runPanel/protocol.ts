// The messages between the run panel's webview and the extension, and the state the webview renders.
// The webview holds no logic of its own: it renders the latest PanelState and posts user intents back.

/** A result as a table: Spark's saveAsTextFile lines split into key and value where they are pairs. */
export interface ResultTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Rows left out to keep the message small (the full result is on disk). */
  readonly omittedRows: number;
}

export type BatchStatus = 'idle' | 'running' | 'done' | 'failed';

export interface BatchSide {
  readonly status: BatchStatus;
  /** Wall time of the last run (bundling included), in ms. */
  readonly durationMs?: number;
  /** Lines in the job's input files. */
  readonly inputRows?: number;
  /** Lines the job wrote. */
  readonly outputRows?: number;
  readonly result?: ResultTable;
  readonly error?: string;
}

export type StreamStatus = 'stopped' | 'starting' | 'running' | 'stopping' | 'failed';

export interface MicroBatchRow {
  /** The batch's time on the streaming clock (ms), as the runtime reports it. */
  readonly batchTime: number;
  readonly rows: number;
  /** File names the batch read (basenames). */
  readonly files: readonly string[];
  /** End-to-end delay (scheduling + processing), ms. */
  readonly latencyMs: number;
  readonly failed?: string;
}

export interface StreamSide {
  /** Undefined when the batch job has no stream job beside it yet. */
  readonly jobName?: string;
  readonly status: StreamStatus;
  readonly error?: string;
  readonly batches: readonly MicroBatchRow[];
  readonly result?: ResultTable;
}

export interface FeedFile {
  readonly name: string;
  readonly fed: boolean;
}

export interface FeedSide {
  /** Folder the sample files come from, for display (relative to the job's folder when inside it). */
  readonly folder?: string;
  /** Folder the stream job watches, for display. */
  readonly watched: string;
  readonly files: readonly FeedFile[];
  readonly autoFeed: { readonly enabled: boolean; readonly seconds: number };
  readonly error?: string;
}

export interface KeyDifference {
  readonly key: string;
  /** Undefined when the key is missing on that side. */
  readonly batch?: string;
  readonly stream?: string;
}

export type EquivalenceStatus = 'none' | 'checking' | 'equal' | 'different' | 'unavailable';

export interface Equivalence {
  readonly status: EquivalenceStatus;
  /** What the stream was compared with: the batch job over the fed files, or its full run. */
  readonly against?: 'fed-files' | 'full-run';
  /** The files the comparison covered. */
  readonly files?: readonly string[];
  readonly differences?: readonly KeyDifference[];
  readonly message?: string;
}

export interface PanelState {
  readonly jobPath: string;
  readonly jobName: string;
  readonly batch: BatchSide;
  readonly stream: StreamSide;
  readonly feed: FeedSide;
  readonly equivalence: Equivalence;
}

/** From the webview to the extension. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'runBatch' }
  | { readonly type: 'startStream' }
  | { readonly type: 'stopStream' }
  | { readonly type: 'feedNext' }
  | { readonly type: 'feedAll' }
  | { readonly type: 'autoFeed'; readonly enabled: boolean; readonly seconds: number }
  | { readonly type: 'pickFeedFolder' }
  | { readonly type: 'reset' };

/** From the extension to the webview. */
export type HostMessage = { readonly type: 'state'; readonly state: PanelState };

/** What the webview persists (vscode.setState) and the serializer gets back after a reload. */
export interface PersistedPanelState {
  readonly jobPath: string;
  readonly state?: PanelState;
}

const webviewMessageTypes = new Set([
  'ready',
  'runBatch',
  'startStream',
  'stopStream',
  'feedNext',
  'feedAll',
  'autoFeed',
  'pickFeedFolder',
  'reset',
]);

/** Messages come from a webview: check their shape before acting on them. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  if (typeof message.type !== 'string' || !webviewMessageTypes.has(message.type)) return undefined;
  if (message.type === 'autoFeed') {
    if (typeof message.enabled !== 'boolean') return undefined;
    const seconds = message.seconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0.1) return undefined;
    return { type: 'autoFeed', enabled: message.enabled, seconds };
  }
  return { type: message.type } as WebviewMessage;
}
