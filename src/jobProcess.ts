// A running job: node on the bundled file, output streamed to the caller, and a graceful stop. Stopping
// sends SIGINT first, which the runtime's StreamingContext turns into stop({ stopGracefully: true }) (the
// batch in flight and its checkpoint complete, like Spark's shutdown hook with
// spark.streaming.stopGracefullyOnShutdown); only a job that ignores it is killed after the grace period.
import { spawn, type ChildProcess } from 'node:child_process';

export interface JobProcessOptions {
  readonly bundlePath: string;
  /** The job's folder: relative paths in the job resolve against it, as when it is run by hand. */
  readonly cwd: string;
  /** Node binary: in desktop VS Code the Electron binary, run as node through ELECTRON_RUN_AS_NODE. */
  readonly execPath: string;
  readonly env: NodeJS.ProcessEnv;
  readonly onStdout: (text: string) => void;
  readonly onStderr: (text: string) => void;
  /**
   * Run the job in its own process group (not on Windows): a Ctrl+C in a terminal then reaches only the
   * caller, which relays it once, instead of the job seeing it twice (the second would skip the graceful stop).
   */
  readonly detached?: boolean;
  /** Grace period after SIGINT before the process is killed. */
  readonly stopGraceMs?: number;
}

export interface JobProcess {
  readonly pid: number | undefined;
  /** Resolves with the exit code (128 + signal number when killed by a signal). */
  readonly exited: Promise<number>;
  readonly isRunning: boolean;
  /** Asks the job to stop gracefully; resolves when it has exited. */
  stop(): Promise<number>;
}

const signalNumbers: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

export function startJobProcess(options: JobProcessOptions): JobProcess {
  const child: ChildProcess = spawn(options.execPath, ['--enable-source-maps', options.bundlePath], {
    cwd: options.cwd,
    env: { ...options.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached === true && process.platform !== 'win32',
  });
  let running = true;
  child.stdout?.setEncoding('utf8').on('data', options.onStdout);
  child.stderr?.setEncoding('utf8').on('data', options.onStderr);
  const exited = new Promise<number>((resolve) => {
    child.on('error', (error) => {
      options.onStderr(`streamshift: could not start node (${options.execPath}): ${error.message}\n`);
      running = false;
      resolve(127);
    });
    child.on('close', (code, signal) => {
      running = false;
      resolve(code ?? 128 + (signal ? (signalNumbers[signal] ?? 1) : 1));
    });
  });
  let stopping: Promise<number> | undefined;
  return {
    pid: child.pid,
    exited,
    get isRunning() {
      return running;
    },
    stop() {
      if (!running) return exited;
      stopping ??= (async () => {
        child.kill('SIGINT');
        const timer = setTimeout(() => {
          if (running) child.kill('SIGKILL');
        }, options.stopGraceMs ?? 30_000);
        const code = await exited;
        clearTimeout(timer);
        return code;
      })();
      return stopping;
    },
  };
}
