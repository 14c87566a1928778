import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setReadChunkSize } from '../../../../runtime/src/io/lineReader';
import { planFileSplits } from '../../../../runtime/src/io/fileSplits';
import { useScratchDir, useSparkContext } from './context';

describe('sc.textFile', () => {
  const sc = useSparkContext();
  const dir = useScratchDir();
  const file = (name: string, content: string | Buffer): string => {
    const path = join(dir(), name);
    writeFileSync(path, content);
    return path;
  };

  it('reads lines, with or without a trailing newline, keeping empty lines', () => {
    assert.deepEqual(sc().textFile(file('a.txt', 'x\ny\n')).collect(), ['x', 'y']);
    assert.deepEqual(sc().textFile(file('b.txt', 'x\ny')).collect(), ['x', 'y']);
    assert.deepEqual(sc().textFile(file('c.txt', 'x\n\n\ny\n\n')).collect(), ['x', '', '', 'y', '']);
    assert.deepEqual(sc().textFile(file('d.txt', '')).collect(), []);
    assert.deepEqual(sc().textFile(file('e.txt', '\n')).collect(), ['']);
  });

  it('ends lines at \\r\\n, \\r and \\n, as Hadoop does', () => {
    assert.deepEqual(sc().textFile(file('crlf.txt', 'a\r\nb\r\n\r\nc')).collect(), ['a', 'b', '', 'c']);
    assert.deepEqual(sc().textFile(file('cr.txt', 'a\rb\r')).collect(), ['a', 'b']);
    assert.deepEqual(sc().textFile(file('mixed.txt', 'a\r\nb\nc\rd')).collect(), ['a', 'b', 'c', 'd']);
  });

  it('streams with small chunks: CRLF and a UTF-8 character straddling chunk boundaries', () => {
    // "é" (2 bytes), "€" (3 bytes) and "😀" (4 bytes) land across 4-byte chunk boundaries, as do the
    // \r and \n of CRLF pairs.
    const lines = ['héllo', 'a€b', '😀x😀', '', 'plain line', 'ab€', 'z'];
    const content = lines.join('\r\n') + '\r\n';
    const path = file('chunks.txt', content);
    for (const chunkSize of [1, 2, 3, 4, 5, 7, 16]) {
      const previous = setReadChunkSize(chunkSize);
      try {
        for (const minPartitions of [1, 2, 3, 5, 11]) {
          assert.deepEqual(
            sc().textFile(path, minPartitions).collect(),
            lines,
            `chunk size ${chunkSize}, minPartitions ${minPartitions}`,
          );
        }
      } finally {
        setReadChunkSize(previous);
      }
    }
  });

  it('byte-range splits give every line to exactly one partition, whatever the split points', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const lines = Array.from(
      { length: 60 },
      (_, i) => `${i}:${'é'.repeat(random(4))}${'x'.repeat(random(30))}`,
    );
    const endings = ['\n', '\r\n'];
    const content = lines.map((line) => line + endings[random(2)]).join('');
    const path = file('splits.txt', content.slice(0, -1));
    const previous = setReadChunkSize(8);
    try {
      for (let minPartitions = 1; minPartitions <= 40; minPartitions += 3) {
        const rdd = sc().textFile(path, minPartitions);
        assert.ok(rdd.getNumPartitions() >= Math.min(minPartitions, 1));
        assert.deepEqual(
          rdd.collect(),
          lines.map((line, i) => (i === lines.length - 1 ? line.replace(/\r$/, '') : line)),
        );
      }
    } finally {
      setReadChunkSize(previous);
    }
  });

  it('cuts files into partitions as Hadoop does (default minPartitions = min(defaultParallelism, 2))', () => {
    const path = file('hundred.txt', 'x'.repeat(99) + '\n');
    assert.equal(sc().textFile(path).getNumPartitions(), 2);
    assert.equal(sc().textFile(path, 1).getNumPartitions(), 1);
    assert.equal(sc().textFile(path, 4).getNumPartitions(), 4);
    // The last split may be up to 10% larger than the others: 105 bytes with a goal of 50 gives 2 splits.
    assert.deepEqual(
      planFileSplits([{ path: 'f', size: 105 }], 2).map((split) => [split.start, split.length]),
      [
        [0, 52],
        [52, 53],
      ],
    );
    assert.deepEqual(
      planFileSplits(
        [
          { path: 'f', size: 0 },
          { path: 'g', size: 10 },
        ],
        2,
      ).map((s) => [s.path, s.start, s.length]),
      [
        ['f', 0, 0],
        ['g', 0, 5],
        ['g', 5, 5],
      ],
    );
    assert.deepEqual(
      planFileSplits([{ path: 'big', size: 100 * 1024 * 1024 }], 1).map((s) => s.length),
      [32, 32, 32, 4].map((mb) => mb * 1024 * 1024),
    );
  });

  it("reads a directory's files in name order, skipping names that start with . or _", () => {
    mkdirSync(join(dir(), 'in'));
    writeFileSync(join(dir(), 'in', 'b.csv'), 'b1\nb2\n');
    writeFileSync(join(dir(), 'in', 'a.csv'), 'a1\n');
    writeFileSync(join(dir(), 'in', '.hidden'), 'nope\n');
    writeFileSync(join(dir(), 'in', '_SUCCESS'), '');
    assert.deepEqual(sc().textFile(join(dir(), 'in')).collect(), ['a1', 'b1', 'b2']);
    assert.deepEqual(sc().textFile(join(dir(), 'in'), 1).getNumPartitions(), 2);
  });

  it('a nested directory is an error, as in Hadoop', () => {
    mkdirSync(join(dir(), 'in', 'sub'), { recursive: true });
    writeFileSync(join(dir(), 'in', 'a.csv'), 'a\n');
    assert.throws(() => sc().textFile(join(dir(), 'in')).collect(), /Not a file: file:.*sub/);
  });

  it('expands globs, comma-separated lists, arrays of paths and file: URIs', () => {
    mkdirSync(join(dir(), 'logs', 'day1'), { recursive: true });
    mkdirSync(join(dir(), 'logs', 'day2'), { recursive: true });
    writeFileSync(join(dir(), 'logs', 'day1', 'x.log'), '1x\n');
    writeFileSync(join(dir(), 'logs', 'day1', 'y.txt'), '1y\n');
    writeFileSync(join(dir(), 'logs', 'day2', 'x.log'), '2x\n');
    writeFileSync(join(dir(), 'logs', 'day2', '_x.log'), 'hidden\n');
    assert.deepEqual(
      sc()
        .textFile(join(dir(), 'logs', '*', '*.log'))
        .collect(),
      ['1x', '2x'],
    );
    assert.deepEqual(
      sc()
        .textFile(join(dir(), 'logs', 'day?', '{x,y}.*'))
        .collect(),
      ['1x', '1y', '2x'],
    );
    assert.deepEqual(
      sc()
        .textFile(join(dir(), 'logs', 'day[2]'))
        .collect(),
      ['2x'],
    );
    const list = `${join(dir(), 'logs', 'day2', 'x.log')},file://${join(dir(), 'logs', 'day1', 'y.txt')}`;
    assert.deepEqual(sc().textFile(list).collect(), ['2x', '1y']);
    assert.deepEqual(
      sc()
        .textFile([join(dir(), 'logs', 'day1', 'x.log'), join(dir(), 'logs', 'day2')])
        .collect(),
      ['1x', '2x'],
    );
  });

  it("is lazy, then names a missing path or an empty glob with Spark's wording", () => {
    const missing = sc().textFile(join(dir(), 'nope.csv'));
    assert.throws(
      () => missing.count(),
      (error: Error) => {
        assert.equal(error.message, `Input path does not exist: file:${join(dir(), 'nope.csv')}`);
        return true;
      },
    );
    assert.throws(
      () => sc().textFile(join(dir(), '*.csv')).count(),
      /Input Pattern file:.*\*\.csv matches 0 files/,
    );
    // Shuffles and sorts over a missing input are built without touching the file system either.
    const pipeline = missing
      .map((line) => [line, 1])
      .reduceByKey((a, b) => a + b)
      .sortByKey()
      .join(missing.map((line) => [line, 2]));
    assert.throws(() => pipeline.collect(), /Input path does not exist/);
  });

  it('an unreadable file fails the action with an error naming the path', () => {
    const path = file('vanishing.txt', 'a\n');
    const rdd = sc().textFile(path);
    assert.equal(rdd.getNumPartitions(), 2); // inputs are listed now; the file disappears before it is read
    rmSync(path);
    assert.throws(
      () => rdd.collect(),
      (error: Error) => {
        assert.ok(error.message.startsWith(`Cannot read input file ${path}`), error.message);
        return true;
      },
    );
  });

  it('invalid UTF-8 fails with an error naming the path, never silently', () => {
    const path = file('latin1.txt', Buffer.from([0x61, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    assert.throws(
      () => sc().textFile(path).collect(),
      (error: Error) => {
        assert.match(error.message, /^Invalid UTF-8 in input file .*latin1\.txt/);
        return true;
      },
    );
  });

  it('wholeTextFiles gives [file:/path, content] pairs', () => {
    mkdirSync(join(dir(), 'docs'));
    writeFileSync(join(dir(), 'docs', 'one.txt'), 'first\nfile');
    writeFileSync(join(dir(), 'docs', 'two.txt'), 'second');
    writeFileSync(join(dir(), 'docs', '.skip'), 'no');
    const pairs = sc().wholeTextFiles(join(dir(), 'docs')).collect();
    assert.deepEqual(pairs, [
      [`file:${join(dir(), 'docs', 'one.txt')}`, 'first\nfile'],
      [`file:${join(dir(), 'docs', 'two.txt')}`, 'second'],
    ]);
  });
});
