// Small timing helpers shared by the benchmarks in bench/.

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `task` once and returns its result with the wall time in milliseconds. */
export function timed<T>(task: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = task();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Collects garbage between measurements when node runs with --expose-gc, so one run's garbage does not bill the next. */
export function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
