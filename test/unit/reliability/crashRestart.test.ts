// Crash and restart of a checkpointed DStream job: crashJob.ts runs as a child process and is killed
// with SIGKILL at random points — between batches, during a batch, inside the checkpoint write, inside
// the output write, and at random moments — then restarted from its checkpoint (getOrCreate), again and
// again. At the end: every input line was processed exactly once (none twice, none skipped), the running
// totals equal the batch result over all the data, and the output holds no duplicate or partial batch.
// A torn or truncated checkpoint file is refused with a clear error naming it.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { pythonStr } from '@streamshift/runtime';
import { scratchRoot } from '../../support/equivalence';
import { propertySettings } from '../../support/propertySettings';
import { random } from '../../support/seededRandom';
import type { KillPlan, KillPoint } from './crashJob';

const repoRoot = join(__dirname, '..', '..', '..');
const killPoints: readonly KillPoint[] = [
  'betweenBatches',
  'duringBatch',
  'checkpointTempWrite',
  'checkpointBeforeRename',
  'checkpointAfterRename',
  'outputPartWrite',
  'outputSwap',
];
const keys = ['A', 'B', 'C', 'D', 'é'];

interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

describe('reliability: kill -9 and restart a checkpointed DStream job', function () {
  this.timeout(300_000);
  let root: string;
  let bundle: string;

  before(() => {
    root = scratchRoot();
    // Bundled once: a child then starts in ~50 ms instead of compiling TypeScript on every restart.
    bundle = join(root, 'crashJob.cjs');
    buildSync({
      entryPoints: [join(__dirname, 'crashJob.ts')],
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

  function runChild(
    work: string,
    clockStart: number,
    plan: KillPlan,
    killAfterMs?: number,
  ): Promise<RunResult> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [bundle, work, String(clockStart), JSON.stringify(plan)], {
        env: { ...process.env, STREAMSHIFT_EVENTS: '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (killAfterMs !== undefined && stdout.includes('STARTED') && !child.killed)
          setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
  }

  /** A work folder with `files` input files waiting in feed/; returns every line and the expected totals. */
  function prepare(work: string, seed: number, files: number): { lines: string[]; totals: string[] } {
    rmSync(work, { recursive: true, force: true });
    for (const dir of ['feed', 'stream_input', 'checkpoint', 'output'])
      mkdirSync(join(work, dir), { recursive: true });
    const next = random(seed);
    const lines: string[] = [];
    const counts = new Map<string, number>();
    for (let f = 0; f < files; f++) {
      const fileLines: string[] = [];
      for (let l = 0; l < 1 + Math.floor(next() * 8); l++) {
        const key = keys[Math.floor(next() * next() * keys.length)]; // skewed towards A
        const value = Math.floor(next() * 100);
        const line = `${f}-${l},${key},${value}`;
        fileLines.push(line);
        if (value > 50) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      lines.push(...fileLines);
      const path = join(work, 'feed', `file-${String(f).padStart(3, '0')}.csv`);
      writeFileSync(path, `${fileLines.join('\n')}\n`);
      const time = new Date(Date.now() - 3_600_000 + f * 1000);
      utimesSync(path, time, time);
    }
    return { lines: lines.sort(), totals: [...counts].map((pair) => pythonStr(pair)).sort() };
  }

  function readOutputDir(dir: string): string[] {
    assert.ok(existsSync(join(dir, '_SUCCESS')), `${dir} is complete`);
    return readdirSync(dir)
      .filter((name) => name.startsWith('part-'))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
      .filter((line) => line !== '');
  }

  // 13 scenarios × 10 kills by default; STREAMSHIFT_PROPERTY_RUNS scales them like the property suites.
  const scenarios = propertySettings(13).numRuns;
  const killsPerScenario = 10;
  let killCount = 0;
  const killsByPoint = new Map<string, number>();

  for (let scenario = 1; scenario <= scenarios; scenario++) {
    it(`scenario ${scenario}: ${killsPerScenario} kills at random points, then a clean finish`, async () => {
      const work = join(root, `scenario-${scenario}`);
      const next = random(scenario * 7_919);
      const { lines, totals } = prepare(work, scenario, 20 + Math.floor(next() * 15));
      const log: string[] = [];
      let finished = false;
      for (let run = 0; run <= killsPerScenario + 5 && !finished; run++) {
        // Later than anything an earlier run reached, as a monotonic clock would be. (A clock that goes back
        // across a restart can reuse the time of a batch whose completion was not checkpointed, and that
        // batch's saveAsTextFiles output is then skipped as "already exists": see the issue 8 report.)
        const clockStart = (run + 1) * 10_000_000 + Math.floor(next() * 5) * 1000;
        let plan: KillPlan = { point: 'none', occurrence: 1 };
        let killAfterMs: number | undefined;
        if (run < killsPerScenario) {
          if (next() < 0.2) killAfterMs = Math.floor(next() * 60);
          else
            plan = {
              point: killPoints[Math.floor(next() * killPoints.length)],
              occurrence: 1 + Math.floor(next() * 3),
            };
        }
        const result = await runChild(work, clockStart, plan, killAfterMs);
        log.push(
          `run ${run} (clock ${clockStart}): ${JSON.stringify(plan)}${killAfterMs !== undefined ? ` kill after ${killAfterMs} ms` : ''} → ${result.signal ?? result.code}`,
        );
        if (result.signal === 'SIGKILL') {
          killCount++;
          const point = killAfterMs !== undefined ? 'random moment' : plan.point;
          killsByPoint.set(point, (killsByPoint.get(point) ?? 0) + 1);
          continue;
        }
        assert.equal(result.code, 0, `${log.join('\n')}\n${result.stderr}`);
        assert.match(result.stdout, /DONE/);
        // A kill plan whose point was not reached (the job finished first) ends the scenario early.
        finished = true;
      }
      assert.ok(finished, `the job never finished:\n${log.join('\n')}`);
      const output = join(work, 'output');
      const batchDirs = readdirSync(output).filter((name) => /^lines-\d+$/.test(name));
      const processed = batchDirs.flatMap((name) => readOutputDir(join(output, name))).sort();
      const byBatch = batchDirs
        .sort()
        .map((name) => `${name}: ${readOutputDir(join(output, name)).join(' ')}`)
        .filter((line) => !line.endsWith(': '));
      assert.deepEqual(
        processed,
        lines,
        `every line once (no file twice, none skipped)\n${log.join('\n')}\n${byBatch.join('\n')}`,
      );
      assert.deepEqual(readOutputDir(join(output, 'totals')).sort(), totals, log.join('\n'));
      assert.deepEqual(readdirSync(join(work, 'feed')), []);
      // Nothing half-written is visible: only complete Spark folders (hidden temp/aside folders may remain).
      const visible = readdirSync(output).filter((name) => !name.startsWith('.'));
      assert.deepEqual(
        visible.filter((name) => !/^(totals|lines-\d+)$/.test(name)),
        [],
        `unexpected output entries\n${log.join('\n')}`,
      );
    });
  }

  it(`at least 100 kill points were exercised, every kind of point among them`, () => {
    const tally = JSON.stringify(Object.fromEntries(killsByPoint));
    assert.ok(killCount >= 100, `only ${killCount} kills: ${tally}`);
    for (const point of [...killPoints, 'random moment'])
      assert.ok((killsByPoint.get(point) ?? 0) > 0, `no kill at ${point}: ${tally}`);
  });

  describe('a torn or truncated checkpoint file', () => {
    let work: string;
    let checkpointFile: string;
    let intact: Buffer;

    before(async () => {
      work = join(root, 'torn');
      prepare(work, 99, 4);
      const result = await runChild(work, 10_000_000, { point: 'none', occurrence: 1 });
      assert.equal(result.code, 0, result.stderr);
      checkpointFile = join(work, 'checkpoint', 'streaming-checkpoint.json');
      intact = readFileSync(checkpointFile);
    });

    for (const fraction of [0, 0.01, 0.3, 0.5, 0.9, 0.999]) {
      it(`truncated to ${fraction * 100}% is refused with an error naming the file`, async () => {
        writeFileSync(checkpointFile, intact);
        truncateSync(checkpointFile, Math.floor(intact.length * fraction));
        const result = await runChild(work, 20_000_000, { point: 'none', occurrence: 1 });
        assert.equal(result.code, 1, result.stdout);
        assert.match(result.stderr, new RegExp(`Checkpoint ${escapeRegExp(checkpointFile)} is corrupt`));
        assert.doesNotMatch(result.stdout, /DONE/);
      });
    }

    it('torn in the middle (a block of zero bytes) is refused with an error naming the file', async () => {
      const torn = Buffer.from(intact);
      torn.fill(0, Math.floor(torn.length / 3), Math.floor((torn.length * 2) / 3));
      writeFileSync(checkpointFile, torn);
      const result = await runChild(work, 20_000_000, { point: 'none', occurrence: 1 });
      assert.equal(result.code, 1, result.stdout);
      assert.match(result.stderr, new RegExp(`Checkpoint ${escapeRegExp(checkpointFile)} is corrupt`));
    });

    it('replaced by other JSON is refused as not a streaming checkpoint', async () => {
      writeFileSync(checkpointFile, '{"hello": "world"}');
      const result = await runChild(work, 20_000_000, { point: 'none', occurrence: 1 });
      assert.equal(result.code, 1, result.stdout);
      assert.match(result.stderr, /is not a Streamshift streaming checkpoint/);
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
