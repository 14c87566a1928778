// Reset: the stream starts over. Empties the watched folder and removes the checkpoint and the output,
// each only after checking it is inside the job's folder (a setting like `../` must never delete
// anything outside it).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isSymlink, resolveInside } from './safePaths';

export interface ResetRequest {
  readonly jobDir: string;
  /** Relative to the job's folder. */
  readonly watchedFolder: string;
  readonly checkpointFolder?: string;
  readonly outputPaths: readonly string[];
}

/** Returns what was removed, for the log. Refuses (throws) before deleting anything if a path escapes. */
export function resetStreamFolders(request: ResetRequest): string[] {
  const watched = resolveInside(request.jobDir, request.watchedFolder, 'The watched folder');
  const others = [
    ...(request.checkpointFolder
      ? [resolveInside(request.jobDir, request.checkpointFolder, 'The checkpoint folder')]
      : []),
    ...request.outputPaths.map((path) => resolveInside(request.jobDir, path, 'The output path')),
  ];
  for (const path of [watched, ...others]) {
    if (path === resolve(request.jobDir)) {
      throw new Error(`Reset would delete the whole job folder ${request.jobDir}; check the job's paths`);
    }
  }
  const removed: string[] = [];
  if (existsSync(watched) && !isSymlink(watched)) {
    for (const name of readdirSync(watched)) {
      // rmSync removes a symlink itself, never what it points to.
      rmSync(join(watched, name), { recursive: true, force: true });
      removed.push(join(watched, name));
    }
  }
  for (const path of others) {
    if (!existsSync(path) && !isSymlink(path)) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
