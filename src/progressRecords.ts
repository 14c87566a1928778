// Reads the runtime's progress records (JSON lines appended to the file named by STREAMSHIFT_EVENTS) and
// keeps the figures the status bar shows. Tolerant by design: a half-written last line is kept until its
// newline arrives, and a record we do not know is skipped, never an error.
import { closeSync, openSync, readSync, statSync } from 'node:fs';

export interface ProgressSummary {
  /** Completed micro-batches. */
  readonly batches: number;
  /** Rows in the last completed batch. */
  readonly lastRows?: number;
  /** End-to-end latency of the last completed batch in milliseconds. */
  readonly lastLatencyMs?: number;
  /** Set once the runtime reported that the stream stopped. */
  readonly stopped: boolean;
}

export const emptySummary: ProgressSummary = { batches: 0, stopped: false };

/** Folds one record into the summary. Unknown records leave it unchanged. */
export function applyRecord(summary: ProgressSummary, record: unknown): ProgressSummary {
  if (typeof record !== 'object' || record === null) return summary;
  const outer = record as Record<string, unknown>;
  // Structured Streaming nests the figures: { type: 'queryProgress', progress: { numInputRows, ... } }.
  const nested = typeof outer.progress === 'object' && outer.progress !== null ? outer.progress : {};
  const r = { ...(nested as Record<string, unknown>), ...outer };
  const type = typeof r.type === 'string' ? r.type : typeof r.event === 'string' ? r.event : '';
  if (/stop|terminat/i.test(type)) return { ...summary, stopped: true };
  if (!isBatchCompletion(type, r)) return summary;
  const rows = firstNumber(r, ['numInputRows', 'numRecords', 'rows', 'records']);
  const latency = latencyOf(r);
  return {
    batches: summary.batches + 1,
    stopped: summary.stopped,
    ...(rows !== undefined ? { lastRows: rows } : {}),
    ...(latency !== undefined ? { lastLatencyMs: latency } : {}),
  };
}

/** Splits appended text into complete lines; returns the records and the unfinished tail. */
export function parseRecordLines(buffered: string): { records: unknown[]; rest: string } {
  const lines = buffered.split('\n');
  const rest = lines.pop() ?? '';
  const records: unknown[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      // A line that is not JSON is not a progress record (e.g. a truncated write after a crash).
    }
  }
  return { records, rest };
}

/** Reads what was appended to the events file since the last call. */
export class ProgressFileReader {
  private offset = 0;
  private rest = '';
  private summaryValue: ProgressSummary = emptySummary;

  constructor(private readonly path: string) {}

  get summary(): ProgressSummary {
    return this.summaryValue;
  }

  /** Returns the records appended since the last poll (none if the file does not exist yet). */
  poll(): unknown[] {
    let size: number;
    try {
      size = statSync(this.path).size;
    } catch {
      return [];
    }
    if (size < this.offset) {
      // The file was replaced (a new run): start over.
      this.offset = 0;
      this.rest = '';
    }
    if (size === this.offset) return [];
    const buffer = Buffer.alloc(size - this.offset);
    const fd = openSync(this.path, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, this.offset);
    } finally {
      closeSync(fd);
    }
    this.offset = size;
    const { records, rest } = parseRecordLines(this.rest + buffer.toString('utf8'));
    this.rest = rest;
    for (const record of records) this.summaryValue = applyRecord(this.summaryValue, record);
    return records;
  }
}

function isBatchCompletion(type: string, r: Record<string, unknown>): boolean {
  if (type) return /batch(completed|end|done)|progress|microbatch/i.test(type.replace(/[-_ ]/g, ''));
  return 'batchId' in r || 'batchTime' in r;
}

function latencyOf(r: Record<string, unknown>): number | undefined {
  const direct = firstNumber(r, [
    'latencyMs',
    'totalDelayMs',
    'totalDelay',
    'processingDelayMs',
    'processingDelay',
    'durationMs',
  ]);
  if (direct !== undefined) return direct;
  const durations = r.durationMs;
  if (typeof durations === 'object' && durations !== null) {
    return firstNumber(durations as Record<string, unknown>, ['triggerExecution', 'addBatch']);
  }
  return undefined;
}

function firstNumber(r: Record<string, unknown>, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = r[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return undefined;
}
