import { strict as assert } from 'node:assert';
import {
  initialPanelState,
  keptBatches,
  microBatchFromRecord,
  reducePanel,
} from '../../../src/runPanel/panelState';
import type { PanelState } from '../../../src/runPanel/protocol';

const completed = (batchTime: number, files: string[], numRecords: number) => ({
  type: 'batchCompleted',
  batchTime,
  batchTimeIso: new Date(batchTime).toISOString(),
  inputFiles: files,
  numRecords,
  schedulingDelayMs: 2,
  processingDelayMs: 40,
  totalDelayMs: 42,
  stateSize: 3,
});

describe('run panel state', () => {
  const start = initialPanelState('/w/wordcount/batch.ts', 3);

  it('starts idle and stopped with the auto-feed interval from the settings', () => {
    assert.equal(start.jobName, 'batch.ts');
    assert.equal(start.batch.status, 'idle');
    assert.equal(start.stream.status, 'stopped');
    assert.deepEqual(start.feed.autoFeed, { enabled: false, seconds: 3 });
    assert.equal(start.equivalence.status, 'none');
  });

  it('records a batch run, and a failure clears the previous result', () => {
    let state = reducePanel(start, { type: 'batchStarted' });
    assert.equal(state.batch.status, 'running');
    state = reducePanel(state, {
      type: 'batchFinished',
      durationMs: 812,
      inputRows: 99,
      outputRows: 3,
      result: { columns: ['key', 'value'], rows: [['A', '18']], omittedRows: 0 },
    });
    assert.deepEqual(state.batch, {
      status: 'done',
      durationMs: 812,
      inputRows: 99,
      outputRows: 3,
      result: { columns: ['key', 'value'], rows: [['A', '18']], omittedRows: 0 },
    });
    state = reducePanel(state, { type: 'batchFailed', error: 'boom', durationMs: 5 });
    assert.deepEqual(state.batch, { status: 'failed', error: 'boom', durationMs: 5 });
  });

  it('adds a micro-batch row per completed or failed batch record and ignores other records', () => {
    let state = reducePanel(start, { type: 'streamRecord', record: { type: 'streamingStarted', time: 1 } });
    assert.deepEqual(state.stream.batches, []);
    state = reducePanel(state, {
      type: 'streamRecord',
      record: completed(5000, ['/w/stream_input/data1.csv'], 49),
    });
    state = reducePanel(state, {
      type: 'streamRecord',
      record: {
        type: 'batchFailed',
        batchTime: 10000,
        inputFiles: [],
        numRecords: 0,
        totalDelayMs: 3,
        failure: 'bad row',
      },
    });
    assert.deepEqual(state.stream.batches, [
      { batchTime: 5000, rows: 49, files: ['data1.csv'], latencyMs: 42 },
      { batchTime: 10000, rows: 0, files: [], latencyMs: 3, failed: 'bad row' },
    ]);
  });

  it(`keeps the last ${keptBatches} micro-batches`, () => {
    let state: PanelState = start;
    for (let i = 0; i < keptBatches + 5; i++) {
      state = reducePanel(state, { type: 'streamRecord', record: completed(i, [], i) });
    }
    assert.equal(state.stream.batches.length, keptBatches);
    assert.equal(state.stream.batches[0]!.rows, 5);
  });

  it('sets and clears the stream error with the status', () => {
    let state = reducePanel(start, { type: 'streamStatus', status: 'failed', error: 'exit 1' });
    assert.equal(state.stream.error, 'exit 1');
    state = reducePanel(state, { type: 'streamStatus', status: 'starting' });
    assert.equal(state.stream.error, undefined);
    assert.equal(state.stream.status, 'starting');
  });

  it('reset forgets batches, the stream result, fed marks, auto-feed and the equivalence', () => {
    let state = reducePanel(start, {
      type: 'feed',
      folder: 'feed',
      watched: 'stream_input/',
      files: [
        { name: 'data1.csv', fed: true },
        { name: 'data2.csv', fed: false },
      ],
    });
    state = reducePanel(state, { type: 'autoFeed', enabled: true, seconds: 2 });
    state = reducePanel(state, { type: 'streamRecord', record: completed(1, ['data1.csv'], 49) });
    state = reducePanel(state, { type: 'streamResult', result: { columns: [], rows: [], omittedRows: 0 } });
    state = reducePanel(state, {
      type: 'equivalence',
      equivalence: { status: 'equal', against: 'fed-files', files: ['data1.csv'] },
    });
    state = reducePanel(state, { type: 'reset' });
    assert.deepEqual(state.stream.batches, []);
    assert.equal(state.stream.result, undefined);
    assert.deepEqual(state.feed.files, [
      { name: 'data1.csv', fed: false },
      { name: 'data2.csv', fed: false },
    ]);
    assert.deepEqual(state.feed.autoFeed, { enabled: false, seconds: 2 });
    assert.deepEqual(state.equivalence, { status: 'none' });
  });

  it('keeps a feed error until it is cleared', () => {
    let state = reducePanel(start, { type: 'feedError', error: 'Could not feed x' });
    state = reducePanel(state, { type: 'feed', folder: 'feed', watched: 'in/', files: [] });
    assert.equal(state.feed.error, 'Could not feed x');
    state = reducePanel(state, { type: 'feedError', error: undefined });
    assert.equal(state.feed.error, undefined);
  });
});

describe('microBatchFromRecord', () => {
  it('falls back to the processing delay and refuses non-batch values', () => {
    assert.deepEqual(
      microBatchFromRecord({ type: 'batchCompleted', batchTime: 1, numRecords: 2, processingDelayMs: 7 }),
      {
        batchTime: 1,
        rows: 2,
        files: [],
        latencyMs: 7,
      },
    );
    assert.equal(microBatchFromRecord(null), undefined);
    assert.equal(microBatchFromRecord({ type: 'receiverError' }), undefined);
  });
});
