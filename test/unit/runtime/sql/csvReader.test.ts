import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { col, count, explode, split, sum } from '@streamshift/runtime/sql/functions';
import { session, scratch } from './helpers';

describe('sql: spark.read.csv', () => {
  const spark = session();
  const tmp = scratch();
  after(() => tmp.cleanup());

  const rows = (df: { collectArrays(): unknown[][] }): unknown[][] => df.collectArrays();

  describe('schema inference (Spark’s int → bigint → double → date → timestamp → boolean → string)', () => {
    it('infers each column from all its values, ignoring empty ones', () => {
      const p = tmp.write(
        'infer.csv',
        'i,l,d,ts,dt,b,s,mixed,dts\n' +
          '1,1,1,2024-01-01 10:00:00,2024-01-01,true,x,1,2024-01-01\n' +
          '2,3000000000,1.5,2024-01-02T11:30:00,2024-01-02,FALSE,y,a,2024-01-01 10:00:00\n' +
          ',,,,,,,,\n',
      );
      const df = spark.read.csv(p, { header: true, inferSchema: true });
      assert.deepEqual(df.dtypes, [
        ['i', 'int'],
        ['l', 'bigint'],
        ['d', 'double'],
        ['ts', 'timestamp'],
        ['dt', 'date'],
        ['b', 'boolean'],
        ['s', 'string'],
        ['mixed', 'string'],
        ['dts', 'timestamp'],
      ]);
      const r = rows(df);
      assert.equal(r.length, 3);
      assert.deepEqual(r[1].slice(0, 3), [2, 3000000000, 1.5]);
      assert.equal(r[0][3], Date.UTC(2024, 0, 1, 10));
      assert.equal(r[1][5], false);
      assert.deepEqual(r[2], [null, null, null, null, null, null, null, null, null]);
    });

    it('reads every column as string without inferSchema, and names columns _c0… without a header', () => {
      const p = tmp.write('noheader.csv', '1,a\n2,b\n');
      const df = spark.read.csv(p);
      assert.deepEqual(df.dtypes, [
        ['_c0', 'string'],
        ['_c1', 'string'],
      ]);
      assert.deepEqual(rows(df), [
        ['1', 'a'],
        ['2', 'b'],
      ]);
    });

    it('renames blank and duplicate header names as Spark does', () => {
      const p = tmp.write('dupes.csv', 'a,,a\n1,2,3\n');
      assert.deepEqual(spark.read.csv(p, { header: true }).columns, ['a0', '_c1', 'a2']);
    });
  });

  describe('file shapes', () => {
    it('handles quoted separators, quoted newlines, doubled and backslash-escaped quotes', () => {
      const p = tmp.write(
        'quoted.csv',
        'id,text\n1,"hello, world"\n2,"line1\nline2"\n3,"say ""hi"""\n4,"back\\"slash"\n5,plain\n',
      );
      assert.deepEqual(rows(spark.read.csv(p, { header: true })), [
        ['1', 'hello, world'],
        ['2', 'line1\nline2'],
        ['3', 'say "hi"'],
        ['4', 'back"slash'],
        ['5', 'plain'],
      ]);
    });

    it('handles a BOM, CRLF line ends, blank lines and a missing trailing newline', () => {
      const p = tmp.write('crlf.csv', '\ufeffa,b\r\n1,x\r\n\r\n2,"y\r\nz"\r\n3,w');
      const df = spark.read.csv(p, { header: true, inferSchema: true });
      assert.deepEqual(df.columns, ['a', 'b']);
      assert.deepEqual(rows(df), [
        [1, 'x'],
        [2, 'y\r\nz'],
        [3, 'w'],
      ]);
    });

    it('reads header-only and empty files as no rows', () => {
      const h = tmp.write('headeronly.csv', 'a,b\n');
      const df = spark.read.csv(h, { header: true, inferSchema: true });
      assert.deepEqual(df.dtypes, [
        ['a', 'string'],
        ['b', 'string'],
      ]);
      assert.equal(df.count(), 0);
      const e = tmp.write('empty.csv', '');
      assert.equal(spark.read.schema('a INT').csv(e).count(), 0);
      assert.throws(() => spark.read.csv(e, { header: true }), /UNABLE_TO_INFER_SCHEMA/);
    });

    it('applies sep, quote, nullValue and timestampFormat', () => {
      const p = tmp.write('opts.csv', "name;when;v\n'a;b';01/02/2024 13:45;NA\nc;31/12/2023 00:00;7\n");
      const df = spark.read.csv(p, {
        header: true,
        inferSchema: true,
        sep: ';',
        quote: "'",
        nullValue: 'NA',
        timestampFormat: 'dd/MM/yyyy HH:mm',
      });
      assert.deepEqual(df.dtypes, [
        ['name', 'string'],
        ['when', 'timestamp'],
        ['v', 'int'],
      ]);
      assert.deepEqual(rows(df), [
        ['a;b', Date.UTC(2024, 1, 1, 13, 45), null],
        ['c', Date.UTC(2023, 11, 31), 7],
      ]);
    });

    it('reads directories (skipping _ and . files), globs and lists of paths', () => {
      tmp.write('dir/part-0.csv', 'k,v\na,1\n');
      tmp.write('dir/part-1.csv', 'k,v\nb,2\n');
      tmp.write('dir/_SUCCESS', '');
      tmp.write('dir/.part-0.csv.crc', 'garbage');
      const dir = join(tmp.dir, 'dir');
      const byDir = spark.read.csv(dir, { header: true, inferSchema: true });
      assert.deepEqual(rows(byDir), [
        ['a', 1],
        ['b', 2],
      ]);
      assert.equal(spark.read.csv(join(dir, 'part-*.csv'), { header: true }).count(), 2);
      assert.equal(
        spark.read.csv([join(dir, 'part-0.csv'), join(dir, 'part-1.csv')], { header: true }).count(),
        2,
      );
    });

    it('fails with Spark’s PATH_NOT_FOUND for a missing path', () => {
      assert.throws(
        () => spark.read.csv(join(tmp.dir, 'nope.csv')),
        /\[PATH_NOT_FOUND\] Path does not exist: file:.*nope\.csv/,
      );
    });
  });

  describe('malformed records', () => {
    const text = 'id,name,score\n1,alice,10\n2,bob,notanumber\n3,carol\n4,dave,40,extra\n5,"eve",50\n';
    let path = '';
    before(() => {
      path = tmp.write('bad.csv', text);
    });

    it('PERMISSIVE keeps every row, nulling what does not parse', () => {
      const df = spark.read.schema('id INT, name STRING, score INT').csv(path, { header: true });
      assert.equal(df.count(), 5);
      assert.deepEqual(rows(df), [
        [1, 'alice', 10],
        [2, 'bob', null],
        [3, 'carol', null],
        [4, 'dave', 40],
        [5, 'eve', 50],
      ]);
    });

    it('PERMISSIVE fills columnNameOfCorruptRecord with the raw record', () => {
      const df = spark.read
        .schema('id INT, name STRING, score INT, bad STRING')
        .option('columnNameOfCorruptRecord', 'bad')
        .csv(path, { header: true });
      assert.deepEqual(rows(df.select('id', 'bad')), [
        [1, null],
        [2, '2,bob,notanumber'],
        [3, '3,carol'],
        [4, '4,dave,40,extra'],
        [5, null],
      ]);
      assert.equal(df.filter(col('bad').isNotNull()).count(), 3);
    });

    it('DROPMALFORMED drops the 3 malformed rows', () => {
      const df = spark.read
        .schema('id INT, name STRING, score INT')
        .csv(path, { header: true, mode: 'DROPMALFORMED' });
      assert.deepEqual(rows(df), [
        [1, 'alice', 10],
        [5, 'eve', 50],
      ]);
      assert.equal(df.count(), 2);
    });

    it('FAILFAST fails on the first malformed record, naming the file and line', () => {
      const df = spark.read
        .schema('id INT, name STRING, score INT')
        .csv(path, { header: true, mode: 'FAILFAST' });
      assert.throws(
        () => df.collect(),
        (e: Error) =>
          /\[MALFORMED_RECORD_IN_PARSING\.WITHOUT_SUGGESTION\] Malformed records are detected in record parsing: \[2,bob,notanumber\]\. Parse Mode: FAILFAST/.test(
            e.message,
          ) && e.message.includes(`file ${path}, line 3`),
      );
    });
  });

  it('runs scan → filter → project → explode → aggregate over CSV as one stage with the same results', () => {
    const p = tmp.write('stage.csv', 'id,tags,score\n1,a b,10\n2,b,60\n3,,70\n4,c a,80\n');
    const df = spark.read.csv(p, { header: true, inferSchema: true });
    const out = df
      .filter(col('score').gt(50))
      .select(col('id').multiply(2).alias('id2'), explode(split(col('tags'), ' ')).alias('tag'))
      .groupBy('tag')
      .agg(count('*').alias('n'), sum('id2').alias('s'))
      .orderBy('tag');
    assert.deepEqual(rows(out), [
      ['a', 1, 8],
      ['b', 1, 4],
      ['c', 1, 8],
    ]);
    assert.equal(df.filter(col('score').gt(50)).count(), 3);
    assert.deepEqual(rows(df.filter(col('tags').isNull()).select('id')), [[3]]);
  });

  it('format("csv").option(…).load(path) is the same as csv(path, options)', () => {
    const p = tmp.write('load.csv', 'a,b\n1,2\n');
    const df = spark.read.format('csv').option('header', 'true').options({ inferSchema: true }).load(p);
    assert.deepEqual(df.dtypes, [
      ['a', 'int'],
      ['b', 'int'],
    ]);
    assert.throws(() => spark.read.format('parquet').load(p), /UNSUPPORTED_DATASOURCE/);
  });
});

describe('sql: CSV options in generated code', () => {
  const spark = session();
  const tmp = scratch();
  after(() => tmp.cleanup());

  it('treats hostile separators, null values and comment markers as data', () => {
    const nullValue = "'); globalThis.pwnedCsv = 1; ('";
    const p = tmp.write('hostile.csv', `a\`b\n${nullValue}\`1\n#x\`2\n"\\"\`"\`3\n`);
    const df = spark.read.csv(p, { header: true, sep: '`', nullValue, comment: '#', inferSchema: true });
    assert.deepEqual(df.columns, ['a', 'b']);
    assert.deepEqual(df.collectArrays(), [
      [null, 1],
      ['"`', 3],
    ]);
    assert.equal((globalThis as { pwnedCsv?: number }).pwnedCsv, undefined);
  });
});
