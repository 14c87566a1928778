// samples/orders: the generator makes exactly the checked-in data; the batch job writes its checked-in
// results; the converter's verdicts are the ones a Spark user expects; the converted stream, fed the
// twelve parts one by one, reaches the batch results except for the orders that arrive after the 30-minute
// watermark: its deduplication drops them (the runtime reports each), and the stream's results are then
// exactly what the batch job writes without those orders.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert, detect } from '../../../src/convert/index';
import { compareRows } from '../../../src/demo/rowComparison';
import { feedParts, readSampleSpec } from '../../../src/demo/sampleSpec';
import { readOutputRows } from '../../../src/demo/sparkOutput';
import {
  defaultOrdersOptions,
  generateOrders,
  ordersHeader,
  parseOrdersArgs,
} from '../../../scripts/gen-orders';
import { lateOrderLines } from './ordersLateRows';
import { copySample, runBatch, runStream } from './sampleRun';
import { samplesRoot, scratchDir } from './toolchain';

const sampleDir = join(samplesRoot, 'orders');
const spec = readSampleSpec(sampleDir);
const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l !== '');

function assertOutputs(
  work: string,
  expectedOf: (o: (typeof spec.outputs)[number]) => string | undefined,
): void {
  for (const output of spec.outputs) {
    const expected = expectedOf(output) ?? '';
    const check = compareRows(
      readOutputRows(join(sampleDir, expected)) ?? [],
      readOutputRows(join(work, output.path)) ?? [],
    );
    assert.ok(check.equal, `${output.path} ≠ ${expected}: ${JSON.stringify(check.differences)}`);
  }
}

