import { encodeKey } from './keyMap';

/**
 * The hash that decides which partition a key goes to in a shuffle (PySpark's `portable_hash`, the
 * default `partitionFunc`). It must be stable across runs and processes, so it never depends on object
 * identity. Integers hash to themselves as in Python (so `partitionBy(n)` over int keys puts key `k` in
 * partition `k % n`, as PySpark does); None hashes to 0; tuples combine their elements with CPython's
 * tuple-hash recurrence; strings use a 32-bit multiplicative hash (Python's own string hash is salted
 * per process, so PySpark's exact string placement is not reproducible anyway). The result is a safe
 * integer; `partitionOf` takes it modulo the partition count the way Python's `%` does (never negative).
 */
export function portableHash(key: unknown): number {
  switch (typeof key) {
    case 'string':
      return stringHash(key);
    case 'number':
      if (Number.isSafeInteger(key)) return key;
      return stringHash(encodeKey(key));
    case 'boolean':
      return key ? 1 : 0;
    case 'undefined':
      return 0;
  }
  if (key === null) return 0;
  if (Array.isArray(key)) {
    let hash = 0x345678;
    for (const item of key) {
      hash = Math.imul(hash ^ portableHash(item), 1000003);
    }
    return (hash ^ key.length) >>> 0;
  }
  return stringHash(encodeKey(key));
}

/** The partition of `key` among `numPartitions` under `partitionFunc` (a non-negative modulo). */
export function partitionOf(
  key: unknown,
  numPartitions: number,
  partitionFunc: (key: unknown) => number = portableHash,
): number {
  const hash = partitionFunc(key);
  const index = hash % numPartitions;
  return index < 0 ? index + numPartitions : index;
}

function stringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash >>> 0;
}
