// The run panel's state and every change to it, as a pure reducer: the controller turns what happens
// (runs, progress records, feeding) into events, and the webview renders whatever state results.
import { basename } from 'node:path';
import type {
  BatchSide,
  Equivalence,
  FeedFile,
  MicroBatchRow,
  PanelState,
  ResultTable,
  StreamStatus,
} from './protocol';

export type PanelEvent =
  | { readonly type: 'batchStarted' }
  | {
      readonly type: 'batchFinished';
      readonly durationMs: number;
      readonly inputRows?: number;
      readonly outputRows: number;
      readonly result: ResultTable;
    }
  | { readonly type: 'batchFailed'; readonly error: string; readonly durationMs?: number }
  | { readonly type: 'streamJob'; readonly jobName: string | undefined }
  | { readonly type: 'streamStatus'; readonly status: StreamStatus; readonly error?: string }
  | { readonly type: 'streamRecord'; readonly record: unknown }
  | { readonly type: 'streamResult'; readonly result: ResultTable | undefined }
  | {
      readonly type: 'feed';
      readonly folder: string | undefined;
      readonly watched: string;
      readonly files: readonly FeedFile[];
    }
  | { readonly type: 'feedError'; readonly error: string | undefined }
  | { readonly type: 'autoFeed'; readonly enabled: boolean; readonly seconds: number }
  | { readonly type: 'equivalence'; readonly equivalence: Equivalence }
  | { readonly type: 'reset' };

/** Most recent micro-batches kept in the list and the chart. */
export const keptBatches = 200;

export function initialPanelState(jobPath: string, autoFeedSeconds: number): PanelState {
  return {
    jobPath,
    jobName: basename(jobPath),
    batch: { status: 'idle' },
    stream: { status: 'stopped', batches: [] },
    feed: { watched: '', files: [], autoFeed: { enabled: false, seconds: autoFeedSeconds } },
    equivalence: { status: 'none' },
  };
}

export function reducePanel(state: PanelState, event: PanelEvent): PanelState {
  switch (event.type) {
    case 'batchStarted':
      return { ...state, batch: { ...withoutError(state.batch), status: 'running' } };
    case 'batchFinished':
      return {
        ...state,
        batch: {
          status: 'done',
          durationMs: event.durationMs,
          ...(event.inputRows !== undefined ? { inputRows: event.inputRows } : {}),
          outputRows: event.outputRows,
          result: event.result,
        },
      };
    case 'batchFailed':
      return {
        ...state,
        batch: {
          status: 'failed',
          error: event.error,
          ...(event.durationMs !== undefined ? { durationMs: event.durationMs } : {}),
        },
      };
    case 'streamJob': {
      const { jobName: _previous, ...rest } = state.stream;
      return { ...state, stream: event.jobName ? { ...rest, jobName: event.jobName } : rest };
    }
    case 'streamStatus': {
      const { error: _previous, ...rest } = state.stream;
      return {
        ...state,
        stream: { ...rest, status: event.status, ...(event.error ? { error: event.error } : {}) },
      };
    }
    case 'streamRecord': {
      const row = microBatchFromRecord(event.record);
      if (!row) return state;
      const batches = [...state.stream.batches, row].slice(-keptBatches);
      return { ...state, stream: { ...state.stream, batches } };
    }
    case 'streamResult': {
      const { result: _previous, ...rest } = state.stream;
      return { ...state, stream: event.result ? { ...rest, result: event.result } : rest };
    }
    case 'feed': {
      const { folder: _previous, ...rest } = state.feed;
      return {
        ...state,
        feed: {
          ...rest,
          watched: event.watched,
          files: event.files,
          ...(event.folder !== undefined ? { folder: event.folder } : {}),
        },
      };
    }
    case 'feedError': {
      const { error: _previous, ...rest } = state.feed;
      return { ...state, feed: event.error ? { ...rest, error: event.error } : rest };
    }
    case 'autoFeed':
      return {
        ...state,
        feed: { ...state.feed, autoFeed: { enabled: event.enabled, seconds: event.seconds } },
      };
    case 'equivalence':
      return { ...state, equivalence: event.equivalence };
    case 'reset': {
      const { result: _result, error: _error, ...stream } = state.stream;
      return {
        ...state,
        stream: { ...stream, batches: [] },
        feed: {
          ...state.feed,
          files: state.feed.files.map((file) => ({ ...file, fed: false })),
          autoFeed: { ...state.feed.autoFeed, enabled: false },
        },
        equivalence: { status: 'none' },
      };
    }
  }
}

/**
 * A row of the micro-batch list from a runtime progress record (`batchCompleted` / `batchFailed`); other
 * records (started, stopped, receiver errors) are not batches.
 */
export function microBatchFromRecord(record: unknown): MicroBatchRow | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as Record<string, unknown>;
  if (r.type !== 'batchCompleted' && r.type !== 'batchFailed') return undefined;
  const files = Array.isArray(r.inputFiles)
    ? r.inputFiles.filter((f): f is string => typeof f === 'string').map((f) => basename(f))
    : [];
  return {
    batchTime: numberOr(r.batchTime, 0),
    rows: numberOr(r.numRecords, 0),
    files,
    latencyMs: numberOr(r.totalDelayMs, numberOr(r.processingDelayMs, 0)),
    ...(r.type === 'batchFailed' ? { failed: typeof r.failure === 'string' ? r.failure : 'failed' } : {}),
  };
}

function withoutError(batch: BatchSide): BatchSide {
  const { error: _error, ...rest } = batch;
  return rest;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