describe('samples/orders', function () {
  this.timeout(240_000);
  const work = scratchDir('orders');
  after(() => rmSync(work, { recursive: true, force: true }));
  const late = lateOrderLines(join(sampleDir, spec.feed), feedParts(spec));

  describe('npm run gen:orders', () => {
    it('the default options and seed give exactly the checked-in data', () => {
      const data = generateOrders(defaultOrdersOptions);
      assert.deepEqual(lines(join(sampleDir, 'batch_input', 'orders.csv')), data.orders);
      assert.deepEqual(
        feedParts(spec).map((part) => lines(join(sampleDir, spec.feed, part))),
        data.parts,
      );
      assert.deepEqual(lines(join(sampleDir, 'dimensions', 'customers.csv')), data.customers);
      assert.deepEqual(lines(join(sampleDir, 'dimensions', 'products.csv')), data.products);
      assert.equal(
        readFileSync(join(sampleDir, 'batch_input', 'orders.csv'), 'utf8').split('\n')[0],
        ordersHeader,
      );
    });

    it('is deterministic for a seed, and each problem appears at its rate (none at rate 0)', () => {
      const options = { ...defaultOrdersOptions, rows: 2000, seed: 11 };
      assert.deepEqual(generateOrders(options), generateOrders(options));
      assert.notDeepEqual(generateOrders({ ...options, seed: 12 }).orders, generateOrders(options).orders);
      const data = generateOrders(options);
      assert.equal(data.orders.length, 2000 + data.counts.duplicates);
      // Counted on the orders without their duplicates (a duplicate is an exact copy of its original).
      const single = [...new Set(data.orders)];
      assert.equal(single.length, 2000);
      const field = (l: string, i: number) => Number(l.split(',')[i]);
      assert.equal(single.filter((l) => l.startsWith(',')).length, data.counts.missingId);
      assert.equal(single.filter((l) => field(l, 4) < 0).length, data.counts.negativeQuantity);
      assert.equal(single.filter((l) => field(l, 5) < 0).length, data.counts.negativePrice);
      assert.equal(single.filter((l) => /,cancelled$/i.test(l)).length, data.counts.cancelled);
      for (const [name, rate] of [
        ['missingId', 0.01],
        ['negativeQuantity', 0.05],
        ['negativePrice', 0.05],
        ['duplicates', 0.02],
        ['late', 0.03],
      ] as const)
        assert.ok(
          Math.abs(data.counts[name] / 2000 - rate) < rate * 0.5 + 0.005,
          `${name}: ${data.counts[name]} of 2000`,
        );
      const clean = generateOrders({
        ...options,
        missingIdRate: 0,
        negativeQuantityRate: 0,
        negativePriceRate: 0,
        duplicateRate: 0,
        lateRate: 0,
      });
      assert.equal(clean.orders.length, 2000);
      assert.ok(
        clean.orders.every(
          (l) => !l.startsWith(',') && Number(l.split(',')[4]) > 0 && Number(l.split(',')[5]) > 0,
        ),
      );
      // Without late arrivals, arrival order is event-time order.
      const times = clean.orders.map((l) => l.split(',')[3]);
      assert.deepEqual(times, [...times].sort());
    });

    it('parses its options and names the bad one', () => {
      assert.deepEqual(parseOrdersArgs(['--rows', '50', '--seed', '3', '--late-rate', '0.1', '--out', 'x']), {
        options: { ...defaultOrdersOptions, rows: 50, seed: 3, lateRate: 0.1 },
        out: 'x',
      });
      assert.throws(
        () => parseOrdersArgs(['--rows', '-5']),
        /--rows must be a positive whole number, got "-5"/,
      );
      assert.throws(() => parseOrdersArgs(['--late-rate', '2']), /--late-rate must be a rate from 0 to 1/);
      assert.throws(() => parseOrdersArgs(['--colour', 'red']), /unknown option --colour/);
      assert.throws(() => parseOrdersArgs(['--rows']), /expected --option value/);
    });
  });

  it('the converter: nine pipelines, each convertible with changes (file sinks, static joins), none refused', () => {
    const batchPath = join(sampleDir, 'batch.ts');
    const file = { fileName: batchPath, text: readFileSync(batchPath, 'utf8') };
    const pipelines = detect(file);
    assert.equal(pipelines.length, 9);
    assert.deepEqual(new Set(pipelines.map((p) => p.verdict.status)), new Set(['convertible-with-changes']));
    const conversion = convert(file);
    assert.equal(conversion.converted.length, 9);
    assert.ok(conversion.notes.some((n) => /join\(\) with a static DataFrame/.test(n)));
    assert.equal(
      readFileSync(join(sampleDir, 'batch.stream.ts'), 'utf8'),
      conversion.text,
      'samples/orders/batch.stream.ts is stale: regenerate it with `npx streamshift convert samples/orders/batch.ts -o samples/orders/batch.stream.ts`',
    );
  });

  it('the batch job writes the checked-in results', async () => {
    copySample(spec, work);
    await runBatch(spec, work);
    assertOutputs(work, (o) => o.expected);
  });

  it("the stream's documented results are the batch job's results without the late orders", async () => {
    assert.ok(late.length > 0, 'the feed has orders later than the watermark');
    copySample(spec, work);
    const lateLines = new Set(late);
    const input = join(work, 'batch_input', 'orders.csv');
    writeFileSync(
      input,
      readFileSync(input, 'utf8')
        .split('\n')
        .filter((l) => !lateLines.has(l))
        .join('\n'),
    );
    await runBatch(spec, work);
    assertOutputs(work, (o) => o.streamExpected ?? o.expected);
    // Exactly the outputs downstream of the deduplication differ; the quarantine is before it.
    assert.deepEqual(
      spec.outputs.filter((o) => o.streamExpected === undefined).map((o) => o.path),
      ['batch_output/quarantine/invalid_values', 'batch_output/quarantine/missing_order_id'],
    );
    assert.equal(readdirSync(join(sampleDir, 'expected', 'stream')).length, spec.outputs.length - 2);
  });

  it('the converted stream, fed part by part, reaches the batch results but for the late orders it reports dropped', async () => {
    copySample(spec, work);
    const run = await runStream(spec, work);
    assertOutputs(work, (o) => o.streamExpected ?? o.expected);
    // Each of the seven queries after the deduplication drops every late order once.
    const deduplicating = detect({
      fileName: join(work, 'batch.ts'),
      text: readFileSync(join(work, 'batch.ts'), 'utf8'),
    }).filter((p) => p.label.includes('dropDuplicates')).length;
    assert.equal(deduplicating, 7);
    assert.equal(run.droppedByWatermark, late.length * deduplicating);
  });
});
