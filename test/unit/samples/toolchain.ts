// The toolchain the demo and the samples' tests run jobs with: esbuild from node_modules and the
// runtime's sources, as `npm run demo` does.
import { build } from 'esbuild';
import { join } from 'node:path';
import type { JobToolchain } from '../../../src/demo/demoJobs';

export const repoRoot = join(__dirname, '..', '..', '..');
export const samplesRoot = join(repoRoot, 'samples');

export const toolchain: JobToolchain = {
  build,
  runtimeRoot: join(repoRoot, 'runtime', 'src'),
  execPath: process.execPath,
  env: process.env,
};

/** A fresh scratch folder under test-artifacts/ (git-ignored), unique to this process. */
export function scratchDir(name: string): string {
  return join(repoRoot, 'test-artifacts', `samples-${name}-${process.pid}`);
}
