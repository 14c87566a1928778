// The sample files a job can be fed from (its `feed/` folder or one the user picks) and which of them are
// already in the watched folder. "Fed" is read from disk, so it survives a reload of the window.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedFile } from './protocol';

/** The default feed folder of a job: `feed/` beside the job file. */
export const defaultFeedFolderName = 'feed';

/**
 * The files to feed, in name order (the order Feed next uses). Hidden names (`.`, `_`) and folders are
 * left out, as the stream would ignore them.
 */
export function listFeedFiles(feedDir: string): string[] {
  if (!existsSync(feedDir)) return [];
  return readdirSync(feedDir)
    .filter((name) => !name.startsWith('.') && !name.startsWith('_'))
    .filter((name) => statSync(join(feedDir, name)).isFile())
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Names of the visible files in the watched folder (none when it does not exist). */
export function watchedFileNames(watchedDir: string): Set<string> {
  if (!existsSync(watchedDir)) return new Set();
  return new Set(readdirSync(watchedDir).filter((name) => !name.startsWith('.') && !name.startsWith('_')));
}

export function feedStatus(feedNames: readonly string[], watched: ReadonlySet<string>): FeedFile[] {
  return feedNames.map((name) => ({ name, fed: watched.has(name) }));
}

/** The next file Feed next places: the first one not in the watched folder yet. */
export function nextToFeed(files: readonly FeedFile[]): string | undefined {
  return files.find((file) => !file.fed)?.name;
}
