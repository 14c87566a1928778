// The DataFrame readers (CSV, JSON lines) on the malformed-input corpus, batch and streaming, in every
// parse mode: the exact rows, or a FAILFAST error naming the file and the record's line; and file-system
// hazards (a directory where a file was expected, permission denied as an unprivileged user).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { SparkSession } from '@streamshift/runtime/sql';
import {
  dataFrameMalformedInputs,
  dataFrameSchema,
  type Mode,
  type ModeExpectation,
} from '../../support/dataFrameMalformedCorpus';
import { malformedInputs } from '../../support/malformedCorpus';

const modes: readonly Mode[] = ['PERMISSIVE', 'DROPMALFORMED', 'FAILFAST'];
const repoRoot = join(__dirname, '..', '..', '..');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sortRows(rows: readonly (readonly unknown[])[]): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}

function check(expectation: ModeExpectation, path: string, run: () => unknown[][] | Error): void {
  const result = run();
  if ('errorLine' in expectation) {
    assert.ok(
      result instanceof Error,
      `expected a FAILFAST error, got ${JSON.stringify(result)?.slice(0, 200)}`,
    );
    assert.match(result.message, /Parse Mode: FAILFAST/);
    assert.match(
      result.message,
      new RegExp(`\\(file ${escapeRegExp(path)}, line ${expectation.errorLine}\\)`),
    );
  } else {
    if (result instanceof Error) throw result;
    assert.deepEqual(sortRows(result), sortRows(expectation.rows));
  }
}

