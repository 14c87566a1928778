// A stream job's watched folder is created before the job starts, when it does not exist yet. Spark
// differs by API here: a DStream's textFileStream logs "No directory to scan" and keeps polling, but a
// Structured Streaming file source refuses to start ("[PATH_NOT_FOUND] Path does not exist"). Users
// start the stream first and feed it afterwards, so the runners (task, run panel, CLI) make the folder,
// which is what a user running the job by hand does too. The path is read as the job writes it and
// resolved against the job's folder, like every other path in a job.
import { existsSync, mkdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { streamJobPaths } from './runPanel/jobPaths';

/** Creates the folder a stream job watches when it is a literal local path; returns it when it was created. */
export function ensureWatchedFolder(jobText: string, jobDir: string): string | undefined {
  const watched = streamJobPaths(jobText).watched;
  if (watched === undefined) return undefined;
  const local = watched.replace(/^file:(\/\/)?/, '');
  // Other file systems (s3a://, hdfs://) and patterns are not folders to create.
  if (/^[a-z][\w+.-]*:\/\//i.test(local) || /[*?[\]{}]/.test(local)) return undefined;
  const dir = isAbsolute(local) ? local : resolve(jobDir, local);
  if (existsSync(dir)) return undefined;
  mkdirSync(dir, { recursive: true });
  return dir;
}
