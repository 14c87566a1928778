import { strict as assert } from 'node:assert';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyRecord,
  emptySummary,
  parseRecordLines,
  ProgressFileReader,
} from '../../../src/progressRecords';
import { formatMs, statusBarText } from '../../../src/statusBarText';

describe('progress records', () => {
  it('counts completed batches with rows and latency (DStream and Structured Streaming shapes)', () => {
    let summary = applyRecord(emptySummary, {
      type: 'batchCompleted',
      batchTime: 1000,
      numRecords: 4,
      totalDelay: 31,
    });
    summary = applyRecord(summary, {
      type: 'progress',
      batchId: 1,
      numInputRows: 7,
      durationMs: { triggerExecution: 45 },
    });
    assert.deepEqual(summary, { batches: 2, lastRows: 7, lastLatencyMs: 45, stopped: false });
  });

  it("reads the runtime's own records (streamingListener.ts): batchCompleted, batchFailed, streamingStopped", () => {
    let summary = applyRecord(emptySummary, {
      type: 'streamingStarted',
      time: 1,
      batchDurationMs: 1000,
      recovered: false,
    });
    summary = applyRecord(summary, {
      type: 'batchCompleted',
      batchTime: 2000,
      batchTimeIso: '1970-01-01T00:00:02.000Z',
      inputFiles: ['stream_input/data1.csv'],
      numRecords: 50,
      schedulingDelayMs: 1,
      processingDelayMs: 8,
      totalDelayMs: 9,
      stateSize: 3,
    });
    summary = applyRecord(summary, {
      type: 'batchFailed',
      batchTime: 3000,
      numRecords: 2,
      totalDelayMs: 4,
      failure: 'x',
    });
    assert.deepEqual(summary, { batches: 1, lastRows: 50, lastLatencyMs: 9, stopped: false });
    assert.equal(applyRecord(summary, { type: 'streamingStopped', time: 5 }).stopped, true);
  });

  it("reads Structured Streaming's queryProgress records and notes queryTerminated", () => {
    const summary = applyRecord(emptySummary, {
      type: 'queryProgress',
      progress: { batchId: 0, numInputRows: 12, durationMs: { triggerExecution: 30, addBatch: 20 } },
    });
    assert.deepEqual(summary, { batches: 1, lastRows: 12, lastLatencyMs: 30, stopped: false });
    assert.equal(applyRecord(summary, { type: 'queryTerminated', id: 'q' }).stopped, true);
  });

  it('ignores records it does not know and notes a stop', () => {
    let summary = applyRecord(emptySummary, { type: 'fileDiscovered', path: 'x.csv' });
    summary = applyRecord(summary, 'not an object');
    assert.deepEqual(summary, emptySummary);
    assert.equal(applyRecord(summary, { type: 'streamStopped' }).stopped, true);
  });

  it('keeps a half-written last line until its newline arrives and skips lines that are not JSON', () => {
    const first = parseRecordLines('{"a":1}\nnot json\n{"b":');
    assert.deepEqual(first, { records: [{ a: 1 }], rest: '{"b":' });
    assert.deepEqual(parseRecordLines(`${first.rest}2}\n`), { records: [{ b: 2 }], rest: '' });
  });

  it('reads only what was appended since the last poll', () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamshift-progress-'));
    try {
      const file = join(dir, 'events.jsonl');
      const reader = new ProgressFileReader(file);
      assert.deepEqual(reader.poll(), []);
      writeFileSync(file, '{"type":"batchCompleted","numInputRows":1,"latencyMs":5}\n{"type":"batch');
      assert.equal(reader.poll().length, 1);
      appendFileSync(file, 'Completed","numInputRows":2,"latencyMs":6}\n');
      assert.equal(reader.poll().length, 1);
      assert.deepEqual(reader.summary, { batches: 2, lastRows: 2, lastLatencyMs: 6, stopped: false });
      writeFileSync(file, '{"type":"batchCompleted","numInputRows":9}\n');
      assert.equal(reader.poll().length, 1, 'a replaced file is read from its start');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('statusBarText', () => {
  it('shows batches and the last latency', () => {
    assert.deepEqual(
      statusBarText('stream.ts', { batches: 3, lastRows: 7, lastLatencyMs: 1234, stopped: false }),
      {
        text: '$(pulse) 3 batches · 1.23 s',
        tooltip:
          'Streamshift: stream.ts streaming — 3 batches completed, 7 rows in the last batch, last latency 1.23 s',
      },
    );
    assert.equal(statusBarText('s.ts', { batches: 1, stopped: true }).text, '$(debug-stop) 1 batch');
  });

  it('formats milliseconds for people', () => {
    assert.deepEqual([formatMs(12.4), formatMs(999), formatMs(15_500)], ['12 ms', '999 ms', '15.5 s']);
  });
});