describe('reliability: malformed input for the DataFrame readers (CSV, JSON; batch and stream)', function () {
  this.timeout(60_000);
  const spark = SparkSession.builder.appName('malformed-dataframe').getOrCreate();
  let root: string;
  let n = 0;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'streamshift-df-malformed-'));
  });
  after(async () => {
    for (const q of spark.streams.active) await q.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('the corpus has ≥30 kinds together with the line readers’ corpus', () => {
    const kinds = new Set([
      ...malformedInputs.map((i) => i.kind),
      ...dataFrameMalformedInputs.map((i) => i.kind),
    ]);
    assert.ok(kinds.size >= 30, `${kinds.size} kinds`);
  });

  for (const input of dataFrameMalformedInputs) {
    describe(input.kind, () => {
      for (const mode of modes) {
        it(`batch, ${mode}`, () => {
          const dir = join(root, `b${n++}`);
          mkdirSync(dir);
          const path = join(dir, `data.${input.format}`);
          writeFileSync(path, input.bytes());
          check(input.expect[mode], path, () => {
            try {
              return spark.read
                .schema(dataFrameSchema)
                .options({ ...input.options, mode })
                .format(input.format)
                .load(path)
                .collectArrays();
            } catch (error) {
              return error as Error;
            }
          });
        });

        it(`stream, ${mode}`, async () => {
          const dir = join(root, `s${n++}`);
          mkdirSync(dir);
          const path = join(dir, `data.${input.format}`);
          writeFileSync(join(dir, `.data.${input.format}.tmp`), input.bytes());
          renameSync(join(dir, `.data.${input.format}.tmp`), path);
          const rows: unknown[][] = [];
          const query = spark.readStream
            .schema(dataFrameSchema)
            .options({ ...input.options, mode })
            .format(input.format)
            .load(dir)
            .writeStream.foreachBatch((batch) => {
              rows.push(...batch.collectArrays());
            })
            .start();
          let failure: Error | undefined;
          try {
            await query.processAllAvailable();
          } catch (error) {
            failure = error as Error;
          }
          await query.stop();
          check(input.expect[mode], path, () => failure ?? rows);
        });
      }
    });
  }

  describe('file-system hazards', () => {
    it('a directory where a file was expected: the batch refuses it naming it, the stream ignores the subfolder', async () => {
      const dir = join(root, `dir${n++}`);
      mkdirSync(join(dir, 'nested'), { recursive: true });
      writeFileSync(join(dir, 'a.csv'), '1,a,2.5\n');
      writeFileSync(join(dir, 'nested', 'b.csv'), '2,b,3.5\n');
      // Spark refuses a folder mixing files and a plain subfolder too (conflicting directory structures).
      assert.throws(
        () => spark.read.schema(dataFrameSchema).csv(dir).collectArrays(),
        new RegExp(`Not a file: file:${escapeRegExp(join(dir, 'nested'))}`),
      );
      const rows: unknown[][] = [];
      const query = spark.readStream
        .schema(dataFrameSchema)
        .csv(dir)
        .writeStream.foreachBatch((b) => {
          rows.push(...b.collectArrays());
        })
        .start();
      await query.processAllAvailable();
      await query.stop();
      assert.deepEqual(rows, [[1, 'a', 2.5]]);
    });

    for (const format of ['csv', 'json'] as const) {
      it(`a ${format} file deleted between listing (load) and reading (the action) fails naming it`, () => {
        const dir = join(root, `gone${n++}`);
        mkdirSync(dir);
        writeFileSync(join(dir, `a.${format}`), format === 'csv' ? '1,a,2.5\n' : '{"id":1}\n');
        writeFileSync(join(dir, `b.${format}`), format === 'csv' ? '2,b,3.5\n' : '{"id":2}\n');
        const df = spark.read.schema(dataFrameSchema).format(format).load(dir);
        rmSync(join(dir, `b.${format}`));
        assert.throws(
          () => df.collectArrays(),
          new RegExp(`ENOENT.*${escapeRegExp(join(dir, `b.${format}`))}`),
        );
      });
    }

    describe('permission denied (an unprivileged child, uid 65534 when run as root)', function () {
      this.timeout(60_000);
      const isRoot = process.getuid?.() === 0;
      let dir: string;
      let script: string;
      before(() => {
        dir = join(root, 'denied');
        mkdirSync(dir, { recursive: true });
        chmodSync(root, 0o755);
        chmodSync(dir, 0o777);
        writeFileSync(join(dir, 'secret.csv'), '1,a,2.5\n');
        chmodSync(join(dir, 'secret.csv'), 0o000);
        mkdirSync(join(dir, 'watched'));
        chmodSync(join(dir, 'watched'), 0o000);
        writeFileSync(join(dir, 'reader.ts'), readerSource);
        script = join(dir, 'reader.cjs');
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
      const run = (mode: string, path: string) =>
        spawnSync(process.execPath, [script, mode, path], {
          encoding: 'utf8',
          cwd: dir,
          ...(isRoot ? { uid: 65534, gid: 65534 } : {}),
        });

      for (const format of ['csv', 'json']) {
        it(`spark.read.${format} on an unreadable file fails naming it (EACCES)`, () => {
          const path = join(dir, 'secret.csv');
          const result = run(format, path);
          assert.equal(result.status, 1, result.stderr + result.stdout);
          assert.match(result.stderr, new RegExp(escapeRegExp(path)));
          assert.match(result.stderr, /EACCES/);
        });
      }

      it('readStream on an unreadable folder fails naming it (EACCES)', () => {
        const path = join(dir, 'watched');
        const result = run('stream', path);
        assert.equal(result.status, 1, result.stderr + result.stdout);
        assert.match(result.stderr, new RegExp(escapeRegExp(path)));
        assert.match(result.stderr, /EACCES/);
      });
    });
  });
});

// The unprivileged reader: prints the error message of reading argv[3] (argv[2]: csv | json | stream).
const readerSource = `
import { SparkSession } from 'runtime/sql/index';
const [mode, path] = process.argv.slice(2);
const spark = SparkSession.builder.appName('denied').getOrCreate();
async function main() {
  if (mode === 'stream') {
    const q = spark.readStream.schema('id INT, name STRING, amount DOUBLE').csv(path).writeStream.foreachBatch(() => undefined).start();
    await q.processAllAvailable();
    await q.stop();
  } else {
    console.log(JSON.stringify(spark.read.schema('id INT, name STRING, amount DOUBLE').format(mode).load(path).collectArrays()));
  }
}
main().then(() => process.exit(0), (error) => { console.error((error as Error).message); process.exit(1); });
`;
