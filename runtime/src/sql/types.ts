// Spark SQL data types, StructType schemas and DDL schema strings ("a STRING, b INT").
// Values are held as plain JS values: strings, numbers (int/long/float/double), booleans,
// timestamps as epoch milliseconds, dates as days since 1970-01-01, arrays as JS arrays,
// structs as JS arrays in field order, and SQL NULL as `null`.

export abstract class DataType {
  /** Name used by printSchema and `df.dtypes` (Spark's `simpleString`/`typeName`). */
  abstract simpleString(): string;
  /** Name used in SQL text, e.g. inside `CAST(x AS INT)` column names. */
  abstract sqlName(): string;
  equals(other: DataType): boolean {
    return this.simpleString() === other.simpleString();
  }
  toString(): string {
    return this.simpleString();
  }
}

class AtomicType extends DataType {
  constructor(
    private readonly simple: string,
    private readonly sql: string,
    private readonly className: string,
  ) {
    super();
  }
  simpleString(): string {
    return this.simple;
  }
  sqlName(): string {
    return this.sql;
  }
  /** As pyspark's repr: `StringType()`. */
  override toString(): string {
    return `${this.className}()`;
  }
}

export class StringTypeClass extends AtomicType {}
export class IntegerTypeClass extends AtomicType {}
export class LongTypeClass extends AtomicType {}
export class DoubleTypeClass extends AtomicType {}
export class FloatTypeClass extends AtomicType {}
export class BooleanTypeClass extends AtomicType {}
export class TimestampTypeClass extends AtomicType {}
export class DateTypeClass extends AtomicType {}
export class NullTypeClass extends AtomicType {}

const stringType = new StringTypeClass('string', 'STRING', 'StringType');
const integerType = new IntegerTypeClass('int', 'INT', 'IntegerType');
const longType = new LongTypeClass('bigint', 'BIGINT', 'LongType');
const doubleType = new DoubleTypeClass('double', 'DOUBLE', 'DoubleType');
const floatType = new FloatTypeClass('float', 'FLOAT', 'FloatType');
const booleanType = new BooleanTypeClass('boolean', 'BOOLEAN', 'BooleanType');
const timestampType = new TimestampTypeClass('timestamp', 'TIMESTAMP', 'TimestampType');
const dateType = new DateTypeClass('date', 'DATE', 'DateType');
const nullType = new NullTypeClass('void', 'VOID', 'NullType');

/** Callable like pyspark (`StringType()`), and also usable as a value (`StringType`). */
type TypeFactory<T extends DataType> = (() => T) & T;
function factory<T extends DataType>(instance: T): TypeFactory<T> {
  const f = (() => instance) as TypeFactory<T>;
  Object.setPrototypeOf(f, instance);
  return f;
}

export const StringType = factory(stringType);
export const IntegerType = factory(integerType);
export const LongType = factory(longType);
export const DoubleType = factory(doubleType);
export const FloatType = factory(floatType);
export const BooleanType = factory(booleanType);
export const TimestampType = factory(timestampType);
export const DateType = factory(dateType);
export const NullType = factory(nullType);

/** Normalises a type given as factory or instance to the shared instance. */
export function typeOf(t: DataType | (() => DataType)): DataType {
  if (typeof t === 'function') return (t as () => DataType)();
  return t;
}

export class ArrayType extends DataType {
  readonly elementType: DataType;
  constructor(
    elementType: DataType | (() => DataType),
    readonly containsNull = true,
  ) {
    super();
    this.elementType = typeOf(elementType);
  }
  simpleString(): string {
    return `array<${this.elementType.simpleString()}>`;
  }
  sqlName(): string {
    return `ARRAY<${this.elementType.sqlName()}>`;
  }
}

export class StructField {
  readonly dataType: DataType;
  constructor(
    readonly name: string,
    dataType: DataType | (() => DataType),
    readonly nullable = true,
  ) {
    this.dataType = typeOf(dataType);
  }
  simpleString(): string {
    return `${this.name}:${this.dataType.simpleString()}`;
  }
  toString(): string {
    return `StructField('${this.name}', ${this.dataType.toString()}, ${this.nullable})`;
  }
}

