// Shared setup for the RDD tests: a fresh local[2] SparkContext per test, and scratch directories.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SparkContext } from '@streamshift/runtime';

/** Registers hooks that give each test its own SparkContext (`local[2]`), stopped afterwards. */
export function useSparkContext(master = 'local[2]'): () => SparkContext {
  let sc: SparkContext | undefined;
  beforeEach(() => {
    SparkContext.getActive()?.stop();
    sc = new SparkContext(master, 'rdd-test');
  });
  afterEach(() => {
    sc?.stop();
    sc = undefined;
  });
  return () => {
    if (!sc) throw new Error('no SparkContext outside a test');
    return sc;
  };
}

/** Registers hooks that give each test an empty scratch directory, removed afterwards. */
export function useScratchDir(): () => string {
  let dir: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'streamshift-rdd-'));
  });
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => {
    if (!dir) throw new Error('no scratch directory outside a test');
    return dir;
  };
}

/** Sorts a copy with a total order on the values' JSON, to compare results whose order Spark leaves open. */
export function sorted<T>(values: readonly T[]): T[] {
  return [...values].sort((a, b) => {
    const x = JSON.stringify(a);
    const y = JSON.stringify(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
