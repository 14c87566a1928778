// The CLI as users install it: `npm pack` of the repository, then `npm install <tarball>` into a fresh
// project (offline: the package has no dependencies), then `streamshift run` and `streamshift convert`
// from node_modules/.bin on a job outside the repository. The tarball carries the CLI bundle, esbuild's
// API and binary and the runtime, and nothing else (no sources, tests, source maps or the extension).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeScaffold } from '../../../src/scaffold/batchJobScaffold';

const repoRoot = join(__dirname, '..', '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command: string, args: readonly string[], cwd: string, timeout = 120_000) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the CLI installed from npm pack', function () {
  this.timeout(240_000);
  let root: string;

  before(function () {
    // The tarball packs the built CLI (dist/); build it when this checkout has not been built yet.
    if (
      !existsSync(join(repoRoot, 'dist', 'cli.js')) ||
      !existsSync(join(repoRoot, 'dist', 'runtime', 'index.d.ts'))
    ) {
      const built = run(npm, ['run', 'build'], repoRoot, 200_000);
      assert.equal(built.code, 0, built.stderr);
    }
    root = mkdtempSync(join(tmpdir(), 'streamshift-pack-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('packs only the CLI, esbuild and the runtime, installs offline, and runs and converts a job', () => {
    const packed = run(npm, ['pack', '--json', '--pack-destination', root], repoRoot);
    assert.equal(packed.code, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const paths = info!.files.map((f) => f.path);
    const allowed =
      /^(package\.json|README\.md|LICENSE|bin\/streamshift\.js|dist\/cli\.js|dist\/esbuild-api\.js|dist\/bin\/esbuild(\.exe)?|dist\/runtime\/.+\.(js|d\.ts))$/;
    assert.deepEqual(
      paths.filter((p) => !allowed.test(p)),
      [],
      'nothing but the CLI, esbuild and the runtime',
    );
    for (const needed of [
      'bin/streamshift.js',
      'dist/cli.js',
      'dist/esbuild-api.js',
      'dist/runtime/index.js',
      'dist/runtime/index.d.ts',
    ]) {
      assert.ok(paths.includes(needed), `the tarball has ${needed}`);
    }

    const project = join(root, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      '{ "name": "user-project", "version": "1.0.0", "private": true }\n',
    );
    const installed = run(
      npm,
      ['install', join(root, info!.filename), '--offline', '--no-audit', '--no-fund'],
      project,
    );
    assert.equal(installed.code, 0, installed.stderr);
    const bin = join(
      project,
      'node_modules',
      '.bin',
      process.platform === 'win32' ? 'streamshift.cmd' : 'streamshift',
    );
    assert.ok(existsSync(bin), 'npm linked the streamshift command');

    const job = writeScaffold(join(root, 'jobs'), 'rdd');
    const ran = run(bin, ['run', job.jobPath], project);
    assert.equal(ran.code, 0, ran.stderr);
    const output = readdirSync(join(job.dir, 'batch_output')).filter((name) => name.startsWith('part-'));
    const lines = output
      .flatMap((name) => readFileSync(join(job.dir, 'batch_output', name), 'utf8').split('\n'))
      .filter(Boolean);
    assert.ok(lines.length > 0 && lines.every((line) => /^\('[ABC]', \d+\)$/.test(line)), lines.join('\n'));

    const checked = run(bin, ['convert', job.jobPath, '--check'], project);
    assert.equal(checked.code, 0, checked.stderr);
    assert.match(checked.stderr, /convertible/);
  });
});