export class StructType extends DataType {
  readonly fields: StructField[];
  constructor(fields: StructField[] = []) {
    super();
    this.fields = [...fields];
  }
  /** pyspark's builder style: `StructType().add("a", StringType())`; returns a new schema. */
  add(
    field: string | StructField,
    dataType?: DataType | (() => DataType) | string,
    nullable = true,
  ): StructType {
    if (field instanceof StructField) return new StructType([...this.fields, field]);
    if (dataType === undefined) throw new Error(`StructType.add("${field}"): a data type is required`);
    const t = typeof dataType === 'string' ? parseDataType(dataType) : dataType;
    return new StructType([...this.fields, new StructField(field, t, nullable)]);
  }
  get names(): string[] {
    return this.fields.map((f) => f.name);
  }
  fieldNames(): string[] {
    return this.names;
  }
  get length(): number {
    return this.fields.length;
  }
  /** Index of a field by case-insensitive name (Spark's default resolution), or -1. */
  indexOf(name: string): number {
    const exact = this.fields.findIndex((f) => f.name === name);
    if (exact >= 0) return exact;
    const lower = name.toLowerCase();
    return this.fields.findIndex((f) => f.name.toLowerCase() === lower);
  }
  simpleString(): string {
    return `struct<${this.fields.map((f) => f.simpleString()).join(',')}>`;
  }
  sqlName(): string {
    return `STRUCT<${this.fields.map((f) => `${f.name}: ${f.dataType.sqlName()}`).join(', ')}>`;
  }
  override toString(): string {
    return `StructType([${this.fields.map((f) => f.toString()).join(', ')}])`;
  }
  /** Spark's `treeString`, as printed by printSchema (ends with a newline). */
  treeString(): string {
    const lines = ['root'];
    appendFields(lines, this, ' |');
    return lines.join('\n') + '\n';
  }
  /** DDL form, e.g. `a STRING,b INT` — accepted back by `fromDDL`. */
  toDDL(): string {
    return this.fields.map((f) => `${quoteIdent(f.name)} ${f.dataType.sqlName()}`).join(',');
  }
  static fromDDL(ddl: string): StructType {
    return parseSchema(ddl);
  }
}

function appendFields(lines: string[], struct: StructType, prefix: string): void {
  for (const f of struct.fields) {
    lines.push(`${prefix}-- ${f.name}: ${typeName(f.dataType)} (nullable = ${f.nullable})`);
    appendNested(lines, f.dataType, `${prefix}    |`);
  }
}

function appendNested(lines: string[], t: DataType, prefix: string): void {
  if (t instanceof StructType) appendFields(lines, t, prefix);
  else if (t instanceof ArrayType) {
    lines.push(`${prefix}-- element: ${typeName(t.elementType)} (containsNull = ${t.containsNull})`);
    appendNested(lines, t.elementType, `${prefix}    |`);
  }
}

/** Type names as printSchema shows them (Spark's `typeName`: integer, long, ...). */
function typeName(t: DataType): string {
  if (t instanceof StructType) return 'struct';
  if (t instanceof ArrayType) return 'array';
  if (t === integerType) return 'integer';
  if (t === longType) return 'long';
  return t.simpleString();
}

function quoteIdent(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
}

export function isNumeric(t: DataType): boolean {
  return t === integerType || t === longType || t === doubleType || t === floatType;
}
export function isIntegral(t: DataType): boolean {
  return t === integerType || t === longType;
}

const NAMED_TYPES: Record<string, DataType> = {
  string: stringType,
  varchar: stringType,
  char: stringType,
  text: stringType,
  int: integerType,
  integer: integerType,
  smallint: integerType,
  tinyint: integerType,
  short: integerType,
  byte: integerType,
  bigint: longType,
  long: longType,
  double: doubleType,
  float: floatType,
  real: floatType,
  boolean: booleanType,
  bool: booleanType,
  timestamp: timestampType,
  timestamp_ltz: timestampType,
  date: dateType,
  void: nullType,
  null: nullType,
};

