// Security: a job is a program, so nothing runs in an untrusted workspace — for every way a run starts
// (batch or stream, in the job's folder or in the run panel's scratch folder): the trust decision comes
// before bundling, before any folder is created and before any process starts.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobRun, untrustedMessage, type JobDefinition } from '../../../src/jobRun';

describe('security: jobs do not run in untrusted workspaces', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'streamshift-security-trust-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const definitions = (jobPath: string, scratch: string): JobDefinition[] => [
    { jobPath, mode: 'batch' },
    { jobPath, mode: 'stream' },
    { jobPath, mode: 'batch', runIn: scratch },
    { jobPath, mode: 'stream', runIn: scratch },
  ];

  it('refuses every mode before bundling, creating folders or starting a process', async () => {
    const jobDir = join(root, 'job');
    mkdirSync(jobDir);
    const jobPath = join(jobDir, 'job.ts');
    // A job that would leave a trace if it ran at all.
    writeFileSync(jobPath, `import { writeFileSync } from 'node:fs';\nwriteFileSync('RAN', 'yes');\n`);
    const scratch = join(root, 'scratch');
    for (const definition of definitions(jobPath, scratch)) {
      let esbuildLoaded = false;
      let trustAsked = 0;
      let text = '';
      let exitCode: number | undefined;
      const run = new JobRun(
        definition,
        {
          isTrusted: () => {
            trustAsked++;
            return false;
          },
          loadEsbuild: () => {
            esbuildLoaded = true;
            return Promise.reject(new Error('must not be loaded'));
          },
          runtimeRoot: join(root, 'runtime'),
          workDir: join(root, 'work'),
          execPath: process.execPath,
          env: {},
          nonUserRoots: [],
        },
        { write: (t) => (text += t), close: (code) => (exitCode = code) },
      );
      assert.equal(await run.start(), 1, `${definition.mode} ${definition.runIn ?? ''}`);
      assert.equal(trustAsked, 1);
      assert.equal(esbuildLoaded, false);
      assert.equal(exitCode, 1);
      assert.equal(text, `${untrustedMessage}\n`);
      assert.ok(!existsSync(join(root, 'work')), 'no bundle or events folder');
      assert.ok(!existsSync(scratch), 'no scratch folder');
      assert.deepEqual(readdirSync(jobDir), ['job.ts'], 'no watched folder, no output, the job did not run');
    }
  });
});
