// Value comparison shared by sorting, grouping keys and equality of complex values.
// Order follows Spark: numbers numerically, strings by code unit, false < true, arrays/structs
// element-wise; NaN sorts above every other number and equals itself.

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  return false;
}

/**
 * A Map key that identifies a value by SQL equality: primitives as themselves (numbers are
 * normalised so -0 and 0 group together), complex values as a tagged string.
 */
export function groupKey(v: unknown): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 0 ? 0 : v;
  return '\u0000' + JSON.stringify(v);
}

/** One Map key for several values: tagged so that ("a,b", null) and ("a", "b,") differ. */
export function compositeKey(values: unknown[]): string {
  let k = '';
  for (const v of values) {
    if (v === null) k += 'N|';
    else if (typeof v === 'string') k += 'S' + v.length + ':' + v + '|';
    else if (typeof v === 'number') k += 'D' + (v === 0 ? 0 : v) + '|';
    else if (typeof v === 'boolean') k += v ? 'T|' : 'F|';
    else k += 'J' + JSON.stringify(v) + '|';
  }
  return k;
}