/** Parses one type name: `INT`, `array<string>`, `struct<a: int, b: string>`, `decimal(10,2)` (as double). */
export function parseDataType(text: string): DataType {
  const p = new DdlParser(text);
  const t = p.type();
  p.end();
  return t;
}

/** Parses a DDL schema string: `"sensor_id STRING, ts TIMESTAMP, temperature DOUBLE"`. */
export function parseSchema(ddl: string): StructType {
  const p = new DdlParser(ddl);
  const fields = p.fieldList(',', true);
  p.end();
  return new StructType(fields);
}

class DdlParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  fieldList(_sep: string, topLevel: boolean): StructField[] {
    const fields: StructField[] = [];
    this.ws();
    if (topLevel && this.pos >= this.text.length) return fields;
    for (;;) {
      const name = this.ident();
      this.ws();
      if (this.text[this.pos] === ':') this.pos++;
      const t = this.type();
      this.ws();
      let nullable = true;
      if (/^not\s+null/i.test(this.text.slice(this.pos))) {
        nullable = false;
        this.pos += this.text.slice(this.pos).match(/^not\s+null/i)![0].length;
        this.ws();
      }
      if (/^comment\s/i.test(this.text.slice(this.pos))) {
        this.pos += 7;
        this.ws();
        this.quoted("'");
        this.ws();
      }
      fields.push(new StructField(name, t, nullable));
      if (this.text[this.pos] === ',') {
        this.pos++;
        this.ws();
        continue;
      }
      return fields;
    }
  }

  type(): DataType {
    this.ws();
    const name = this.word().toLowerCase();
    this.ws();
    if (name === 'array') {
      this.expect('<');
      const el = this.type();
      this.ws();
      this.expect('>');
      return new ArrayType(el);
    }
    if (name === 'struct') {
      this.expect('<');
      const fields = this.text[this.pos] === '>' ? [] : this.fieldList(',', false);
      this.ws();
      this.expect('>');
      return new StructType(fields);
    }
    if (name === 'decimal' || name === 'numeric' || name === 'dec') {
      // No decimal type in this runtime: decimals are held as doubles.
      if (this.text[this.pos] === '(') this.skipParens();
      return doubleType;
    }
    const t = NAMED_TYPES[name];
    if (!t) throw this.error(`unsupported data type "${name}"`);
    if ((name === 'varchar' || name === 'char') && this.text[this.pos] === '(') this.skipParens();
    return t;
  }

  end(): void {
    this.ws();
    if (this.pos < this.text.length) throw this.error(`unexpected "${this.text.slice(this.pos)}"`);
  }

  private ident(): string {
    this.ws();
    if (this.text[this.pos] === '`') return this.quoted('`');
    const w = this.word();
    if (!w) throw this.error('expected a column name');
    return w;
  }
  private word(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!m) throw this.error('expected a name');
    this.pos += m[0].length;
    return m[0];
  }
  private quoted(q: string): string {
    let out = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++];
      if (c === q) {
        if (this.text[this.pos] === q) {
          out += q;
          this.pos++;
          continue;
        }
        return out;
      }
      out += c;
    }
    throw this.error(`unterminated ${q}`);
  }
  private skipParens(): void {
    const close = this.text.indexOf(')', this.pos);
    if (close < 0) throw this.error('missing ")"');
    this.pos = close + 1;
    this.ws();
  }
  private expect(c: string): void {
    this.ws();
    if (this.text[this.pos] !== c) throw this.error(`expected "${c}"`);
    this.pos++;
    this.ws();
  }
  private ws(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }
  private error(msg: string): Error {
    return new Error(
      `[PARSE_SYNTAX_ERROR] Cannot parse schema "${this.text}" at position ${this.pos}: ${msg}`,
    );
  }
}

/** A schema given as StructType or DDL string. */
export function toSchema(schema: StructType | string): StructType {
  return typeof schema === 'string' ? parseSchema(schema) : schema;
}
