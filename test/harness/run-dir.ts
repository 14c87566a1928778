// A scratch folder per run: code-server, its extension host and Chromium all write config, caches and
// sockets under HOME/XDG/TMPDIR, so each run gets its own and never touches the user's real profile.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runsRoot } from './paths';

export function createRunDir(prefix: string): string {
  mkdirSync(runsRoot, { recursive: true });
  return mkdtempSync(join(runsRoot, `${prefix}-`));
}

export function removeRunDir(runDir: string): void {
  rmSync(runDir, { recursive: true, force: true });
}

/**
 * Copy test/host/fixtures/<name> into the run dir and return the copy: tests edit and run jobs in
 * their workspace, and the fixtures in the repository must stay as committed.
 */
export function copyFixtureWorkspace(name: string, runDir: string): string {
  const target = join(runDir, 'workspace', name);
  cpSync(join(repoRoot, 'test', 'host', 'fixtures', name), target, { recursive: true });
  return target;
}
