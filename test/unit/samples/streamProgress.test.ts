// The progress records of both streaming APIs, typed with the runtime's own record types, as the demo
// reads them.
import { strict as assert } from 'node:assert';
import type { StreamingQueryProgress } from '../../../runtime/src/sql/streaming/streamingQuery';
import type { BatchProgress, StreamingStarted } from '../../../runtime/src/streaming/streamingListener';
import { toStreamEvent } from '../../../src/demo/streamProgress';

describe('demo: progress records', () => {
  it('DStream: a completed batch with its files, records, processing time and state', () => {
    const record: BatchProgress = {
      type: 'batchCompleted',
      batchTime: 1_763_780_000_500,
      batchTimeIso: '2025-11-22T02:53:20.500Z',
      inputFiles: ['/w/stream_input/data1.csv'],
      numRecords: 50,
      schedulingDelayMs: 1,
      processingDelayMs: 7.8,
      totalDelayMs: 8.8,
      stateSize: 3,
    };
    assert.deepEqual(toStreamEvent(JSON.parse(JSON.stringify(record))), {
      kind: 'batch',
      label: '02:53:20.500',
      files: ['/w/stream_input/data1.csv'],
      rows: 50,
      durationMs: 7.8,
      stateSize: 3,
    });
    const started: StreamingStarted = {
      type: 'streamingStarted',
      time: 0,
      batchDurationMs: 500,
      recovered: false,
    };
    assert.deepEqual(toStreamEvent(started), { kind: 'started', api: 'dstream', intervalMs: 500 });
  });

  it('DStream: a failed batch and a stop with an error', () => {
    const failed = toStreamEvent({
      type: 'batchFailed',
      batchTime: 1,
      batchTimeIso: '2025-11-22T02:53:20.500Z',
      inputFiles: [],
      failure: 'Error: boom',
    });
    assert.deepEqual(failed, {
      kind: 'failed',
      message: 'the micro-batch of 2025-11-22T02:53:20.500Z failed: Error: boom',
    });
    assert.deepEqual(toStreamEvent({ type: 'streamingStopped', time: 2, error: 'boom' }), {
      kind: 'stopped',
      error: 'boom',
    });
  });

  it("Structured Streaming: a query's progress, files from the file source's end offset", () => {
    const progress: StreamingQueryProgress = {
      id: 'q',
      runId: 'r',
      name: null,
      timestamp: '2025-11-22T02:53:20.500Z',
      batchId: 4,
      numInputRows: 49,
      inputRowsPerSecond: 0,
      processedRowsPerSecond: 0,
      durationMs: { addBatch: 5, triggerExecution: 9 },
      eventTime: {},
      stateOperators: [
        {
          operatorName: 'stateStoreSave',
          numRowsTotal: 3,
          numRowsUpdated: 3,
          numRowsRemoved: 0,
          numRowsDroppedByWatermark: 0,
        },
      ],
      sources: [
        {
          description: 'FileStreamSource[stream_input/]',
          startOffset: null,
          endOffset: { files: [{ path: '/w/stream_input/part-1.csv', mtimeMs: 1 }] },
          latestOffset: null,
          numInputRows: 49,
          inputRowsPerSecond: 0,
          processedRowsPerSecond: 0,
        },
      ],
      sink: { description: 'ForeachBatchSink', numOutputRows: 3 },
    };
    assert.deepEqual(toStreamEvent({ type: 'queryProgress', progress }), {
      kind: 'batch',
      label: '#4',
      files: ['/w/stream_input/part-1.csv'],
      rows: 49,
      durationMs: 9,
      query: 'q',
      stateSize: 3,
    });
    assert.deepEqual(
      toStreamEvent({
        type: 'queryProgress',
        progress: {
          ...progress,
          stateOperators: [{ ...progress.stateOperators[0], numRowsDroppedByWatermark: 8 }],
        },
      }),
      {
        kind: 'batch',
        label: '#4',
        files: ['/w/stream_input/part-1.csv'],
        rows: 49,
        durationMs: 9,
        query: 'q',
        droppedByWatermark: 8,
        stateSize: 3,
      },
      'late rows dropped by the watermark are counted',
    );
    assert.deepEqual(toStreamEvent({ type: 'queryStarted', id: 'q', runId: 'r' }), {
      kind: 'started',
      api: 'structured',
      query: 'q',
    });
    assert.deepEqual(toStreamEvent({ type: 'queryTerminated', id: 'q', runId: 'r', exception: null }), {
      kind: 'stopped',
    });
  });

  it('skips what it does not know', () => {
    for (const record of [null, 7, 'x', {}, { type: 'somethingElse' }, { type: 'queryProgress' }])
      assert.equal(toStreamEvent(record), undefined);
  });
});
