/**
 * Python's ordering, for sortBy/sortByKey/takeOrdered/top/min/max: numbers (and booleans, which are ints
 * in Python) numerically, strings by character, tuples (arrays) element by element and then by length,
 * dates chronologically. Equal values compare equal whatever their type (so `('a', None)` ties with
 * `('a', None)`, as Python's tuple comparison only orders the first unequal elements). Ordering values
 * Python cannot order — a str against an int, None against anything else — is a TypeError with Python's
 * message, because silently inventing an order would hide a bug in the job.
 */
export function comparePython(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (isNumeric(a) && isNumeric(b)) {
    const x = toComparableNumber(a);
    const y = toComparableNumber(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.min(a.length, b.length);
    for (let i = 0; i < length; i++) {
      if (pythonEquals(a[i], b[i])) continue;
      return comparePython(a[i], b[i]);
    }
    return a.length - b.length;
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (a == null && b == null) return 0;
  throw new TypeError(
    `'<' not supported between instances of '${pythonTypeName(a)}' and '${pythonTypeName(b)}'`,
  );
}

/** Python's `==` for the JavaScript shapes of Python values. */
export function pythonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return a == null && b == null;
  if (isNumeric(a) && isNumeric(b)) return toComparableNumber(a) === toComparableNumber(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => pythonEquals(item, b[i]));
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return (
      keysA.length === keysB.length &&
      keysA.every((key) =>
        pythonEquals((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
      )
    );
  }
  return false;
}

/** Python's name for the type of a value, for error messages. */
export function pythonTypeName(value: unknown): string {
  if (value == null) return 'NoneType';
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'function';
  }
  if (Array.isArray(value)) return 'tuple';
  if (value instanceof Date) return 'datetime';
  if (value instanceof Set) return 'set';
  return 'dict';
}

/**
 * Python orders strings by code point; JavaScript's `<` by UTF-16 unit, which differs when an astral
 * character (a surrogate pair) meets a character from U+E000 up. Compare at the first difference by
 * code point.
 */
function compareStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === length) return a.length - b.length;
  return a.codePointAt(i)! - b.codePointAt(i)!;
}

function isNumeric(value: unknown): value is number | bigint | boolean {
  const type = typeof value;
  return type === 'number' || type === 'bigint' || type === 'boolean';
}

function toComparableNumber(value: number | bigint | boolean): number {
  return typeof value === 'number' ? value : Number(value);
}
