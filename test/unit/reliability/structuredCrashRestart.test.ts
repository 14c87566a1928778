// Crash and restart of checkpointed Structured Streaming queries (an aggregation and a JSON file sink):
// structuredCrashJob.ts runs as a child and is killed with SIGKILL at seeded random points — inside the
// offset, commit and state writes (torn: half the bytes written), just before their renames, inside the
// file sink's part-file and log writes, while the aggregation's result is written, and at random moments —
// then restarted from its checkpoints, again and again. At the end: every input row is in the sink
// exactly once (no file processed twice, none skipped), the aggregation equals the batch result, and a
// checkpoint file torn or truncated in place is detected: recovered from or refused with a clear error.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { SparkSession } from '@streamshift/runtime/sql';
import { scratchRoot } from '../../support/equivalence';
import { propertySettings } from '../../support/propertySettings';
import { random } from '../../support/seededRandom';
import type { StructuredKillPlan, StructuredKillPoint } from './structuredCrashJob';

const repoRoot = join(__dirname, '..', '..', '..');
const points: readonly StructuredKillPoint[] = [
  'offsetWrite',
  'offsetRename',
  'commitWrite',
  'commitRename',
  'stateWrite',
  'sinkPartWrite',
  'sinkPartRename',
  'sinkLogWrite',
  'resultWrite',
];

interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe('reliability: kill -9 and restart checkpointed Structured Streaming queries', function () {
  this.timeout(300_000);
  let root: string;
  let bundle: string;
  const spark = SparkSession.builder.appName('structured-crash-test').getOrCreate();

  before(() => {
    root = scratchRoot();
    bundle = join(root, 'structuredCrashJob.cjs');
    buildSync({
      entryPoints: [join(__dirname, 'structuredCrashJob.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: bundle,
      tsconfig: join(repoRoot, 'tsconfig.json'),
      logLevel: 'silent',
    });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function runChild(work: string, plan: StructuredKillPlan, killAfterMs?: number): Promise<RunResult> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [bundle, work, JSON.stringify(plan)], {
        env: { ...process.env, STREAMSHIFT_EVENTS: '' },
      });
      let stdout = '';
      let stderr = '';
      if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
  }

  /** The input of a scenario: CSV files landed in in/ batch by batch, and what they should produce. */
  function inputFolder(work: string, seed: number) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(join(work, 'in'), { recursive: true });
    const next = random(seed);
    const values: number[] = [];
    const totals = new Map<string, [number, number]>();
    let f = 0;
    const land = (files: number): void => {
      for (const end = f + files; f < end; f++) {
        const lines: string[] = [];
        for (let l = 0; l < 1 + Math.floor(next() * 6); l++) {
          const key = ['a', 'b', 'c'][Math.floor(next() * next() * 3)]!;
          const value = f * 100 + l;
          lines.push(`${key},${value}`);
          values.push(value);
          const t = totals.get(key) ?? [0, 0];
          totals.set(key, [t[0] + 1, t[1] + value]);
        }
        const hidden = join(work, 'in', `.f${f}.tmp`);
        writeFileSync(hidden, `${lines.join('\n')}\n`);
        const time = new Date(Date.now() - 3_600_000 + f * 1000);
        utimesSync(hidden, time, time);
        renameSync(hidden, join(work, 'in', `f${String(f).padStart(3, '0')}.csv`));
      }
    };
    return {
      land,
      expected: () => ({
        values: [...values].sort((a, b) => a - b),
        totals: [...totals].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, [n, t]]) => [k, n, t]),
      }),
    };
  }

  function sinkValues(work: string): number[] {
    return spark.read
      .schema('k STRING, v INT')
      .json(join(work, 'out'))
      .collectArrays()
      .map((r) => r[1] as number)
      .sort((a, b) => a - b);
  }

  const scenarios = propertySettings(10).numRuns;
  const killsPerScenario = 8;
  let kills = 0;
  const byPoint = new Map<string, number>();

  for (let scenario = 0; scenario < scenarios; scenario++) {
    it(`scenario ${scenario}: ${killsPerScenario} kills at seeded points, then the results are exact`, async () => {
      const work = join(root, `s${scenario}`);
      const next = random(7919 * (scenario + 1));
      const input = inputFolder(work, scenario + 1);
      input.land(4);
      for (let k = 0; k < killsPerScenario; k++) {
        // New input before every run, as a live folder gets: each restart has batches to run and be killed in.
        input.land(2 + Math.floor(next() * 4));
        const timed = next() < 0.15;
        const point = points[Math.floor(next() * points.length)]!;
        const plan: StructuredKillPlan = timed
          ? { point: 'none', occurrence: 0 }
          : { point, occurrence: 1 + Math.floor(next() * 2) };
        const result = await runChild(work, plan, timed ? 100 + Math.floor(next() * 250) : undefined);
        if (result.signal === 'SIGKILL') {
          kills++;
          const label = timed ? 'random moment' : point;
          byPoint.set(label, (byPoint.get(label) ?? 0) + 1);
        } else assert.equal(result.code, 0, `a restart failed: ${result.stderr}`);
      }
      const final = await runChild(work, { point: 'none', occurrence: 0 });
      assert.equal(final.code, 0, `the last restart failed: ${final.stderr}`);
      const expected = input.expected();
      assert.deepEqual(sinkValues(work), expected.values, 'every row once in the file sink');
      assert.deepEqual(JSON.parse(readFileSync(join(work, 'agg.json'), 'utf8')), expected.totals);
    });
  }

  const minimumKills = Math.floor(scenarios * killsPerScenario * 0.6);
  it(`killed at ≥${minimumKills} points across the scenarios, every kind of point among them`, () => {
    const report = `${kills} kills: ${JSON.stringify([...byPoint])}`;
    assert.ok(kills >= minimumKills, report);
    // The seeded default run reaches every write it targets (a smaller STREAMSHIFT_PROPERTY_RUNS may not).
    if (scenarios >= 10)
      for (const point of points) assert.ok(byPoint.has(point), `never killed at ${point}: ${report}`);
  });

  for (const what of ['offsets', 'commits'] as const) {
    it(`a ${what} file truncated in place is detected: recovered from, or refused naming the file`, async () => {
      const work = join(root, `torn-${what}`);
      const input = inputFolder(work, 99);
      input.land(8);
      const expected = input.expected();
      const done = await runChild(work, { point: 'none', occurrence: 0 });
      assert.equal(done.code, 0, done.stderr);
      const dir = join(work, 'cp-agg', what);
      const latest = readdirSync(dir)
        .filter((n) => /^\d+$/.test(n))
        .sort((a, b) => Number(a) - Number(b))
        .pop()!;
      const path = join(dir, latest);
      truncateSync(path, Math.floor(readFileSync(path).length / 2));
      // More input, so that the restart has work to do after reading the torn file.
      const hidden = join(work, 'in', '.late.tmp');
      writeFileSync(hidden, 'a,99999\n');
      renameSync(hidden, join(work, 'in', 'late.csv'));
      const restart = await runChild(work, { point: 'none', occurrence: 0 });
      if (restart.code === 0) {
        const totals = expected.totals.map((row) =>
          row[0] === 'a' ? ['a', (row[1] as number) + 1, (row[2] as number) + 99999] : row,
        );
        if (!totals.some((row) => row[0] === 'a')) totals.unshift(['a', 1, 99999]);
        assert.deepEqual(
          JSON.parse(readFileSync(join(work, 'agg.json'), 'utf8')),
          totals,
          'recovered exactly',
        );
      } else {
        // Refused: the message names the torn file (not a bare JSON SyntaxError).
        assert.ok(
          restart.stderr.includes(`The checkpoint file ${path} is corrupt (torn or truncated)`),
          `the error names the torn file: ${restart.stderr}`,
        );
        assert.ok(existsSync(path));
      }
    });
  }
});
