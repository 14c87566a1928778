// Feeding a sample file to a stream job: the file appears in the watched folder in one step. It is first
// written as a dot-file in that folder (textFileStream, like Hadoop, ignores names starting with `.` or
// `_`), then renamed, so the stream never reads a half-written file; the rename stays on one file system
// because both names are in the same folder.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { PathEscapeError, checkPlainFileName, isSymlink, resolveInside } from './safePaths';

export interface FeedRequest {
  /** The sample file to copy. */
  readonly sourcePath: string;
  /** The job's folder: the watched folder must be inside it. */
  readonly jobDir: string;
  /** The watched folder, relative to the job's folder (e.g. `stream_input/`). */
  readonly watchedFolder: string;
  /** Name in the watched folder; default the source's name. */
  readonly name?: string;
}

/** The step that makes the file visible; tests observe it to check what exists before and after. */
export interface FeedIo {
  rename(from: string, to: string): void;
}

const nodeIo: FeedIo = { rename: renameSync };

/** Copies the file into the watched folder atomically and returns the path it now has there. */
export function feedFileAtomically(request: FeedRequest, io: FeedIo = nodeIo): string {
  const name = request.name ?? basename(request.sourcePath);
  checkPlainFileName(name);
  const watched = resolveInside(request.jobDir, request.watchedFolder, 'The watched folder');
  mkdirSync(watched, { recursive: true });
  // Checked again now that the folder exists: a symlinked watched folder must not lead out.
  resolveInside(request.jobDir, request.watchedFolder, 'The watched folder');
  const target = join(watched, name);
  if (isSymlink(target)) {
    throw new PathEscapeError(`${target} is a symbolic link: the panel does not feed through links`);
  }
  const contents = readFileSync(request.sourcePath);
  const temporary = join(watched, `.${name}.${randomBytes(6).toString('hex')}.feeding`);
  const fd = openSync(temporary, 'wx');
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    io.rename(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return target;
}
