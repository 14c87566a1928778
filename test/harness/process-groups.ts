// code-server forks a server, extension hosts, tsserver, file watchers... Each is started in its own
// process group so that stopping the group stops them all; the groups still running are killed when
// this process exits or is interrupted, so a Ctrl+C or a crash never leaves a 600 MB tree behind.
const running = new Set<number>();

/** Remember a detached child (its pid is its process group id) until `forgetGroup`. */
export function trackGroup(pid: number): void {
  running.add(pid);
}

export function forgetGroup(pid: number): void {
  running.delete(pid);
}

/** Synchronous on purpose: it runs from the `exit` event, where nothing asynchronous completes. */
export function killTrackedGroups(): void {
  for (const pid of running) signalGroup(pid, 'SIGKILL');
  running.clear();
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Kill the tracked groups whenever this process exits, however it exits. */
export function killGroupsOnExit(): void {
  process.on('exit', killTrackedGroups);
}

/** Ctrl+C or a CI cancel: kill the tracked groups and exit with the conventional code (130/143). */
export function exitOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping code-server`);
      killTrackedGroups();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}
