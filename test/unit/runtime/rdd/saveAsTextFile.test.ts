import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useScratchDir, useSparkContext } from './context';

describe('rdd.saveAsTextFile', () => {
  const sc = useSparkContext();
  const dir = useScratchDir();

  it('writes part-NNNNN per partition (empty ones included) and _SUCCESS, elements in Python str() form', () => {
    const out = join(dir(), 'out');
    sc()
      .parallelize<unknown>(['plain', ['A', 18], [['k', 1], 2.5], null, { a: true }], 3)
      .union(sc().parallelize([], 1))
      .saveAsTextFile(out);
    assert.deepEqual(readdirSync(out).sort(), [
      '_SUCCESS',
      'part-00000',
      'part-00001',
      'part-00002',
      'part-00003',
    ]);
    assert.equal(readFileSync(join(out, '_SUCCESS'), 'utf8'), '');
    assert.equal(readFileSync(join(out, 'part-00000'), 'utf8'), 'plain\n');
    assert.equal(readFileSync(join(out, 'part-00001'), 'utf8'), "('A', 18)\n(('k', 1), 2.5)\n");
    assert.equal(readFileSync(join(out, 'part-00002'), 'utf8'), "None\n{'a': True}\n");
    assert.equal(readFileSync(join(out, 'part-00003'), 'utf8'), '');
  });

  it('reads back with textFile (which skips _SUCCESS)', () => {
    const out = join(dir(), 'roundtrip');
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
    sc().parallelize(lines, 4).saveAsTextFile(out);
    assert.deepEqual(sc().textFile(out).collect(), lines);
  });

  it("refuses an existing path with Spark's message, and leaves it untouched", () => {
    const out = join(dir(), 'exists');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'keep');
    assert.throws(
      () => sc().parallelize([1]).saveAsTextFile(out),
      (error: Error) => {
        assert.equal(error.message, `Output directory file:${out} already exists`);
        return true;
      },
    );
    assert.equal(readFileSync(join(out, 'keep.txt'), 'utf8'), 'keep');
  });

  it('replaces an existing path with { overwrite: true }', () => {
    const out = join(dir(), 'again');
    sc().parallelize(['old1', 'old2', 'old3'], 3).saveAsTextFile(out);
    sc().parallelize(['new'], 1).saveAsTextFile(out, { overwrite: true });
    assert.deepEqual(readdirSync(out).sort(), ['_SUCCESS', 'part-00000']);
    assert.equal(readFileSync(join(out, 'part-00000'), 'utf8'), 'new\n');
    assert.deepEqual(readdirSync(dir()), ['again']);
  });

  it('refuses a compression codec rather than silently writing plain text', () => {
    const out = join(dir(), 'gz');
    assert.throws(
      () => sc().parallelize([1]).saveAsTextFile(out, 'org.apache.hadoop.io.compress.GzipCodec'),
      /compressionCodecClass is not supported/,
    );
    assert.equal(existsSync(out), false);
  });

  it('creates missing parent directories', () => {
    const out = join(dir(), 'a', 'b', 'out');
    sc().parallelize([1], 1).saveAsTextFile(out);
    assert.equal(readFileSync(join(out, 'part-00000'), 'utf8'), '1\n');
  });

  it('a failing job leaves no output directory and no temporary files behind', () => {
    const out = join(dir(), 'failed');
    const rdd = sc()
      .parallelize([1, 2, 3, 4], 2)
      .map((x) => {
        if (x === 4) throw new Error('boom');
        return x;
      });
    assert.throws(() => rdd.saveAsTextFile(out), /map failed in partition 1 on element 4: Error: boom/);
    assert.equal(existsSync(out), false);
    assert.deepEqual(readdirSync(dir()), []);
  });

  it('a failing overwrite keeps the previous output intact', () => {
    const out = join(dir(), 'previous');
    sc().parallelize(['kept'], 1).saveAsTextFile(out);
    const failing = sc()
      .parallelize([1], 1)
      .map(() => {
        throw new Error('nope');
      });
    assert.throws(() => failing.saveAsTextFile(out, { overwrite: true }), /nope/);
    assert.equal(readFileSync(join(out, 'part-00000'), 'utf8'), 'kept\n');
    assert.deepEqual(readdirSync(dir()), ['previous']);
  });

  it('writes large partitions in several buffered writes', () => {
    const out = join(dir(), 'large');
    const values = Array.from({ length: 50_000 }, (_, i) => [`key-${i}`, i]);
    sc().parallelize(values, 1).saveAsTextFile(out);
    const text = readFileSync(join(out, 'part-00000'), 'utf8');
    const lines = text.split('\n');
    assert.equal(lines.length, 50_001);
    assert.equal(lines[49_999], "('key-49999', 49999)");
  });
});
