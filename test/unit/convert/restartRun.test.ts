// Bug: a converted stateful RDD job created `new StreamingContext(sc, n)` + `checkpoint(dir)`, so after a
// restart its running totals started from zero and the output was overwritten with partial totals. The
// converter now emits Spark's recovery pattern (`StreamingContext.getOrCreate(dir, setup)`); this runs the
// converted wordcount, stops it after data1.csv, starts it again, feeds data2.csv, and expects the totals of
// the batch job over both files. Child processes with tsx, in a scratch folder under test-artifacts/.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert } from '../../../src/convert/index';

const repoRoot = join(__dirname, '..', '..', '..');
const sample = join(repoRoot, 'samples', 'wordcount');
const tsxCli = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function readSparkOutput(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('part-'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
    .filter((line) => line !== '')
    .sort();
}

describe('convert (RDD → DStream): a converted stateful job resumes after a restart', function () {
  this.timeout(180_000);
  const work = join(repoRoot, 'test-artifacts', `convert-restart-${process.pid}`);
  const children: ChildProcess[] = [];

  before(() => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(join(work, 'batch_input'), { recursive: true });
    mkdirSync(join(work, 'stream_input'));
  });

  after(() => {
    for (const child of children)
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null)
        process.kill(-child.pid, 'SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  function batchOver(files: readonly string[]): string[] {
    const data = files
      .map((name) => readFileSync(join(sample, 'feed', name), 'utf8').replace(/\n?$/, '\n'))
      .join('');
    writeFileSync(join(work, 'batch_input', 'data.csv'), data);
    const batch = spawnSync(process.execPath, [tsxCli, 'batch.mts'], { cwd: work, encoding: 'utf8' });
    assert.equal(batch.status, 0, batch.stderr);
    const result = readSparkOutput(join(work, 'batch_output', 'output.csv'));
    rmSync(join(work, 'batch_output'), { recursive: true });
    return result;
  }

  function startStream(): { child: ChildProcess; log: () => string } {
    let output = '';
    const child = spawn(process.execPath, [tsxCli, 'stream.mts'], { cwd: work, detached: true });
    children.push(child);
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { child, log: () => output };
  }

  async function until<T>(what: string, probe: () => T | undefined, child: ChildProcess, log: () => string) {
    // A liveness deadline, not a speed assertion: the stream runs 1 s micro-batches.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (child.exitCode !== null)
        assert.fail(`the stream exited (${child.exitCode}) while waiting for ${what}\n${log()}`);
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const resultDir = () => join(work, 'batch_output', 'output.csv');
  const current = (): string[] | undefined => {
    // The stream overwrites the folder after every batch: a read can race with that, so retry.
    try {
      return existsSync(join(resultDir(), '_SUCCESS')) ? readSparkOutput(resultDir()) : undefined;
    } catch {
      return undefined;
    }
  };
  const equalTo = (expected: readonly string[]) => () => {
    const now = current();
    return now && now.join('\n') === expected.join('\n') ? now : undefined;
  };
  const drop = (name: string) => {
    const hidden = join(work, 'stream_input', `.${name}.tmp`);
    writeFileSync(hidden, readFileSync(join(sample, 'feed', name)));
    renameSync(hidden, join(work, 'stream_input', name));
  };
  const stop = async (child: ChildProcess) => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    await exited;
  };

  it('run, stop, restart, feed more: the output equals the batch job over every file', async () => {
    const text = readFileSync(join(sample, 'batch.ts'), 'utf8');
    writeFileSync(join(work, 'batch.mts'), text);
    const firstOnly = batchOver(['data1.csv']);
    const both = batchOver(['data1.csv', 'data2.csv']);
    assert.notDeepEqual(firstOnly, both);

    const conversion = convert({ fileName: join(work, 'batch.ts'), text }, { triggerSeconds: 1 });
    assert.match(conversion.text, /StreamingContext\.getOrCreate\('checkpoint\/batch', \(\) => \{/);
    writeFileSync(join(work, 'stream.mts'), conversion.text);

    const first = startStream();
    // A DStream ignores files already in the folder when it starts (as in Spark): wait for a batch first.
    await until(
      'the first micro-batch',
      () => (/^Time: /m.test(first.log()) ? true : undefined),
      first.child,
      first.log,
    );
    drop('data1.csv');
    await until('the totals of data1.csv', equalTo(firstOnly), first.child, first.log);
    await stop(first.child);

    const second = startStream();
    await until(
      'the restarted first batch',
      () => (/^Time: /m.test(second.log()) ? true : undefined),
      second.child,
      second.log,
    );
    drop('data2.csv');
    await until('the totals of both files', equalTo(both), second.child, second.log);
    // pprint shows the resumed running totals too (printed after the output is written).
    await until(
      'pprint of the resumed totals',
      () => (/\('A', 18\)/.test(second.log()) ? true : undefined),
      second.child,
      second.log,
    );
  });
});
