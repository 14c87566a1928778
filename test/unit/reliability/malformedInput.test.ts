// Malformed input for the line readers: textFile (batch) and textFileStream (stream) must make the same,
// exact lines of every file in the corpus — or fail with an error naming the file. Never a crash of the
// process, never a silent drop. Then the file-system hazards: a file that grows while it is read, one
// deleted between listing and reading, a directory where a file was expected, permission denied.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  mkdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { SparkContext } from '../../../runtime/src/sparkContext';
import type { RDD } from '../../../runtime/src/rdd';
import { setReadChunkSize } from '../../../runtime/src/io/lineReader';
import { FileInputOperator } from '../../../runtime/src/streaming/fileInputOperator';
import { ManualClock, StreamingContext } from '@streamshift/runtime/streaming';
import { scratchRoot } from '../../support/equivalence';
import { malformedInputs, type LineExpectation } from '../../support/malformedCorpus';

const repoRoot = join(__dirname, '..', '..', '..');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lines read by textFile, or the error it threw. */
function readBatch(path: string, minPartitions: number): string[] | Error {
  const sc = new SparkContext('local[2]', 'malformed');
  try {
    return sc.textFile(path, minPartitions).collect();
  } catch (error) {
    return error as Error;
  } finally {
    sc.stop();
  }
}

/** Lines of the batch that picked up `bytes` landing in a watched folder, or the error that stopped the stream. */
async function readStream(dir: string, name: string, bytes: Buffer): Promise<string[] | Error> {
  const input = join(dir, `watched-${name}`);
  mkdirSync(input, { recursive: true });
  const sc = new SparkContext('local[2]', 'malformed-stream');
  const clock = new ManualClock();
  const ssc = new StreamingContext(sc, 1, { clock });
  const batches: string[][] = [];
  ssc.textFileStream(input, { rescanSeconds: 0 }).foreachRDD((rdd: RDD<string>) => {
    batches.push(rdd.collect());
  });
  ssc.start();
  const terminated = ssc.awaitTermination().then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  const hidden = join(input, `.${name}.tmp`);
  writeFileSync(hidden, bytes);
  const past = new Date(Date.now() - 60_000);
  utimesSync(hidden, past, past);
  renameSync(hidden, join(input, name));
  await clock.advance(1000);
  await clock.advance(1000);
  if (ssc.getState() === 'ACTIVE') await ssc.stop({ stopSparkContext: true });
  sc.stop();
  const error = await terminated;
  if (error) return error;
  return batches.flat();
}

function assertLines(what: string, path: string, actual: string[] | Error, expected: LineExpectation): void {
  if ('error' in expected) {
    assert.ok(
      actual instanceof Error,
      `${what}: expected an error, got ${JSON.stringify(actual).slice(0, 200)}`,
    );
    assert.match(actual.message, new RegExp(escapeRegExp(path)), `${what}: the error names the file`);
    assert.match(actual.message, expected.error, what);
    return;
  }
  if (actual instanceof Error) assert.fail(`${what}: ${actual.stack}`);
  if ('lines' in expected) {
    assert.deepEqual(actual, expected.lines, what);
    return;
  }
  assert.equal(actual.length, expected.lineCount, `${what}: number of lines`);
  const problem = expected.check?.(actual);
  assert.equal(problem, undefined, what);
}

