/**
 * Turns stream state (updateStateByKey values, window contents, captured input) into JSON and back.
 *
 * Spark pickles state; a JavaScript job's state is made of the values a job can hold — strings, numbers,
 * booleans, null/undefined, arrays (Python tuples), plain objects, Maps, Sets, Dates, bigints, byte
 * arrays — and those are what a checkpoint keeps, exactly (NaN, -0 and undefined included). A value the
 * codec cannot restore faithfully (a function, a class instance, a cycle) is refused with its location
 * rather than written in a form that would come back different after a restart.
 */

/** The tagged JSON form of a value. */
export type Encoded =
  null | boolean | number | string | Encoded[] | { readonly $: string; readonly v?: unknown };

/** Raised when a value cannot be checkpointed; `path` locates it inside the value being saved. */
export class CheckpointEncodingError extends Error {
  override readonly name = 'CheckpointEncodingError';
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`cannot checkpoint ${path}: ${detail}`);
  }
}

/** Encodes `value`; `where` describes it for error messages (e.g. `state of updateStateByKey`). */
export function encodeValue(value: unknown, where: string): Encoded {
  return encode(value, where, new Set());
}

/** Decodes what `encodeValue` produced. */
export function decodeValue(encoded: unknown): unknown {
  if (encoded === null || typeof encoded === 'boolean' || typeof encoded === 'string') return encoded;
  if (typeof encoded === 'number') return encoded;
  if (Array.isArray(encoded)) return encoded.map(decodeValue);
  if (typeof encoded !== 'object') throw new Error(`corrupt checkpoint value: ${JSON.stringify(encoded)}`);
  const tagged = encoded as { $?: unknown; v?: unknown };
  switch (tagged.$) {
    case 'undefined':
      return undefined;
    case 'number':
      return Number(tagged.v);
    case 'bigint':
      return BigInt(tagged.v as string);
    case 'date':
      return new Date(tagged.v as number);
    case 'bytes':
      return new Uint8Array(Buffer.from(tagged.v as string, 'base64'));
    case 'map':
      return new Map((tagged.v as unknown[][]).map(([k, v]) => [decodeValue(k), decodeValue(v)]));
    case 'set':
      return new Set((tagged.v as unknown[]).map(decodeValue));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(tagged.v as Record<string, unknown>)) out[k] = decodeValue(v);
      return out;
    }
    default:
      throw new Error(`corrupt checkpoint value: unknown tag ${JSON.stringify(tagged.$)}`);
  }
}

function encode(value: unknown, path: string, ancestors: Set<object>): Encoded {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON has no NaN/Infinity and loses -0.
      if (Object.is(value, -0)) return { $: 'number', v: '-0' };
      return Number.isFinite(value) ? value : { $: 'number', v: String(value) };
    case 'undefined':
      return { $: 'undefined' };
    case 'bigint':
      return { $: 'bigint', v: value.toString() };
    case 'function':
      throw new CheckpointEncodingError(path, 'a function cannot be saved in a checkpoint');
    case 'symbol':
      throw new CheckpointEncodingError(path, 'a symbol cannot be saved in a checkpoint');
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.has(object)) throw new CheckpointEncodingError(path, 'the value contains a cycle');
  ancestors.add(object);
  try {
    if (Array.isArray(object)) return object.map((item, i) => encode(item, `${path}[${i}]`, ancestors));
    if (object instanceof Date) return { $: 'date', v: object.getTime() };
    if (object instanceof Uint8Array) return { $: 'bytes', v: Buffer.from(object).toString('base64') };
    if (object instanceof Map) {
      const entries: Encoded[][] = [];
      let i = 0;
      for (const [k, v] of object) {
        entries.push([encode(k, `${path} key #${i}`, ancestors), encode(v, `${path}.get(#${i})`, ancestors)]);
        i++;
      }
      return { $: 'map', v: entries };
    }
    if (object instanceof Set) {
      return { $: 'set', v: [...object].map((item, i) => encode(item, `${path} element #${i}`, ancestors)) };
    }
    const proto: unknown = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      const name = (object as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
      throw new CheckpointEncodingError(
        path,
        `an instance of class ${name} cannot be restored from a checkpoint (use plain objects, arrays, Maps or Sets)`,
      );
    }
    const fields: Record<string, Encoded> = {};
    for (const [k, v] of Object.entries(object)) fields[k] = encode(v, `${path}.${k}`, ancestors);
    return { $: 'object', v: fields };
  } finally {
    ancestors.delete(object);
  }
}
