// samples/sensors: the batch job writes its checked-in results; the converted stream, fed the three parts
// one by one, writes the same averages, hot readings and maxima, and a windowed average that differs
// from the batch's by exactly the late readings the runtime reports as dropped: the deduplication before
// the windows drops readings older than the 2-minute watermark (a complete-mode aggregation keeps late
// rows, as in Spark, so the drop is the deduplication's).
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { convert, detect } from '../../../src/convert/index';
import { compareRows } from '../../../src/demo/rowComparison';
import { feedParts, readSampleSpec } from '../../../src/demo/sampleSpec';
import { readOutputRows } from '../../../src/demo/sparkOutput';
import { copySample, runBatch, runStream } from './sampleRun';
import { samplesRoot, scratchDir } from './toolchain';

const sampleDir = join(samplesRoot, 'sensors');
const spec = readSampleSpec(sampleDir);

interface Reading {
  readonly sensor_id: number;
  readonly timestamp: string;
  readonly temperature: number;
}

const minute = 60_000;
const readJsonLines = (path: string): Reading[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Reading);
const timeOf = (r: Reading) => Date.parse(`${r.timestamp}Z`);

/** The 1-minute windows sliding every 30 s that hold `ms`: [start, end). */
function windowsOf(ms: number): [number, number][] {
  const last = ms - (ms % (minute / 2));
  return [last - minute / 2, last].map((start) => [start, start + minute]);
}

/**
 * Spark's rule, written out by hand: part k's micro-batch runs with the watermark max(event time of the
 * parts before) − 2 minutes, and the deduplication drops a reading whose time is at or before it.
 */
function lateReadings(parts: Reading[][]): Set<string> {
  const late = new Set<string>();
  let maxEventTime = -Infinity;
  for (const part of parts) {
    const watermark = maxEventTime - 2 * minute;
    for (const r of part) if (timeOf(r) <= watermark) late.add(JSON.stringify(r));
    for (const r of part) maxEventTime = Math.max(maxEventTime, timeOf(r));
  }
  return late;
}

/**
 * Rows `start,end,sensor` → the average temperature per sliding window of the readings not in `skip`,
 * each (sensor, time) once (the job deduplicates; the sample's duplicates are exact copies).
 */
function windowedAverages(readings: Reading[], skip: ReadonlySet<string>): Map<string, number> {
  const sums = new Map<string, [number, number]>();
  for (const r of new Map(readings.map((r) => [`${r.sensor_id}|${r.timestamp}`, r])).values()) {
    if (skip.has(JSON.stringify(r))) continue;
    for (const [start, end] of windowsOf(timeOf(r))) {
      const key = `${new Date(start).toISOString()},${new Date(end).toISOString()},${r.sensor_id}`;
      const [sum, n] = sums.get(key) ?? [0, 0];
      sums.set(key, [sum + r.temperature, n + 1]);
    }
  }
  return new Map([...sums].map(([key, [sum, n]]) => [key, sum / n]));
}

/** Output rows `…,value` against averages by key, values equal to 2 decimals (the job rounds). */
function assertAverages(
  rows: readonly string[] | undefined,
  expected: Map<string, number>,
  what: string,
): void {
  assert.ok(rows, `${what}: no output`);
  const actual = new Map(
    rows.map((row) => [row.slice(0, row.lastIndexOf(',')), Number(row.slice(row.lastIndexOf(',') + 1))]),
  );
  assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), `${what}: the windows differ`);
  for (const [key, value] of expected)
    assert.ok(
      Math.abs((actual.get(key) ?? NaN) - value) <= 0.005 + 1e-9,
      `${what}: ${key} is ${actual.get(key)}, expected ${value}`,
    );
}

describe('samples/sensors', function () {
  this.timeout(180_000);
  const work = scratchDir('sensors');
  after(() => rmSync(work, { recursive: true, force: true }));
  const readings = readJsonLines(join(sampleDir, 'batch_input', 'readings.json'));
  const parts = feedParts(spec).map((part) => readJsonLines(join(sampleDir, spec.feed, part)));
  const late = lateReadings(parts);

  it('the feed parts hold exactly the batch input, with readings that arrive after the watermark passed them', () => {
    const key = (r: Reading) => JSON.stringify(r);
    assert.deepEqual(parts.flat().map(key).sort(), readings.map(key).sort());
    // The README's story: four readings arrive after the watermark passed them, two are sent twice.
    assert.equal(late.size, 4);
    const sensorTime = (r: Reading) => `${r.sensor_id}|${r.timestamp}`;
    assert.equal(readings.length - new Set(readings.map(sensorTime)).size, 2);
  });

  it('the checked-in windowed result of the stream is the batch windows without the late readings', () => {
    const output = spec.outputs.find((o) => o.path === 'batch_output/windowed_avg');
    assert.ok(output?.streamExpected);
    assertAverages(
      readOutputRows(join(sampleDir, output.streamExpected)),
      windowedAverages(readings, late),
      output.streamExpected,
    );
    assertAverages(
      readOutputRows(join(sampleDir, output.expected ?? '')),
      windowedAverages(readings, new Set()),
      'expected/windowed_avg',
    );
  });

  it('batch.stream.ts is exactly what the converter makes of batch.ts today', () => {
    const batchPath = join(sampleDir, 'batch.ts');
    const conversion = convert({ fileName: batchPath, text: readFileSync(batchPath, 'utf8') });
    assert.equal(conversion.converted.length, 4);
    assert.deepEqual(
      detect({ fileName: batchPath, text: readFileSync(batchPath, 'utf8') }).map((p) => p.verdict.status),
      // The windowed pipeline drops late rows (its dropDuplicates follows a watermark): a change to note.
      ['convertible', 'convertible-with-changes', 'convertible', 'convertible-with-changes'],
    );
    assert.equal(
      readFileSync(join(sampleDir, 'batch.stream.ts'), 'utf8'),
      conversion.text,
      'samples/sensors/batch.stream.ts is stale: regenerate it with `npx streamshift convert samples/sensors/batch.ts -o samples/sensors/batch.stream.ts`',
    );
  });

  it('the batch job writes the checked-in results', async () => {
    copySample(spec, work);
    await runBatch(spec, work);
    for (const output of spec.outputs) {
      const check = compareRows(
        readOutputRows(join(sampleDir, output.expected ?? '')) ?? [],
        readOutputRows(join(work, output.path)) ?? [],
      );
      assert.ok(check.equal, `${output.path}: ${JSON.stringify(check.differences)}`);
    }
  });

  it('the converted stream, fed part by part, reaches the batch results except the late readings it reports dropped', async () => {
    copySample(spec, work);
    const run = await runStream(spec, work);
    for (const output of spec.outputs) {
      const streamRows = readOutputRows(join(work, output.path)) ?? [];
      const expectedPath = output.streamExpected ?? output.expected ?? '';
      const check = compareRows(readOutputRows(join(sampleDir, expectedPath)) ?? [], streamRows);
      assert.ok(check.equal, `${output.path} ≠ ${expectedPath}: ${JSON.stringify(check.differences)}`);
    }
    assert.equal(
      run.droppedByWatermark,
      late.size,
      'the runtime reports exactly the late readings as dropped',
    );
    assertAverages(
      readOutputRows(join(work, 'batch_output/windowed_avg')),
      windowedAverages(readings, late),
      "the stream's windowed_avg",
    );
  });
});