describe('reliability: malformed input for textFile and textFileStream', function () {
  this.timeout(60_000);
  let root: string;
  before(() => {
    root = scratchRoot();
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  afterEach(async () => {
    await StreamingContext.getActive()?.stop({ stopSparkContext: true });
    SparkContext.getActive()?.stop();
  });

  malformedInputs.forEach((input, index) => {
    describe(`${input.kind} (${input.why})`, () => {
      const name = `case-${index}.txt`;
      let path: string;
      let content: Buffer;
      before(() => {
        content = input.bytes();
        path = join(root, name);
        writeFileSync(path, content);
      });

      for (const minPartitions of [1, 2, 5]) {
        it(`textFile with minPartitions ${minPartitions}`, () => {
          assertLines(`textFile(${minPartitions})`, path, readBatch(path, minPartitions), input.expect);
        });
      }

      if (input.bytes().length < 100_000) {
        it('textFile reading 3 bytes at a time (every chunk boundary)', () => {
          const previous = setReadChunkSize(3);
          try {
            assertLines('textFile, 3-byte reads', path, readBatch(path, 2), input.expect);
          } finally {
            setReadChunkSize(previous);
          }
        });
      }

      it('textFileStream', async () => {
        const watched = join(root, `watched-${name}`);
        assertLines(
          'textFileStream',
          join(watched, name),
          await readStream(root, name, content),
          input.expect,
        );
      });
    });
  });

  describe('file-system hazards', () => {
    it('a file that grows while textFile reads it: lines appended after the job listed its input are not read', () => {
      const path = join(root, 'growing.txt');
      writeFileSync(path, 'a\nb\nc\n');
      const sc = new SparkContext('local[2]', 'growing');
      const previous = setReadChunkSize(2);
      try {
        let appended = false;
        const lines = sc
          .textFile(path, 1)
          .map((line) => {
            // Appends while the reader is still in the middle of the file (2-byte reads).
            if (!appended) appendFileSync(path, 'd\ne\n');
            appended = true;
            return line;
          })
          .collect();
        // The size was fixed when the input was listed: exactly the lines present then, none torn.
        assert.deepEqual(lines, ['a', 'b', 'c']);
        // A later job sees the whole file.
        assert.deepEqual(sc.textFile(path, 1).collect(), ['a', 'b', 'c', 'd', 'e']);
      } finally {
        setReadChunkSize(previous);
        sc.stop();
      }
    });

    it('a file that grows after textFileStream read it is not read again (Spark ignores updates to a selected file)', async () => {
      const input = join(root, 'growing-stream');
      mkdirSync(input);
      const sc = new SparkContext('local[2]', 'growing-stream');
      const clock = new ManualClock();
      const ssc = new StreamingContext(sc, 1, { clock });
      const batches: string[][] = [];
      ssc.textFileStream(input, { rescanSeconds: 0, stableSeconds: 0 }).foreachRDD((rdd: RDD<string>) => {
        batches.push(rdd.collect());
      });
      ssc.start();
      const file = join(input, 'log.txt');
      writeFileSync(file, 'a\nb\n');
      utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      await clock.advance(1000);
      appendFileSync(file, 'c\n');
      utimesSync(file, new Date(Date.now() - 30_000), new Date(Date.now() - 30_000));
      await clock.advance(1000);
      await ssc.stop({ stopSparkContext: true });
      // As Spark's FileInputDStream: updates to a file already selected are ignored (by name), so a and b
      // are not counted twice; the appended c is not read either ("the new data will not be read").
      // Producers must move complete files in, never append to them.
      assert.deepEqual(batches, [['a', 'b'], []]);
    });

    it('a file deleted between listing and reading: textFile fails naming it', () => {
      const dir = join(root, 'deleted-batch');
      mkdirSync(dir);
      writeFileSync(join(dir, 'a.txt'), 'a1\na2\n');
      writeFileSync(join(dir, 'b.txt'), 'b1\n');
      const sc = new SparkContext('local[1]', 'deleted');
      try {
        let deleted = false;
        assert.throws(
          () =>
            sc
              .textFile(dir, 1)
              .map((line) => {
                // a.txt is being read: its sibling was listed already and disappears now.
                if (!deleted) rmSync(join(dir, 'b.txt'));
                deleted = true;
                return line;
              })
              .collect(),
          (error: Error) =>
            error.message.includes(`Cannot read input file ${join(dir, 'b.txt')}`) &&
            /ENOENT/.test(error.message),
        );
      } finally {
        sc.stop();
      }
    });

    it('a file deleted between listing and reading: textFileStream fails the batch naming it', async () => {
      const dir = join(root, 'deleted-stream');
      mkdirSync(dir);
      const sc = new SparkContext('local[1]', 'deleted-stream');
      try {
        const operator = new FileInputOperator(sc, dir, 1000, { stableSeconds: 0, rescanSeconds: 0 });
        operator.start(undefined);
        writeFileSync(join(dir, 'gone.txt'), 'x\n');
        const captured = await operator.capture();
        assert.equal(captured.nonEmpty, true);
        operator.commit(1000, captured.payload);
        rmSync(join(dir, 'gone.txt'));
        await assert.rejects(operator.load(1000), (error: Error) =>
          error.message.includes(`Cannot read input file ${join(dir, 'gone.txt')}`),
        );
        operator.stop();
      } finally {
        sc.stop();
      }
    });

    it('a file deleted before a batch claims it is not a file of that batch (it never landed for good)', async () => {
      const dir = join(root, 'deleted-early');
      mkdirSync(dir);
      const sc = new SparkContext('local[1]', 'deleted-early');
      try {
        const operator = new FileInputOperator(sc, dir, 1000, { stableSeconds: 0, rescanSeconds: 0 });
        operator.start(undefined);
        writeFileSync(join(dir, 'brief.txt'), 'x\n');
        rmSync(join(dir, 'brief.txt'));
        writeFileSync(join(dir, 'kept.txt'), 'y\n');
        const captured = await operator.capture();
        assert.deepEqual(
          (captured.payload as { name: string }[]).map((f) => f.name),
          ['kept.txt'],
        );
        operator.stop();
      } finally {
        sc.stop();
      }
    });

    it('a directory where a file was expected: textFile reads the files inside it, a nested directory is refused by name', () => {
      const dir = join(root, 'data.csv');
      mkdirSync(join(dir, 'nested'), { recursive: true });
      writeFileSync(join(dir, 'part-0'), 'p0\n');
      writeFileSync(join(dir, 'nested', 'deep'), 'deep\n');
      assert.match(
        String(readBatch(dir, 1)),
        new RegExp(`Not a file: file:${escapeRegExp(join(dir, 'nested'))}`),
      );
      rmSync(join(dir, 'nested'), { recursive: true });
      assert.deepEqual(readBatch(dir, 1), ['p0']);
    });

    it('a directory landing in a watched folder is not read (subfolders are ignored), the files beside it are', async () => {
      const input = join(root, 'watched-dir-entry');
      mkdirSync(input);
      const sc = new SparkContext('local[1]', 'dir-entry');
      const clock = new ManualClock();
      const ssc = new StreamingContext(sc, 1, { clock });
      const batches: string[][] = [];
      ssc.textFileStream(input, { rescanSeconds: 0, stableSeconds: 0 }).foreachRDD((rdd: RDD<string>) => {
        batches.push(rdd.collect());
      });
      ssc.start();
      mkdirSync(join(input, 'looks-like-a-file.csv'));
      writeFileSync(join(input, 'looks-like-a-file.csv', 'inner.csv'), 'inner\n');
      writeFileSync(join(input, 'real.csv'), 'real\n');
      await clock.advance(1000);
      await ssc.stop({ stopSparkContext: true });
      assert.deepEqual(batches, [['real']]);
    });

    it('textFileStream on a path that is a file, or missing: refused at start, naming it', () => {
      const file = join(root, 'not-a-dir.txt');
      writeFileSync(file, 'x\n');
      for (const [path, message] of [
        [file, `textFileStream: ${file} is not a directory`],
        [join(root, 'missing-dir'), `textFileStream: cannot read directory ${join(root, 'missing-dir')}`],
      ]) {
        const sc = new SparkContext('local[1]', 'bad-dir');
        const ssc = new StreamingContext(sc, 1, { clock: new ManualClock() });
        ssc.textFileStream(path).foreachRDD(() => undefined);
        assert.throws(
          () => ssc.start(),
          (error: Error) => error.message.startsWith(message),
        );
        sc.stop();
      }
    });

    it('a missing path and a broken symbolic link: textFile fails naming them', () => {
      const missing = join(root, 'missing.txt');
      assert.match(
        String(readBatch(missing, 2)),
        new RegExp(`Input path does not exist: file:${escapeRegExp(missing)}`),
      );
      const link = join(root, 'broken-link.txt');
      symlinkSync(join(root, 'nowhere.txt'), link);
      assert.match(
        String(readBatch(link, 2)),
        new RegExp(`Input path does not exist: file:${escapeRegExp(link)}`),
      );
    });

    describe('permission denied', function () {
      // Tests run as root here, and root reads a chmod 000 file anyway (CAP_DAC_OVERRIDE). A faithful check
      // runs the reader as an unprivileged user: a child process with uid/gid 65534 (nobody), which needs a
      // root parent to start; as another user the test itself is unprivileged and chmod 000 denies it.
      this.timeout(60_000);
      const isRoot = process.getuid?.() === 0;
      let script: string;
      let dir: string;

      before(() => {
        dir = join(root, 'denied');
        mkdirSync(dir, { recursive: true });
        chmodSync(root, 0o755);
        chmodSync(dir, 0o777);
        writeFileSync(join(dir, 'secret.txt'), 'hidden\n');
        chmodSync(join(dir, 'secret.txt'), 0o000);
        mkdirSync(join(dir, 'watched'));
        chmodSync(join(dir, 'watched'), 0o000);
        script = join(dir, 'reader.cjs');
        writeFileSync(join(dir, 'reader.ts'), readerSource);
        buildSync({
          entryPoints: [join(dir, 'reader.ts')],
          bundle: true,
          platform: 'node',
          format: 'cjs',
          target: 'node20',
          outfile: script,
          tsconfig: join(repoRoot, 'tsconfig.json'),
          logLevel: 'silent',
          nodePaths: [join(repoRoot, 'node_modules')],
          alias: { runtime: join(repoRoot, 'runtime', 'src') },
        });
        chmodSync(script, 0o644);
      });

      function runUnprivileged(mode: string, path: string): { status: number | null; stderr: string } {
        const result = spawnSync(process.execPath, [script, mode, path], {
          encoding: 'utf8',
          cwd: dir,
          ...(isRoot ? { uid: 65534, gid: 65534 } : {}),
        });
        return { status: result.status, stderr: result.stderr };
      }

      it('textFile on an unreadable file fails naming it (EACCES)', () => {
        const path = join(dir, 'secret.txt');
        const result = runUnprivileged('textFile', path);
        assert.equal(result.status, 1, result.stderr);
        assert.match(result.stderr, new RegExp(`Cannot read input file ${escapeRegExp(path)}: EACCES`));
      });

      it('textFileStream on an unreadable folder fails at start naming it (EACCES)', () => {
        const path = join(dir, 'watched');
        const result = runUnprivileged('textFileStream', path);
        assert.equal(result.status, 1, result.stderr);
        assert.match(
          result.stderr,
          new RegExp(`textFileStream: cannot list directory ${escapeRegExp(path)}: EACCES`),
        );
      });
    });
  });
});

// The unprivileged reader: prints the error message (or the lines) of reading argv[3] with argv[2].
const readerSource = `
import { SparkContext } from 'runtime/sparkContext';
import { ManualClock, StreamingContext } from 'runtime/streaming/index';
const [mode, path] = process.argv.slice(2);
const sc = new SparkContext('local[1]', 'denied');
try {
  if (mode === 'textFile') console.log(JSON.stringify(sc.textFile(path).collect()));
  else {
    const ssc = new StreamingContext(sc, 1, { clock: new ManualClock() });
    ssc.textFileStream(path).foreachRDD(() => undefined);
    ssc.start();
  }
  process.exit(0);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
`;

// Keeps the corpus honest: the expectations read back the bytes they describe.
describe('reliability: the malformed corpus itself', () => {
  it('has at least 20 kinds, each with distinct bytes', () => {
    assert.ok(malformedInputs.length >= 20);
    const distinct = new Set(malformedInputs.map((m) => m.bytes().toString('base64')));
    assert.equal(distinct.size, malformedInputs.length);
  });

  it('every UTF-8 case decodes to the expected lines when split by hand', () => {
    for (const input of malformedInputs) {
      if (!('lines' in input.expect)) continue;
      const decoded = input.bytes().toString('utf8');
      const lines = decoded === '' ? [] : decoded.split(/\r\n|\r|\n/);
      if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      assert.deepEqual(lines, input.expect.lines, input.kind);
    }
  });
});
