import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startQueries } from '../../../fixtures/sql/streamingCrashJob';
import { session, scratch } from './helpers';

describe('sql: streaming crash and restart (SIGKILL)', function () {
  this.timeout(60_000);
  const tmp = scratch();
  after(() => tmp.cleanup());

  it('after a SIGKILL, restarting from the checkpoints loses and duplicates nothing', async () => {
    const base = tmp.dir;
    mkdirSync(join(base, 'in'));
    const expected = new Map<string, number>();
    let fileNo = 0;
    const land = (rows: number): void => {
      const lines: string[] = [];
      for (let i = 0; i < rows; i++) {
        const k = `k${(fileNo * 7 + i) % 5}`;
        lines.push(`${k},${fileNo * 1000 + i}`);
        expected.set(k, (expected.get(k) ?? 0) + 1);
      }
      const name = `f${String(fileNo++).padStart(3, '0')}.csv`;
      writeFileSync(join(base, 'in', `.${name}`), lines.join('\n') + '\n');
      renameSync(join(base, 'in', `.${name}`), join(base, 'in', name));
    };
    for (let i = 0; i < 30; i++) land(200);

    const root = resolve(__dirname, '../../../..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/sql/streamingCrashJob.ts'], {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, STREAMSHIFT_CRASH_JOB_DIR: base },
    });
    // Kill it once it is part-way through: some batches committed, more to go.
    const deadline = Date.now() + 30_000;
    while (!existsSync(join(base, 'cp-files', 'commits', '3')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    assert.ok(
      existsSync(join(base, 'cp-files', 'commits', '0')),
      'the child committed batches before the kill',
    );

    for (let i = 0; i < 5; i++) land(100);
    const spark = session();
    const queries = startQueries(spark, base);
    for (const q of queries) await q.processAllAvailable();
    for (const q of queries) await q.stop();

    const out = spark.read.schema('k STRING, v INT').json(join(base, 'out')).collectArrays();
    const values = out.map((r) => r[1] as number).sort((a, b) => a - b);
    assert.equal(values.length, 30 * 200 + 5 * 100, 'every input row exactly once');
    assert.equal(new Set(values).size, values.length, 'no duplicates');
    const agg = JSON.parse(readFileSync(join(base, 'agg.json'), 'utf8')) as [string, number][];
    assert.deepEqual(
      agg,
      [...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  });
});
