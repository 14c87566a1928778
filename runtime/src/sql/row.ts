// Row: what collect()/first()/take() return. Fields are readable by name (row.name, row.get("name"),
// row.getAs("name")) and by position (row[0], row.get(0)), like pyspark's Row.

export class Row {
  /** Field values in schema order. */
  readonly values: unknown[];
  /** Field names in schema order. */
  readonly fieldNames: string[];

  constructor(values: unknown[], fieldNames: string[]) {
    this.values = values;
    this.fieldNames = fieldNames;
  }

  get length(): number {
    return this.values.length;
  }

  get(key: number | string): unknown {
    if (typeof key === 'number') {
      if (key < 0 || key >= this.values.length) throw new RangeError(`Row index ${key} out of range`);
      return this.values[key];
    }
    const i = this.fieldNames.indexOf(key);
    if (i < 0)
      throw new Error(`[FIELD_NOT_FOUND] No such struct field \`${key}\` in ${this.fieldNames.join(', ')}.`);
    return this.values[i];
  }

  getAs<T>(key: number | string): T {
    return this.get(key) as T;
  }

  /** As pyspark's asDict(); nested rows stay Rows unless `recursive`. */
  asDict(recursive = false): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.fieldNames.forEach((n, i) => {
      const v = this.values[i];
      out[n] = recursive && v instanceof Row ? v.asDict(true) : v;
    });
    return out;
  }

  toJSON(): Record<string, unknown> {
    return this.asDict(true);
  }

  /** pyspark's repr: Row(name='a', n=1). */
  toString(): string {
    const fmt = (v: unknown): string =>
      v === null || v === undefined
        ? 'None'
        : typeof v === 'string'
          ? `'${v}'`
          : typeof v === 'boolean'
            ? v
              ? 'True'
              : 'False'
            : v instanceof Date
              ? v.toISOString()
              : Array.isArray(v)
                ? `[${v.map(fmt).join(', ')}]`
                : String(v);
    return `Row(${this.fieldNames.map((n, i) => `${n}=${fmt(this.values[i])}`).join(', ')})`;
  }

  [index: number]: unknown;
  [name: string]: unknown;
}

const RESERVED = new Set([
  'values',
  'fieldNames',
  'length',
  'get',
  'getAs',
  'asDict',
  'toJSON',
  'toString',
  'constructor',
]);

/** A constructor for rows of a given set of field names, with a property per name and index. */
export function rowFactory(fieldNames: string[]): (values: unknown[]) => Row {
  class SchemaRow extends Row {}
  fieldNames.forEach((name, i) => {
    const getter = {
      get(this: Row) {
        return this.values[i];
      },
      enumerable: true,
      configurable: true,
    };
    Object.defineProperty(SchemaRow.prototype, String(i), getter);
    if (
      !RESERVED.has(name) &&
      !/^\d+$/.test(name) &&
      !Object.prototype.hasOwnProperty.call(SchemaRow.prototype, name)
    )
      Object.defineProperty(SchemaRow.prototype, name, getter);
  });
  return (values) => new SchemaRow(values, fieldNames);
}
