import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { session, scratch } from './helpers';

describe('sql: df.write', () => {
  const spark = session();
  const tmp = scratch();
  after(() => tmp.cleanup());
  const df = spark.createDataFrame(
    [
      ['a', 1, 1.5, '2024-01-01 10:00:00', 'x'],
      ['b, "q"', 2, null, null, 'y'],
      ['', 3, 1e7, '2024-01-02 00:00:00.25', 'x'],
    ],
    'name STRING, n INT, v DOUBLE, ts TIMESTAMP, part STRING',
  );
  const partFiles = (dir: string, ext: string): string[] =>
    readdirSync(dir).filter((f) => /^part-\d{5}-[0-9a-f-]{36}-c000\./.test(f) && f.endsWith(ext));

  it('writes CSV as a directory of part files plus _SUCCESS, quoting like Spark', () => {
    const out = join(tmp.dir, 'csv');
    df.write.option('header', true).csv(out);
    const entries = readdirSync(out).sort();
    assert.deepEqual(
      entries.filter((e) => !e.startsWith('part-')),
      ['_SUCCESS'],
    );
    const parts = partFiles(out, '.csv');
    assert.equal(parts.length, 1);
    assert.equal(
      readFileSync(join(out, parts[0]), 'utf8'),
      'name,n,v,ts,part\n' +
        'a,1,1.5,2024-01-01T10:00:00.000Z,x\n' +
        '"b, \\"q\\"",2,,,y\n' +
        '"",3,1.0E7,2024-01-02T00:00:00.250Z,x\n',
    );
    // What was written reads back as the same rows.
    const back = spark.read.schema(df.schema).csv(out, { header: true });
    assert.deepEqual(back.collectArrays(), [
      ['a', 1, 1.5, Date.UTC(2024, 0, 1, 10), 'x'],
      ['b, "q"', 2, null, null, 'y'],
      ['', 3, 1e7, Date.UTC(2024, 0, 2, 0, 0, 0, 250), 'x'],
    ]);
  });

  it('modes: error (default) names the path, ignore keeps it, append adds, overwrite replaces', () => {
    const out = join(tmp.dir, 'modes');
    df.write.json(out);
    assert.throws(
      () => df.write.json(out),
      (e: Error) =>
        e.message ===
        `[PATH_ALREADY_EXISTS] Path file:${out} already exists. Set mode as "overwrite" to overwrite the existing path.`,
    );
    df.limit(1).write.mode('ignore').json(out);
    assert.equal(spark.read.json(out).count(), 3);
    df.limit(1).write.mode('append').json(out);
    assert.equal(spark.read.json(out).count(), 4);
    assert.equal(partFiles(out, '.json').length, 2);
    df.limit(2).write.mode('overwrite').json(out);
    assert.equal(spark.read.json(out).count(), 2);
    assert.equal(partFiles(out, '.json').length, 1);
    assert.throws(() => df.write.mode('sometimes'), /INVALID_SAVE_MODE/);
    // No temporary directories are left next to the output.
    assert.deepEqual(
      readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.old')),
      [],
    );
  });

  it('writes JSON lines without null fields, and reads them back with inferred types', () => {
    const out = join(tmp.dir, 'json');
    df.select('name', 'n', 'v').write.format('json').save(out);
    const text = readFileSync(join(out, partFiles(out, '.json')[0]), 'utf8');
    assert.equal(
      text,
      '{"name":"a","n":1,"v":1.5}\n{"name":"b, \\"q\\"","n":2}\n{"name":"","n":3,"v":1.0E7}\n',
    );
    const back = spark.read.json(out);
    assert.deepEqual(back.dtypes, [
      ['n', 'bigint'],
      ['name', 'string'],
      ['v', 'double'],
    ]);
    assert.deepEqual(back.collectArrays(), [
      [1, 'a', 1.5],
      [2, 'b, "q"', null],
      [3, '', 1e7],
    ]);
  });

  it('partitionBy writes k=v directories without the partition column in the files', () => {
    const out = join(tmp.dir, 'parts');
    df.select('name', 'n', 'part').write.partitionBy('part').csv(out);
    assert.deepEqual(readdirSync(out).sort(), ['_SUCCESS', 'part=x', 'part=y']);
    const x = join(out, 'part=x');
    assert.equal(readFileSync(join(x, partFiles(x, '.csv')[0]), 'utf8'), 'a,1\n"",3\n');
    // Reading the directory back discovers the partition column from the directory names.
    const back = spark.read.schema('name STRING, n INT').csv(out);
    assert.deepEqual(back.dtypes, [
      ['name', 'string'],
      ['n', 'int'],
      ['part', 'string'],
    ]);
    assert.deepEqual(back.orderBy('n').collectArrays(), [
      ['a', 1, 'x'],
      ['b, "q"', 2, 'y'],
      ['', 3, 'x'],
    ]);
    const nums = join(tmp.dir, 'numparts');
    df.select('name', 'n').write.partitionBy('n').json(nums);
    const j = spark.read.json(nums);
    assert.deepEqual(j.dtypes, [
      ['name', 'string'],
      ['n', 'int'],
    ]);
    assert.equal(j.filter('n = 2').count(), 1);
  });

  it('text needs exactly one string column', () => {
    const out = join(tmp.dir, 'text');
    df.select('name').write.text(out);
    assert.equal(readFileSync(join(out, partFiles(out, '.txt')[0]), 'utf8'), 'a\nb, "q"\n\n');
    assert.throws(
      () => df.select('name', 'n').write.text(join(tmp.dir, 'text2')),
      /supports only a single column/,
    );
    assert.equal(existsSync(join(tmp.dir, 'text2')), false);
  });

  it('csv refuses struct and array columns as Spark does, naming the column and its type, writing nothing', () => {
    const windowed = df.where('ts IS NOT NULL').selectExpr("window(ts, '1 minute') AS window", 'n');
    const out = join(tmp.dir, 'structs');
    assert.throws(
      () => windowed.write.csv(out),
      /\[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE\] The CSV datasource doesn't support the column `window` of the type "STRUCT<start: TIMESTAMP, end: TIMESTAMP>"\./,
    );
    assert.throws(
      () => df.selectExpr("split(name, ',') AS xs").write.csv(join(tmp.dir, 'arrays')),
      /column `xs` of the type "ARRAY<STRING>"/,
    );
    assert.equal(existsSync(out), false);
    // The same rows with the window split into its bounds are written.
    windowed.select('window.start', 'window.end', 'n').write.csv(out);
    assert.equal(partFiles(out, '.csv').length, 1);
  });

  it('reads JSON lines with PERMISSIVE corrupt records, DROPMALFORMED and FAILFAST', () => {
    const p = tmp.write(
      'in.json',
      '{"a": 1, "b": "x"}\n{"a": 2.5}\nnot json\n\n{"b": null, "c": {"d": [1, 2]}}\n',
    );
    const df = spark.read.json(p);
    assert.deepEqual(df.dtypes, [
      ['_corrupt_record', 'string'],
      ['a', 'double'],
      ['b', 'string'],
      ['c', 'struct<d:array<bigint>>'],
    ]);
    assert.deepEqual(df.collectArrays(), [
      [null, 1, 'x', null],
      [null, 2.5, null, null],
      ['not json', null, null, null],
      [null, null, null, [[1, 2]]],
    ]);
    assert.equal(spark.read.json(p, { mode: 'DROPMALFORMED' }).count(), 3);
    assert.throws(() => spark.read.json(p, { mode: 'FAILFAST' }).collect(), /FAILFAST.*line 3/);
    const typed = spark.read
      .schema('a DOUBLE, when TIMESTAMP')
      .json(tmp.write('ts.json', '{"a": 1, "when": "2024-05-06 07:08:09"}\n'));
    assert.deepEqual(typed.collectArrays(), [[1, Date.UTC(2024, 4, 6, 7, 8, 9)]]);
  });

  it('reads text files as one value column per line', () => {
    const p = tmp.write('lines.txt', 'one\r\ntwo\n\nthree');
    assert.deepEqual(spark.read.text(p).collectArrays(), [['one'], ['two'], [''], ['three']]);
  });
});
