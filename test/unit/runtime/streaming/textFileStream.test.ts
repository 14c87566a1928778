import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectBatches, sorted, stopEverything, streamingKit, tempDir } from './streamingTestKit';

const fixtures = join(__dirname, '..', '..', '..', 'fixtures', 'wordcount');

/** Writes a file and dates it in the past, as a file written earlier and then moved in would be. */
function landFile(path: string, content: string | Buffer): void {
  writeFileSync(path, content);
  const past = new Date(Date.now() - 60_000);
  utimesSync(path, past, past);
}

describe('textFileStream', () => {
  beforeEach(stopEverything);
  afterEach(stopEverything);

  it('reads each new file once, one partition per file; ignores files present at start, hidden names and subdirectories', async () => {
    const dir = tempDir();
    landFile(join(dir, 'before.txt'), 'old\n');
    const { ssc, advanceBatches } = streamingKit(1);
    const lines = ssc.textFileStream(dir, { rescanSeconds: 0 });
    const batches = collectBatches(lines);
    const partitions = collectBatches(lines.glom());
    ssc.start();
    landFile(join(dir, 'a.txt'), 'a1\na2\n');
    landFile(join(dir, 'b.txt'), 'b1\r\nb2'); // CRLF, and a last line without newline
    landFile(join(dir, '.hidden.txt'), 'hidden\n');
    landFile(join(dir, '_SUCCESS'), 'marker\n');
    mkdirSync(join(dir, 'nested'));
    landFile(join(dir, 'nested', 'inner.txt'), 'inner\n');
    await advanceBatches();
    await advanceBatches(); // nothing new
    landFile(join(dir, 'c.txt'), '');
    await advanceBatches();
    assert.deepEqual(batches.map(sorted), [['a1', 'a2', 'b1', 'b2'], [], []]);
    assert.equal(partitions[0]!.length, 2);
    assert.deepEqual(partitions[2], [[]]); // the empty file is still a file: one empty partition
  });

  it('an atomically renamed file is read whole; a hidden temp name is not read before the rename', async () => {
    const dir = tempDir();
    const { ssc, advanceBatches } = streamingKit(1);
    const batches = collectBatches(ssc.textFileStream(dir, { rescanSeconds: 0, stableSeconds: 0 }));
    ssc.start();
    writeFileSync(join(dir, '.incoming.tmp'), 'x\ny\n');
    await advanceBatches();
    renameSync(join(dir, '.incoming.tmp'), join(dir, 'landed.txt'));
    await advanceBatches();
    assert.deepEqual(batches, [[], ['x', 'y']]);
  });

  it('waits until a file has stopped changing before reading it (non-atomic copies)', async () => {
    const dir = tempDir();
    const { ssc, advanceBatches } = streamingKit(1);
    const batches = collectBatches(ssc.textFileStream(dir, { rescanSeconds: 0, stableSeconds: 30 }));
    ssc.start();
    writeFileSync(join(dir, 'copying.txt'), 'first half\n'); // modified just now: still being written
    await advanceBatches();
    writeFileSync(join(dir, 'copying.txt'), 'first half\nsecond half\n');
    await advanceBatches();
    const past = new Date(Date.now() - 60_000); // the copy finished long enough ago
    utimesSync(join(dir, 'copying.txt'), past, past);
    await advanceBatches();
    await advanceBatches();
    assert.deepEqual(batches, [[], [], ['first half', 'second half'], []]);
  });

  it('a file is identified by name: rewritten with a new time it is not read again; deleted and landed again, it is new', async () => {
    const dir = tempDir();
    const { ssc, advanceBatches } = streamingKit(1);
    const batches = collectBatches(ssc.textFileStream(dir, { rescanSeconds: 0 }));
    ssc.start();
    landFile(join(dir, 'f.txt'), 'v1\n');
    await advanceBatches();
    writeFileSync(join(dir, 'f.txt'), 'v2\n');
    const later = new Date(Date.now() - 30_000);
    utimesSync(join(dir, 'f.txt'), later, later);
    await advanceBatches();
    rmSync(join(dir, 'f.txt'));
    await advanceBatches();
    landFile(join(dir, 'f.txt'), 'v3\n');
    await advanceBatches();
    assert.deepEqual(batches, [['v1'], [], [], ['v3']]);
  });

  it('a file that is not UTF-8 stops the stream with an error naming the file', async () => {
    const dir = tempDir();
    const { ssc, advanceBatches } = streamingKit(1);
    collectBatches(ssc.textFileStream(dir, { rescanSeconds: 0 }));
    ssc.start();
    const terminated = ssc.awaitTermination();
    const bad = join(dir, 'latin1.txt');
    landFile(bad, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    await advanceBatches();
    await assert.rejects(terminated, (error: Error) => {
      assert.match(error.message, /failed in reading its input/);
      assert.ok(error.message.includes(`Input file ${bad} is not valid UTF-8`), error.message);
      return true;
    });
    assert.equal(ssc.getState(), 'STOPPED');
  });

  it('accepts file: URIs (local paths, as in Spark) and refuses other file systems', async () => {
    const dir = tempDir();
    const { ssc, advanceBatches } = streamingKit(1);
    const batches = collectBatches(ssc.textFileStream(`file://${dir}`, { rescanSeconds: 0 }));
    assert.throws(
      () => ssc.textFileStream('hdfs://namenode/input'),
      /No FileSystem for scheme in hdfs:\/\/namenode\/input/,
    );
    ssc.start();
    landFile(join(dir, 'uri.txt'), 'via uri\n');
    await advanceBatches();
    assert.deepEqual(batches, [['via uri']]);
  });

  it('start() fails with the path when the directory does not exist', () => {
    const { ssc } = streamingKit(1);
    const missing = join(tempDir(), 'missing');
    ssc.textFileStream(missing).foreachRDD(() => undefined);
    assert.throws(
      () => ssc.start(),
      (error: Error) => error.message.includes(`cannot read directory ${missing}`),
    );
  });

  it('the seed word count as a DStream: data1.csv then data2.csv reach the batch totals with updateStateByKey', async () => {
    const dir = tempDir();
    const { ssc, advanceBatches } = streamingKit(5);
    ssc.checkpoint(tempDir());
    const lines = ssc.textFileStream(dir, { rescanSeconds: 0 });
    const counts = lines
      .map((line) => line.split(','))
      .filter((fields) => Number(fields[2]) > 50)
      .map((fields): [string, number] => [fields[1]!, 1])
      .reduceByKey((x, y) => x + y);
    const perBatch = collectBatches(counts);
    const totals = collectBatches(
      counts.updateStateByKey((newValues: number[], last: number | null) =>
        newValues.reduce((a, b) => a + b, last ?? 0),
      ),
    );
    ssc.start();
    copyFileSync(join(fixtures, 'data1.csv'), join(dir, 'data1.csv'));
    backdate(join(dir, 'data1.csv'));
    await advanceBatches();
    copyFileSync(join(fixtures, 'data2.csv'), join(dir, 'data2.csv'));
    backdate(join(dir, 'data2.csv'));
    await advanceBatches();
    const sum = (pairs: [string, number][], key: string): number =>
      pairs.filter(([k]) => k === key).reduce((a, [, v]) => a + v, 0);
    for (const key of ['A', 'B', 'C']) {
      assert.equal(sum(totals[0]!, key), sum(perBatch[0]!, key), `first batch, ${key}`);
    }
    assert.deepEqual(sorted(totals[1]!), [
      ['A', 18],
      ['B', 16],
      ['C', 10],
    ]);
  });
});

function backdate(path: string): void {
  const past = new Date(Date.now() - 60_000);
  utimesSync(path, past, past);
}
