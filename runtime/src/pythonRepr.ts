/**
 * Python's textual forms of values, so that what Streamshift writes can be compared byte for byte with
 * what PySpark writes.
 *
 * PySpark's `saveAsTextFile` writes `str(element)` for every element, and `pprint` prints the same. A
 * TypeScript job carries Python's values in JavaScript shapes, and the mapping is fixed here, once:
 *
 * | JavaScript                    | Python      | written as                                   |
 * |-------------------------------|-------------|----------------------------------------------|
 * | string                        | str         | `'it''s'` → `"it's"`, Python's escaping rules |
 * | integral number, bigint       | int         | `18`                                          |
 * | non-integral number           | float       | `0.5`, `1e-05`, `nan`, `inf`                  |
 * | boolean                       | bool        | `True` / `False`                              |
 * | null, undefined               | None        | `None`                                        |
 * | array                         | tuple       | `('A', 18)`, `(1,)`, `()`                     |
 * | plain object, Map             | dict        | `{'k': 1}`                                    |
 * | Set                           | set         | `{1, 2}`, `set()`                             |
 * | Uint8Array / Buffer           | bytes       | `b'\x00ab'`                                   |
 * | Date                          | datetime    | `datetime.datetime(2024, 1, 2, 3, 4, 5)` (UTC) |
 *
 * Arrays are written as tuples because the runtime's convention is that a `[k, v]` array *is* a Python
 * tuple (pair RDDs); that is what makes `('A', 18)` come out exactly as Spark's part files do. The one
 * thing JavaScript cannot carry is Python's int/float distinction: an integral float such as Python's
 * `18.0` is a JavaScript `18` and is written `18`.
 */

/** Python's `str(value)`: a string is itself, anything else is its `repr`. */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/** Python's `repr(value)` for the JavaScript shape of a Python value (see the table above). */
export function pythonRepr(value: unknown): string {
  return reprValue(value, new Set());
}

/** `pythonRepr`, cut to at most `maxLength` characters (with `...`) for use in error messages. */
export function pythonReprTruncated(value: unknown, maxLength = 200): string {
  let text: string;
  try {
    text = pythonRepr(value);
  } catch {
    text = String(value);
  }
  return text.length <= maxLength ? text : `${text.slice(0, Math.max(0, maxLength - 3))}...`;
}

/** Python's `repr` of a str: single quotes unless the text holds `'` and no `"`. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  if (PLAIN_ASCII.test(text) && !text.includes(quote)) return quote + text + quote;
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += '\\' + char;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + hex(code, 2);
    else if (code < 0x7f) out += char;
    else if (NON_PRINTABLE.test(char)) {
      out +=
        code < 0x100 ? '\\x' + hex(code, 2) : code < 0x10000 ? '\\u' + hex(code, 4) : '\\U' + hex(code, 8);
    } else out += char;
  }
  return out + quote;
}

/** Python's `repr` of a float or int held in a JavaScript number. */
export function pythonNumberRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (Number.isInteger(value)) {
    // Integral values stand for Python ints; past 1e21 JavaScript switches to exponent form, Python's int
    // never does.
    return Math.abs(value) < 1e21 ? String(value === 0 ? 0 : value) : BigInt(value).toString();
  }
  // Both languages print the shortest digits that round-trip; they differ only in where they switch to
  // exponent form (Python: decimal exponent < -4 or >= 16) and in how the exponent is written (`e-05`).
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) return String(value);
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

const PLAIN_ASCII = /^[\x20-\x5b\x5d-\x7e]*$/;
// Python's str.isprintable(): everything except the "Other" categories and the separators other than ' '.
const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

function reprValue(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return pythonStringRepr(value);
    case 'number':
      return pythonNumberRepr(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'symbol':
      return value.toString();
    case 'function':
      return `<function ${value.name || '<lambda>'}>`;
  }
  if (value === null) return 'None';
  const object = value as object;
  if (seen.has(object)) return '...';
  seen.add(object);
  try {
    return reprObject(object, seen);
  } finally {
    seen.delete(object);
  }
}

function reprObject(object: object, seen: Set<object>): string {
  if (Array.isArray(object)) {
    const items = object.map((item) => reprValue(item, seen));
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  if (object instanceof Uint8Array) return bytesRepr(object);
  if (object instanceof Date) return dateRepr(object);
  if (object instanceof Map) {
    const items: string[] = [];
    for (const [key, item] of object) items.push(`${reprValue(key, seen)}: ${reprValue(item, seen)}`);
    return `{${items.join(', ')}}`;
  }
  if (object instanceof Set) {
    if (object.size === 0) return 'set()';
    return `{${[...object].map((item) => reprValue(item, seen)).join(', ')}}`;
  }
  const items = Object.entries(object).map(
    ([key, item]) => `${pythonStringRepr(key)}: ${reprValue(item, seen)}`,
  );
  return `{${items.join(', ')}}`;
}

function bytesRepr(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const byte of bytes) {
    if (byte === 0x27) hasSingle = true;
    else if (byte === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = 'b' + quote;
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    if (char === quote || char === '\\') out += '\\' + char;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (byte < 0x20 || byte >= 0x7f) out += '\\x' + hex(byte, 2);
    else out += char;
  }
  return out + quote;
}

function dateRepr(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'NaT';
  const parts = [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
  const micros = date.getUTCMilliseconds() * 1000;
  if (micros !== 0) parts.push(micros);
  else while (parts.length > 5 && parts[parts.length - 1] === 0) parts.pop();
  return `datetime.datetime(${parts.join(', ')})`;
}
