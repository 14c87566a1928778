/**
 * Durations as PySpark takes them (seconds, possibly fractional) and as the engine keeps them (whole
 * milliseconds, like Spark's `Duration`).
 */

/** Converts a duration in seconds to whole milliseconds; `what` names the argument in the error. */
export function secondsToMs(seconds: unknown, what: string): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new TypeError(`${what} must be a positive number of seconds, got ${String(seconds)}`);
  }
  const ms = Math.round(seconds * 1000);
  // Spark's Duration is whole milliseconds; a sub-millisecond or fractional-millisecond duration would
  // silently round, so refuse it.
  if (ms < 1 || Math.abs(ms - seconds * 1000) > 1e-6) {
    throw new RangeError(`${what} must be a whole number of milliseconds, got ${seconds} s`);
  }
  return ms;
}

/** Spark's textual form of a Duration, used in its messages: `3000 ms`. */
export function formatDuration(ms: number): string {
  return `${ms} ms`;
}
