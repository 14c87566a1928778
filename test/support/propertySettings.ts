// fast-check settings shared by the property suites: a fixed default seed (so CI is reproducible), the
// seed and number of runs overridable from the environment for long or replayed runs.
import type { Parameters } from 'fast-check';

export interface PropertySettings<T = unknown> extends Parameters<T> {
  readonly seed: number;
  readonly numRuns: number;
}

/**
 * `defaultRuns` cases unless STREAMSHIFT_PROPERTY_RUNS says otherwise (it scales every property suite by
 * the same factor relative to its default); STREAMSHIFT_PROPERTY_SEED fixes the seed, default 20261122.
 */
export function propertySettings<T = unknown>(defaultRuns: number, baselineRuns = 1000): PropertySettings<T> {
  const runs = Number(process.env.STREAMSHIFT_PROPERTY_RUNS);
  const seed = Number(process.env.STREAMSHIFT_PROPERTY_SEED);
  const path = process.env.STREAMSHIFT_PROPERTY_PATH;
  return {
    seed: Number.isInteger(seed) ? seed : 20261122,
    numRuns:
      Number.isInteger(runs) && runs > 0
        ? Math.max(1, Math.round((runs * defaultRuns) / baselineRuns))
        : defaultRuns,
    ...(path ? { path } : {}),
    endOnFailure: false,
  };
}
