// The `npm run demo` command line (scripts/demo.ts) around runDemo: its arguments and exit codes, and
// one whole run of the default sample as a user starts it. The demo's cases run in demo.test.ts.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './toolchain';

function demoCommand(...args: string[]) {
  const tsxCli = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return spawnSync(process.execPath, [tsxCli, join(repoRoot, 'scripts', 'demo.ts'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    // Without NO_COLOR, so that the plain output shows the "not a terminal" rule at work.
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NO_COLOR')),
  });
}

describe('npm run demo: the command line', function () {
  this.timeout(60_000);

  it('without arguments: the wordcount demo, plain text when piped, exit 0', () => {
    const run = demoCommand();
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^Streamshift demo: wordcount/);
    assert.match(run.stdout, /\nstream result = batch result ✓ \(demo took [\d.]+ s\)\n$/);
    assert.ok(!run.stdout.includes('\u001b['), 'no colour codes when stdout is not a terminal');
  });

  it('--help lists the samples and exits 0', () => {
    const run = demoCommand('--help');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^usage: npm run demo \[sample\]/);
    assert.match(run.stdout, /Samples: .*wordcount.* \(default wordcount\)/);
  });

  it('an unknown sample exits 2 naming the samples there are', () => {
    const run = demoCommand('no-such-sample');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /demo: no sample "no-such-sample" \(samples: .*wordcount/);
  });

  it('an unknown option exits 2 with the usage', () => {
    const run = demoCommand('--fast');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /demo: unexpected argument "--fast"/);
    assert.match(run.stderr, /usage: npm run demo/);
  });
});
