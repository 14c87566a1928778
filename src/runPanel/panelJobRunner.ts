// Runs the panel's jobs as the task runner does (JobRun: trust check, esbuild bundle against the shipped
// runtime, graceful stop), with the job's text going to the log instead of a terminal.
import { JobRun, type JobRunDependencies } from '../jobRun';
import type { JobRunRequest, RunningJob } from './runPanelSession';

const tailLimit = 16 * 1024;

export function runPanelJob(
  deps: JobRunDependencies,
  request: JobRunRequest,
  log: (line: string) => void,
): RunningJob {
  let tail = '';
  let pending = '';
  const run = new JobRun(
    {
      jobPath: request.jobPath,
      mode: request.mode,
      ...(request.runIn !== undefined ? { runIn: request.runIn } : {}),
    },
    {
      ...deps,
      onRecords: (definition, records) => {
        deps.onRecords?.(definition, records);
        request.onRecords?.(records);
      },
    },
    {
      write: (text) => {
        tail = (tail + text).slice(-tailLimit);
        const lines = (pending + text).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) log(line);
      },
      close: () => {
        if (pending) log(pending);
        pending = '';
      },
    },
  );
  return {
    done: run.start(),
    outputTail: () => tail,
    stop: () => run.stop(),
  };
}
