// A scratch folder per run: code-server, its extension host and Chromium all write config, caches and
// sockets under HOME/XDG/TMPDIR, so each run gets its own and never touches the user's real profile.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Name of the second workspace folder of host runs: a fresh folder outside the repository. */
export const userFolderName = 'user-folder';

/**
 * A multi-root workspace for the host tests: the fixture copy first (the folder most tests use), then a
 * fresh folder outside the repository holding only a job file, as a user's own folder would
 * (test/host/fixtures/user-folder). Returns the `.code-workspace` file to open.
 */
export function createHostWorkspace(fixture: string, runDir: string): string {
  const fixtureFolder = copyFixtureWorkspace(fixture, runDir);
  const userFolder = join(runDir, 'workspace', userFolderName);
  cpSync(join(repoRoot, 'test', 'host', 'fixtures', userFolderName), userFolder, { recursive: true });
  const file = join(runDir, 'workspace', 'streamshift-host.code-workspace');
  const folders = [{ path: fixtureFolder }, { path: userFolder, name: userFolderName }];
  writeFileSync(file, `${JSON.stringify({ folders, settings: {} }, null, 2)}\n`);
  return file;
}
