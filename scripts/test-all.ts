// `npm test`: every check the project has, in order — lint, type-check, unit, extension-host and UI
// tests. Each stage runs even when an earlier one failed, so one run shows everything that is wrong;
// the exit code is non-zero when any stage failed or a test stage ran no test. The last line is the
// total in the plain `N passed, M failed` form CI reads.
import { spawn } from 'node:child_process';

interface Stage {
  readonly name: string;
  readonly script: string;
  /** Reads the passed/failed counts from the stage's output; absent for checks that are not tests. */
  readonly counts?: (output: string) => { passed: number; failed: number } | undefined;
}

const mochaCounts = (output: string) => {
  const passing = /^\s*(\d+) passing/m.exec(output);
  if (!passing) return undefined;
  const failing = /^\s*(\d+) failing/m.exec(output);
  return { passed: Number(passing[1]), failed: failing ? Number(failing[1]) : 0 };
};

const summaryCounts = (label: string) => (output: string) => {
  const all = [...output.matchAll(new RegExp(`^${label}: (\\d+) passed, (\\d+) failed`, 'gm'))];
  const last = all.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
};

const stages: readonly Stage[] = [
  { name: 'lint', script: 'lint' },
  { name: 'type-check', script: 'check' },
  { name: 'unit', script: 'test:unit', counts: mochaCounts },
  { name: 'host', script: 'test:host', counts: summaryCounts('host tests') },
  { name: 'ui', script: 'test:ui', counts: summaryCounts('ui tests') },
];

function runScript(script: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const rows: string[] = [];
  let passed = 0;
  let failed = 0;
  let ok = true;
  for (const stage of stages.filter((s) => only.length === 0 || only.includes(s.name))) {
    const started = Date.now();
    console.log(`\n=== ${stage.name} (npm run ${stage.script}) ===`);
    const { code, output } = await runScript(stage.script);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const counts = stage.counts?.(output);
    let verdict = code === 0 ? 'ok' : `FAILED (exit ${code})`;
    if (stage.counts && !counts) verdict = `FAILED (no test count found, exit ${code})`;
    else if (counts && counts.passed === 0) verdict = 'FAILED (ran no test)';
    if (!verdict.startsWith('ok')) ok = false;
    if (counts) {
      passed += counts.passed;
      failed += counts.failed;
    }
    const countText = counts ? ` — ${counts.passed} passed, ${counts.failed} failed` : '';
    rows.push(`${stage.name.padEnd(10)} ${verdict}${countText} (${seconds} s)`);
  }
  console.log('\n=== summary ===');
  for (const row of rows) console.log(row);
  console.log(`total: ${passed} passed, ${failed} failed`);
  return ok && failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
