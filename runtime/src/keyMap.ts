/**
 * A map whose keys compare the way Python's dict keys do, for the key/value operations of RDDs.
 *
 * (One deliberate difference: Python's `True == 1`, here `true` and `1` are different keys — in
 * JavaScript they are different values, and merging them would surprise a TypeScript reader.)
 *
 * Pair RDDs key by arbitrary values: mostly strings and numbers, sometimes tuples (`[k1, k2]` arrays).
 * JavaScript's Map compares arrays by identity, so composite keys are stored under a canonical string
 * encoding; strings, numbers and booleans (the hot path of every word count) go straight into a native
 * Map with no encoding cost. The first key object seen for a composite key is the one handed back.
 */
export class KeyMap<K, V> {
  private readonly primitives = new Map<K, V>();
  private readonly composites = new Map<string, { key: K; value: V }>();

  get size(): number {
    return this.primitives.size + this.composites.size;
  }

  get(key: K): V | undefined {
    if (isPrimitiveKey(key)) return this.primitives.get(key);
    return this.composites.get(encodeKey(key))?.value;
  }

  has(key: K): boolean {
    if (isPrimitiveKey(key)) return this.primitives.has(key);
    return this.composites.has(encodeKey(key));
  }

  set(key: K, value: V): this {
    if (isPrimitiveKey(key)) this.primitives.set(key, value);
    else {
      const code = encodeKey(key);
      const entry = this.composites.get(code);
      if (entry) entry.value = value;
      else this.composites.set(code, { key, value });
    }
    return this;
  }

  /** Entries in insertion order (primitive keys first, then composite keys). */
  *entries(): IterableIterator<[K, V]> {
    yield* this.primitives.entries();
    for (const entry of this.composites.values()) yield [entry.key, entry.value];
  }

  forEach(visit: (value: V, key: K) => void): void {
    this.primitives.forEach(visit);
    for (const entry of this.composites.values()) visit(entry.value, entry.key);
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}

/** Keys a native Map already compares like Python does. */
export function isPrimitiveKey(key: unknown): boolean {
  const type = typeof key;
  return type === 'string' || type === 'number' || type === 'boolean';
}

/**
 * A string that is equal for two keys exactly when Python would find them equal: tuples element-wise,
 * dicts by their items, `null` and `undefined` both as None. Strings are JSON-quoted so that element
 * boundaries cannot be forged by the text inside them.
 */
export function encodeKey(key: unknown): string {
  switch (typeof key) {
    case 'string':
      return JSON.stringify(key);
    case 'number':
      return Object.is(key, -0) ? 'n0' : `n${key}`;
    case 'bigint':
      return Number.isSafeInteger(Number(key)) ? `n${key}` : `i${key}`;
    case 'boolean':
      return key ? 'T' : 'F';
    case 'undefined':
      return 'N';
    case 'symbol':
    case 'function':
      throw new TypeError(`unhashable key: ${String(key)}`);
  }
  if (key === null) return 'N';
  if (Array.isArray(key)) return `[${key.map(encodeKey).join(',')}]`;
  if (key instanceof Date) return `D${key.getTime()}`;
  if (key instanceof Uint8Array)
    return `B${Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('hex')}`;
  if (key instanceof Map) {
    const items = [...key].map(([k, v]) => `${encodeKey(k)}:${encodeKey(v)}`).sort();
    return `{${items.join(',')}}`;
  }
  if (key instanceof Set) return `S{${[...key].map(encodeKey).sort().join(',')}}`;
  const items = Object.keys(key as object)
    .sort()
    .map((name) => `${JSON.stringify(name)}:${encodeKey((key as Record<string, unknown>)[name])}`);
  return `{${items.join(',')}}`;
}
