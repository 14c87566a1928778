// Which "Run batch job" / "Run stream job" tasks to offer: one per job file found in the workspace (its
// mode read from its text), the just-converted pair first.
import { importsRuntime, jobModeOf, type JobMode } from './jobDiscovery';

export interface PlannedJobTask {
  readonly jobPath: string;
  readonly mode: JobMode;
}

export interface JustConverted {
  readonly batchPath: string;
  readonly streamPath: string;
}

export function planJobTasks(
  files: readonly { readonly path: string; readonly text: string }[],
  justConverted?: JustConverted,
): PlannedJobTask[] {
  const tasks: PlannedJobTask[] = [];
  const seen = new Set<string>();
  const add = (jobPath: string, mode: JobMode) => {
    const key = `${mode}:${jobPath}`;
    if (seen.has(key)) return;
    seen.add(key);
    tasks.push({ jobPath, mode });
  };
  if (justConverted) {
    // After an in-place conversion both paths are the same file, now a stream job.
    if (justConverted.batchPath !== justConverted.streamPath) add(justConverted.batchPath, 'batch');
    add(justConverted.streamPath, 'stream');
  }
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    if (importsRuntime(file.text)) add(file.path, jobModeOf(file.text));
  }
  return tasks;
}

export function jobTaskName(mode: JobMode, relativePath: string): string {
  return `Run ${mode} job: ${relativePath}`;
}
