// The expression tree behind Column, and its binding to a schema. A bound expression knows its type
// and nullability and generates a JavaScript expression (see codegen.ts) with SQL NULL semantics:
// null in → null out, three-valued AND/OR/NOT, NULL-tolerant only where Spark is (coalesce, IS NULL…).
import { GenContext } from './codegen';
import { castFunction } from './casts';
import { compareValues, valuesEqual } from './ordering';
import {
  ArrayType,
  BooleanType,
  DataType,
  DateType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  NullType,
  StringType,
  StructType,
  TimestampType,
  isIntegral,
  isNumeric,
} from './types';
import { javaDoubleToString, valueToString } from './valueFormat';

export interface Bound {
  readonly type: DataType;
  readonly nullable: boolean;
  /** Set for literals: a constant that is never NULL, so operators can skip their NULL test. */
  readonly literal?: boolean;
  /** A JS expression computing the value; temporaries come from ctx. */
  gen(ctx: GenContext): string;
}

/** What an expression is bound against: the input schema, plus per-column qualifiers (join sides). */
export interface Scope {
  readonly schema: StructType;
  /** Optional qualifier (DataFrame alias) per column, for `a.id` references after joins. */
  readonly qualifiers?: (string | undefined)[];
  /** Optional owner tags per column (ids of the DataFrames a column comes from), for df.col("x"). */
  readonly owners?: string[][];
}

export class AnalysisException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisException';
  }
}

export abstract class Expr {
  /** Spark's auto-generated column name (the expression's SQL text). */
  abstract sql(): string;
  abstract bind(scope: Scope): Bound;
  children(): Expr[] {
    return [];
  }
  /** Output column name: the alias if any, else the SQL text. */
  outputName(): string {
    return this.sql();
  }
}

// ---------------------------------------------------------------- leaves

export class ColumnRef extends Expr {
  constructor(readonly name: string) {
    super();
  }
  sql(): string {
    return this.name;
  }
  override outputName(): string {
    const dot = this.resolvedFieldName;
    return dot ?? this.name;
  }
  /** Set when the reference turned out to be `struct.field`: Spark names such a column `field`. */
  private resolvedFieldName: string | undefined;

  bind(scope: Scope): Bound {
    const idx = resolveColumn(scope, this.name);
    if (idx >= 0) {
      const f = scope.schema.fields[idx];
      return { type: f.dataType, nullable: f.nullable, gen: (ctx) => ctx.input(idx) };
    }
    // `a.b`: a qualified name or a struct field access.
    const parts = splitName(this.name);
    if (parts.length > 1) {
      for (let cut = parts.length - 1; cut >= 1; cut--) {
        const baseIdx = resolveColumn(scope, parts.slice(0, cut).join('.'));
        if (baseIdx < 0) continue;
        let bound: Bound = {
          type: scope.schema.fields[baseIdx].dataType,
          nullable: scope.schema.fields[baseIdx].nullable,
          gen: (ctx) => ctx.input(baseIdx),
        };
        for (const field of parts.slice(cut)) bound = bindField(bound, field, this.name);
        this.resolvedFieldName = parts[parts.length - 1];
        return bound;
      }
    }
    throw unresolved(this.name, scope);
  }
}

function bindField(base: Bound, field: string, fullName: string): Bound {
  if (!(base.type instanceof StructType))
    throw new AnalysisException(
      `[INVALID_EXTRACT_BASE_FIELD_TYPE] Can't extract a value from "${fullName}". Need a complex type [STRUCT, ARRAY, MAP] but got "${base.type.sqlName()}".`,
    );
  const i = base.type.indexOf(field);
  if (i < 0)
    throw new AnalysisException(
      `[FIELD_NOT_FOUND] No such struct field \`${field}\` in ${base.type.fields.map((f) => `\`${f.name}\``).join(', ')}.`,
    );
  const f = base.type.fields[i];
  return {
    type: f.dataType,
    nullable: true,
    gen: (ctx) => {
      const t = ctx.temp();
      return `((${t} = ${base.gen(ctx)}) === null ? null : ${t}[${i}])`;
    },
  };
}

/** Splits `a.b` / `` `a.b`.c `` into parts, honouring backticks. */
export function splitName(name: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '`') {
      const end = name.indexOf('`', i + 1);
      if (end < 0) {
        cur += name.slice(i);
        break;
      }
      cur += name.slice(i + 1, end);
      i = end;
    } else if (c === '.') {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** Index of a column by name; `q.name` matches a qualified column. Ambiguity is an error as in Spark. */
export function resolveColumn(scope: Scope, rawName: string): number {
  // A name that matches a column as written wins (friendlier than Spark for names with dots or
  // backticks); otherwise `quoted` names are unquoted as Spark's attribute-name parser does.
  const direct = findColumn(scope, rawName);
  if (direct >= 0 || !(rawName.startsWith('`') && rawName.endsWith('`') && rawName.length > 1)) return direct;
  return findColumn(scope, rawName.slice(1, -1).replace(/``/g, '`'));
}

function findColumn(scope: Scope, name: string): number {
  const fields = scope.schema.fields;
  let found = -1;
  const lower = name.toLowerCase();
  for (let i = 0; i < fields.length; i++) {
    if (fields[i].name.toLowerCase() === lower) {
      if (found >= 0) {
        throw new AnalysisException(
          `[AMBIGUOUS_REFERENCE] Reference \`${name}\` is ambiguous, could be: [${fields
            .map((f, j) =>
              f.name.toLowerCase() === lower ? `\`${scope.qualifiers?.[j] ?? ''}\`.\`${f.name}\`` : '',
            )
            .filter(Boolean)
            .join(', ')}].`,
        );
      }
      found = i;
    }
  }
  if (found >= 0 || !scope.qualifiers) return found;
  const dot = name.indexOf('.');
  if (dot < 0) return -1;
  const q = name.slice(0, dot).toLowerCase();
  const col = name.slice(dot + 1).toLowerCase();
  return fields.findIndex(
    (f, i) => f.name.toLowerCase() === col && scope.qualifiers?.[i]?.toLowerCase() === q,
  );
}

function unresolved(name: string, scope: Scope): AnalysisException {
  const suggestions = scope.schema.fields.map((f) => `\`${f.name}\``).join(', ');
  return new AnalysisException(
    `[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name \`${name}\` cannot be resolved. Did you mean one of the following? [${suggestions}].`,
  );
}

export class Star extends Expr {
  constructor(readonly qualifier?: string) {
    super();
  }
  sql(): string {
    return this.qualifier ? `${this.qualifier}.*` : '*';
  }
  bind(): Bound {
    throw new AnalysisException(`Invalid usage of '*' in expression.`);
  }
}

export class Literal extends Expr {
  readonly type: DataType;
  constructor(
    readonly value: unknown,
    type?: DataType,
  ) {
    super();
    this.type = type ?? literalType(value);
  }
  sql(): string {
    const v = this.value;
    if (v === null) return 'NULL';
    if (this.type === DoubleType() && Number.isInteger(v)) return javaDoubleToString(v as number);
    return valueToString(v, this.type);
  }
  bind(): Bound {
    const v = this.value;
    return {
      type: this.type,
      nullable: v === null,
      literal: v !== null,
      gen: (ctx) => {
        if (v === null) return 'null';
        if (typeof v === 'boolean') return v ? 'true' : 'false';
        // A finite number prints as a JS number literal (no user text reaches the code this way).
        if (typeof v === 'number' && Number.isFinite(v)) return `(${Object.is(v, -0) ? '-0' : String(v)})`;
        return ctx.constant(v);
      },
    };
  }
}

export function literalType(v: unknown): DataType {
  if (v === null || v === undefined) return NullType();
  if (typeof v === 'string') return StringType();
  if (typeof v === 'boolean') return BooleanType();
  if (typeof v === 'number')
    return Number.isInteger(v) && Math.abs(v) <= 2147483647
      ? IntegerType()
      : Number.isInteger(v)
        ? LongType()
        : DoubleType();
  if (typeof v === 'bigint') return LongType();
  if (v instanceof Date) return TimestampType();
  if (Array.isArray(v)) return new ArrayType(v.length > 0 ? literalType(v[0]) : StringType());
  throw new AnalysisException(`[UNSUPPORTED_LITERAL] Unsupported literal ${String(v)} of type ${typeof v}`);
}

/** An expression over one operand (alias, sort order, NOT, cast, LIKE…). */
abstract class UnaryExpr extends Expr {
  constructor(readonly child: Expr) {
    super();
  }
  override children(): Expr[] {
    return [this.child];
  }
}

export class Alias extends UnaryExpr {
  constructor(
    child: Expr,
    readonly name: string,
  ) {
    super(child);
  }
  sql(): string {
    return this.child.sql();
  }
  override outputName(): string {
    return this.name;
  }
  bind(scope: Scope): Bound {
    return this.child.bind(scope);
  }
}

export class SortOrder extends UnaryExpr {
  constructor(
    child: Expr,
    readonly ascending: boolean,
    readonly nullsFirst: boolean,
  ) {
    super(child);
  }
  sql(): string {
    return `${this.child.sql()} ${this.ascending ? 'ASC' : 'DESC'} NULLS ${this.nullsFirst ? 'FIRST' : 'LAST'}`;
  }
  bind(scope: Scope): Bound {
    return this.child.bind(scope);
  }
}

// ---------------------------------------------------------------- operators

/** An expression over two operands (arithmetic, comparisons, AND / OR). */
abstract class BinaryExpr extends Expr {
  constructor(
    readonly left: Expr,
    readonly right: Expr,
  ) {
    super();
  }
  override children(): Expr[] {
    return [this.left, this.right];
  }
}

export type ArithOp = '+' | '-' | '*' | '/' | '%';
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '<=>';

export class Arithmetic extends BinaryExpr {
  constructor(
    readonly op: ArithOp,
    left: Expr,
    right: Expr,
  ) {
    super(left, right);
  }
  sql(): string {
    return `(${this.left.sql()} ${this.op} ${this.right.sql()})`;
  }
  bind(scope: Scope): Bound {
    let l = this.left.bind(scope);
    let r = this.right.bind(scope);
    const timeArith = bindTimeArithmetic(this.op, l, r);
    if (timeArith) return timeArith;
    let type: DataType;
    if (this.op === '/') type = DoubleType();
    else type = numericResultType(l.type, r.type, this.sql());
    if (this.op === '/') {
      l = coerce(l, DoubleType());
      r = coerce(r, DoubleType());
    } else {
      l = coerce(l, type);
      r = coerce(r, type);
    }
    const op = this.op;
    const nullable = l.nullable || r.nullable || op === '/' || op === '%';
    return {
      type,
      nullable,
      gen: (ctx) => {
        const a = ctx.temp();
        const b = ctx.temp();
        let body: string;
        if (op === '/' || op === '%') body = `${b} === 0 ? null : ${a} ${op} ${b}`;
        else if (type === IntegerType())
          body = op === '*' ? `Math.imul(${a}, ${b})` : `(${a} ${op} ${b}) | 0`;
        else if (type === FloatType()) body = `Math.fround(${a} ${op} ${b})`;
        else body = `${a} ${op} ${b}`;
        return `(${nullTest(a, l, ctx)} || ${nullTest(b, r, ctx)} ? null : ${body})`;
      },
    };
  }
}

/** timestamp ± interval-free arithmetic isn't supported; date ± int days is (date_add-like). */
function bindTimeArithmetic(op: ArithOp, l: Bound, r: Bound): Bound | null {
  if (l.type === DateType() && isIntegral(r.type) && (op === '+' || op === '-')) {
    return {
      type: DateType(),
      nullable: l.nullable || r.nullable,
      gen: (ctx) => {
        const a = ctx.temp();
        const b = ctx.temp();
        return `((${a} = ${l.gen(ctx)}) === null || (${b} = ${r.gen(ctx)}) === null ? null : ${a} ${op} ${b})`;
      },
    };
  }
  return null;
}

const NUMERIC_RANK = new Map<DataType, number>([
  [IntegerType(), 1],
  [LongType(), 2],
  [FloatType(), 3],
  [DoubleType(), 4],
]);

function numericResultType(a: DataType, b: DataType, sql: string): DataType {
  const ra = NUMERIC_RANK.get(a) ?? (a === StringType() || a === NullType() ? 4 : 0);
  const rb = NUMERIC_RANK.get(b) ?? (b === StringType() || b === NullType() ? 4 : 0);
  if (ra === 0 || rb === 0) {
    const bad = ra === 0 ? a : b;
    throw new AnalysisException(
      `[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve "${sql}" due to data type mismatch: the operands have incompatible types ("${a.sqlName()}" and "${b.sqlName()}"); ${bad.sqlName()} is not numeric.`,
    );
  }
  if (a === NullType() && b === NullType()) return DoubleType();
  if (a === NullType()) return b === StringType() ? DoubleType() : b;
  if (b === NullType()) return a === StringType() ? DoubleType() : a;
  const r = Math.max(ra, rb);
  return [...NUMERIC_RANK.entries()].find(([, v]) => v === r)![0];
}

/** `(t = value) === null`, or just the assignment for a literal (never NULL). */
function nullTest(t: string, b: Bound, ctx: GenContext): string {
  return b.literal ? `((${t} = ${b.gen(ctx)}), false)` : `(${t} = ${b.gen(ctx)}) === null`;
}

/** Wraps a bound expression in a cast when its type differs from the wanted one. */
export function coerce(b: Bound, to: DataType): Bound {
  if (b.type === to || b.type.equals(to)) return b;
  if (b.type === NullType()) return { type: to, nullable: true, gen: () => 'null' };
  const fn = castFunction(b.type, to);
  if (fn === null) return { ...b, type: to };
  return {
    type: to,
    nullable: true,
    gen: (ctx) => {
      const t = ctx.temp();
      return `((${t} = ${b.gen(ctx)}) === null ? null : ${ctx.constant(fn)}(${t}))`;
    },
  };
}

/** The common type two sides of a comparison are brought to (Spark's non-ANSI coercion). */
function comparisonType(a: DataType, b: DataType): DataType {
  if (a.equals(b)) return a;
  if (a === NullType()) return b;
  if (b === NullType()) return a;
  if (isNumeric(a) && isNumeric(b)) return numericResultType(a, b, '');
  if ((a === TimestampType() && b === DateType()) || (a === DateType() && b === TimestampType()))
    return TimestampType();
  if (a === StringType()) return b === BooleanType() ? BooleanType() : isNumeric(b) ? DoubleType() : b;
  if (b === StringType()) return a === BooleanType() ? BooleanType() : isNumeric(a) ? DoubleType() : a;
  if (a === BooleanType() && isNumeric(b)) return b;
  if (b === BooleanType() && isNumeric(a)) return a;
  return StringType();
}

function isPrimitive(t: DataType): boolean {
  return !(t instanceof StructType || t instanceof ArrayType);
}

export class Comparison extends BinaryExpr {
  constructor(
    readonly op: CompareOp,
    left: Expr,
    right: Expr,
  ) {
    super(left, right);
  }
  sql(): string {
    if (this.op === '!=') return `(NOT (${this.left.sql()} = ${this.right.sql()}))`;
    return `(${this.left.sql()} ${this.op} ${this.right.sql()})`;
  }
  bind(scope: Scope): Bound {
    const lb = this.left.bind(scope);
    const rb = this.right.bind(scope);
    const t = comparisonType(lb.type, rb.type);
    const l = coerce(lb, t);
    const r = coerce(rb, t);
    const op = this.op;
    const prim = isPrimitive(t);
    const test = (ctx: GenContext, a: string, b: string): string => {
      if (prim) {
        const jsOp = op === '=' || op === '<=>' ? '===' : op === '!=' ? '!==' : op;
        return `${a} ${jsOp} ${b}`;
      }
      const f =
        op === '=' || op === '!=' || op === '<=>' ? ctx.constant(valuesEqual) : ctx.constant(compareValues);
      if (op === '=' || op === '<=>') return `${f}(${a}, ${b})`;
      if (op === '!=') return `!${f}(${a}, ${b})`;
      return `${f}(${a}, ${b}) ${op} 0`;
    };
    if (op === '<=>') {
      return {
        type: BooleanType(),
        nullable: false,
        gen: (ctx) => {
          const a = ctx.temp();
          const b = ctx.temp();
          return `((${a} = ${l.gen(ctx)}), (${b} = ${r.gen(ctx)}), ${a} === null || ${b} === null ? ${a} === ${b} : ${test(ctx, a, b)})`;
        },
      };
    }
    return {
      type: BooleanType(),
      nullable: l.nullable || r.nullable,
      gen: (ctx) => {
        const a = ctx.temp();
        const b = ctx.temp();
        return `(${nullTest(a, l, ctx)} || ${nullTest(b, r, ctx)} ? null : ${test(ctx, a, b)})`;
      },
    };
  }
}

/**
 * AND / OR with SQL's three-valued logic: the side value that decides the result alone (FALSE for
 * AND, TRUE for OR) wins even over a NULL on the other side; otherwise NULL wins.
 */
abstract class Connective extends BinaryExpr {
  protected abstract readonly keyword: 'AND' | 'OR';
  /** The value either side can decide the result with: FALSE for AND, TRUE for OR. */
  protected abstract readonly decisive: boolean;
  sql(): string {
    return `(${this.left.sql()} ${this.keyword} ${this.right.sql()})`;
  }
  bind(scope: Scope): Bound {
    const l = coerce(this.left.bind(scope), BooleanType());
    const r = coerce(this.right.bind(scope), BooleanType());
    const decisive = String(this.decisive);
    const otherwise = String(!this.decisive);
    return {
      type: BooleanType(),
      nullable: l.nullable || r.nullable,
      gen: (ctx) => {
        const a = ctx.temp();
        const b = ctx.temp();
        return `((${a} = ${l.gen(ctx)}) === ${decisive} ? ${decisive} : (${b} = ${r.gen(ctx)}) === ${decisive} ? ${decisive} : ${a} === null || ${b} === null ? null : ${otherwise})`;
      },
    };
  }
}

export class And extends Connective {
  protected readonly keyword = 'AND';
  protected readonly decisive = false;
}

export class Or extends Connective {
  protected readonly keyword = 'OR';
  protected readonly decisive = true;
}

export class Not extends UnaryExpr {
  sql(): string {
    return `(NOT ${this.child.sql()})`;
  }
  bind(scope: Scope): Bound {
    const c = coerce(this.child.bind(scope), BooleanType());
    return {
      type: BooleanType(),
      nullable: c.nullable,
      gen: (ctx) => {
        const a = ctx.temp();
        return `((${a} = ${c.gen(ctx)}) === null ? null : !${a})`;
      },
    };
  }
}

export class Negate extends UnaryExpr {
  sql(): string {
    return `(- ${this.child.sql()})`;
  }
  bind(scope: Scope): Bound {
    const c = this.child.bind(scope);
    const type = c.type === StringType() ? DoubleType() : c.type;
    if (!isNumeric(type))
      throw new AnalysisException(`Cannot negate "${this.child.sql()}" of type ${c.type.sqlName()}`);
    const cc = coerce(c, type);
    return {
      type,
      nullable: c.nullable,
      gen: (ctx) => {
        const a = ctx.temp();
        return `((${a} = ${cc.gen(ctx)}) === null ? null : ${type === IntegerType() ? `(-${a}) | 0` : `-${a}`})`;
      },
    };
  }
}

export class IsNull extends UnaryExpr {
  constructor(
    child: Expr,
    readonly negated: boolean,
  ) {
    super(child);
  }
  sql(): string {
    return `(${this.child.sql()} IS ${this.negated ? 'NOT ' : ''}NULL)`;
  }
  bind(scope: Scope): Bound {
    const c = this.child.bind(scope);
    return {
      type: BooleanType(),
      nullable: false,
      gen: (ctx) => `(${c.gen(ctx)} ${this.negated ? '!==' : '==='} null)`,
    };
  }
}

export class In extends Expr {
  constructor(
    readonly child: Expr,
    readonly list: Expr[],
  ) {
    super();
  }
  sql(): string {
    return `(${this.child.sql()} IN (${this.list.map((e) => e.sql()).join(', ')}))`;
  }
  override children(): Expr[] {
    return [this.child, ...this.list];
  }
  bind(scope: Scope): Bound {
    const c = this.child.bind(scope);
    const items = this.list.map((e) => e.bind(scope));
    let t = c.type;
    for (const i of items) t = comparisonType(t, i.type);
    const cc = coerce(c, t);
    const ci = items.map((i) => coerce(i, t));
    const eq = isPrimitive(t) ? null : valuesEqual;
    return {
      type: BooleanType(),
      nullable: true,
      gen: (ctx) => {
        const v = ctx.temp();
        const sawNull = ctx.temp();
        const x = ctx.temp();
        // SQL: x IN (…) is TRUE on a match, NULL if x or any item is NULL and nothing matched, else FALSE.
        const tests = ci
          .map((i) => {
            const same = eq ? `${ctx.constant(eq)}(${v}, ${x})` : `${v} === ${x}`;
            return `((${x} = ${i.gen(ctx)}) === null ? (${sawNull} = true, false) : ${same})`;
          })
          .join(' || ');
        return `((${v} = ${cc.gen(ctx)}) === null ? null : (${sawNull} = false, ${tests || 'false'}) ? true : ${sawNull} ? null : false)`;
      },
    };
  }
}

export class Like extends UnaryExpr {
  constructor(
    child: Expr,
    readonly pattern: string,
    readonly escapeChar = '\\',
  ) {
    super(child);
  }
  sql(): string {
    return `${this.child.sql()} LIKE ${this.pattern}`;
  }
  bind(scope: Scope): Bound {
    const c = this.child.bind(scope);
    return bindRegExpTest(c, likeToRegExp(this.pattern, this.escapeChar));
  }
}

export class RLike extends UnaryExpr {
  constructor(
    child: Expr,
    readonly pattern: string,
  ) {
    super(child);
  }
  sql(): string {
    return `RLIKE(${this.child.sql()}, ${this.pattern})`;
  }
  bind(scope: Scope): Bound {
    const c = this.child.bind(scope);
    return bindRegExpTest(c, new RegExp(this.pattern, 'u'));
  }
}

/** LIKE / RLIKE: whether the value, as a string, matches `re`; NULL for NULL. */
function bindRegExpTest(value: Bound, re: RegExp): Bound {
  const c = coerce(value, StringType());
  return {
    type: BooleanType(),
    nullable: c.nullable,
    gen: (ctx) => {
      const a = ctx.temp();
      return `((${a} = ${c.gen(ctx)}) === null ? null : ${ctx.constant(re)}.test(${a}))`;
    },
  };
}

/** SQL LIKE → RegExp: `%` any run, `_` one char, escape char makes the next one literal. */
export function likeToRegExp(pattern: string, escapeChar = '\\'): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === escapeChar && i + 1 < pattern.length) {
      out += escapeRegExp(pattern[++i]);
    } else if (ch === '%') out += '[\\s\\S]*';
    else if (ch === '_') out += '[\\s\\S]';
    else out += escapeRegExp(ch);
  }
  return new RegExp(`^${out}$`, 'u');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export class CaseWhen extends Expr {
  constructor(
    readonly branches: [Expr, Expr][],
    readonly elseValue: Expr | undefined,
  ) {
    super();
  }
  sql(): string {
    const parts = this.branches.map(([c, v]) => `WHEN ${c.sql()} THEN ${v.sql()}`);
    return `CASE ${parts.join(' ')}${this.elseValue ? ` ELSE ${this.elseValue.sql()}` : ''} END`;
  }
  override children(): Expr[] {
    return [...this.branches.flat(), ...(this.elseValue ? [this.elseValue] : [])];
  }
  bind(scope: Scope): Bound {
    const conds = this.branches.map(([c]) => coerce(c.bind(scope), BooleanType()));
    const vals = this.branches.map(([, v]) => v.bind(scope));
    const elseB = this.elseValue?.bind(scope);
    const type = commonType([...vals, ...(elseB ? [elseB] : [])].map((v) => v.type));
    const cv = vals.map((v) => coerce(v, type));
    const ce = elseB ? coerce(elseB, type) : undefined;
    return {
      type,
      nullable: !ce || ce.nullable || cv.some((v) => v.nullable),
      gen: (ctx) => {
        let code = ce ? ce.gen(ctx) : 'null';
        for (let i = conds.length - 1; i >= 0; i--)
          code = `(${conds[i].gen(ctx)} === true ? ${cv[i].gen(ctx)} : ${code})`;
        return code;
      },
    };
  }
}

/** The widest type among branches (CASE, coalesce, union): numeric widening, else string. */
export function commonType(types: DataType[]): DataType {
  let t: DataType = NullType();
  for (const u of types) {
    if (u === NullType()) continue;
    if (t === NullType()) t = u;
    else if (t.equals(u)) continue;
    else if (isNumeric(t) && isNumeric(u)) t = numericResultType(t, u, '');
    else if ((t === DateType() && u === TimestampType()) || (t === TimestampType() && u === DateType()))
      t = TimestampType();
    else t = StringType();
  }
  return t === NullType() && types.length > 0 ? NullType() : t;
}

export class Cast extends UnaryExpr {
  constructor(
    child: Expr,
    readonly to: DataType,
  ) {
    super(child);
  }
  sql(): string {
    return `CAST(${this.child.sql()} AS ${this.to.sqlName()})`;
  }
  override outputName(): string {
    // Spark keeps the child's name for a cast of a plain column in select: `df.select(col("a").cast("int"))`
    // is named `a`; only SQL text / nested casts show CAST(...).
    return this.child instanceof ColumnRef ? this.child.outputName() : this.sql();
  }
  bind(scope: Scope): Bound {
    const c = this.child.bind(scope);
    const b = coerce(c, this.to);
    return { type: this.to, nullable: b === c ? c.nullable : true, gen: b.gen };
  }
}

/** A scalar function applied to its arguments, with a fixed implementation and null handling. */
export class FunctionCall extends Expr {
  constructor(
    readonly fnName: string,
    readonly args: Expr[],
    readonly impl: ScalarImpl,
    readonly displayArgs?: string[],
  ) {
    super();
  }
  sql(): string {
    const shown = this.displayArgs ?? this.args.map((a) => a.sql());
    return `${this.fnName}(${shown.join(', ')})`;
  }
  override outputName(): string {
    return this.impl.outputName ?? this.sql();
  }
  override children(): Expr[] {
    return this.args;
  }
  bind(scope: Scope): Bound {
    const bound = this.args.map((a) => a.bind(scope));
    const sig = this.impl.resolve(
      bound.map((b) => b.type),
      this.sql(),
    );
    const args = bound.map((b, i) => (sig.argTypes[i] ? coerce(b, sig.argTypes[i]!) : b));
    const fn = sig.fn;
    const nullTolerant = this.impl.nullTolerant === true;
    return {
      type: sig.type,
      nullable:
        sig.nullable ?? (nullTolerant ? true : args.some((a) => a.nullable) || sig.mayReturnNull === true),
      gen: (ctx) => {
        const f = ctx.constant(fn);
        if (nullTolerant) return `${f}(${args.map((a) => a.gen(ctx)).join(', ')})`;
        const temps = args.map(() => ctx.temp());
        const checks = args.map((a, i) => `(${temps[i]} = ${a.gen(ctx)}) === null`).join(' || ');
        const call = `${f}(${temps.join(', ')})`;
        return checks ? `(${checks} ? null : ${call})` : call;
      },
    };
  }
}

export interface ScalarSignature {
  /** Types arguments are cast to before the call (undefined = leave as is). */
  argTypes: (DataType | undefined)[];
  type: DataType;
  fn: (...args: any[]) => unknown;
  nullable?: boolean;
  mayReturnNull?: boolean;
}

export interface ScalarImpl {
  resolve(argTypes: DataType[], sql: string): ScalarSignature;
  /** When true the function receives nulls (coalesce, concat_ws…); else any null argument → null. */
  nullTolerant?: boolean;
  /** Overrides the column name (explode → `col`). */
  outputName?: string;
}

/** An aggregate function call such as sum(x); evaluated by the aggregation operator, not per row. */
export class AggregateCall extends Expr {
  constructor(
    readonly fnName: string,
    readonly args: Expr[],
    readonly distinct = false,
    readonly displayName?: string,
  ) {
    super();
  }
  sql(): string {
    if (this.displayName) return this.displayName;
    return `${this.fnName}(${this.distinct ? 'DISTINCT ' : ''}${this.args.map((a) => a.sql()).join(', ')})`;
  }
  override children(): Expr[] {
    return this.args;
  }
  bind(): Bound {
    throw new AnalysisException(
      `[MISSING_GROUP_BY] The query does not include a GROUP BY clause. Add GROUP BY or turn it into the window functions using OVER clauses. (aggregate ${this.sql()} used outside an aggregation)`,
    );
  }
}

/** df.col("x"): a column of one specific DataFrame, so it stays unambiguous after a self-join. */
export class PlanColumnRef extends Expr {
  constructor(
    readonly planId: number,
    readonly name: string,
  ) {
    super();
  }
  sql(): string {
    return this.name;
  }
  bind(scope: Scope): Bound {
    const lower = this.name.toLowerCase();
    const tag = String(this.planId);
    const fields = scope.schema.fields;
    let idx = -1;
    if (scope.owners)
      idx = fields.findIndex((f, i) => f.name.toLowerCase() === lower && scope.owners![i].includes(tag));
    if (idx < 0) return new ColumnRef(this.name).bind(scope);
    const f = fields[idx];
    return { type: f.dataType, nullable: f.nullable, gen: (ctx) => ctx.input(idx) };
  }
}

/** Reference to an already computed slot (used when rewriting aggregate expressions). */
export class SlotRef extends Expr {
  constructor(
    readonly index: number,
    readonly type: DataType,
    readonly nullable: boolean,
    readonly text: string,
  ) {
    super();
  }
  sql(): string {
    return this.text;
  }
  bind(): Bound {
    return { type: this.type, nullable: this.nullable, gen: (ctx) => ctx.input(this.index) };
  }
}

/** Generator expression (explode): one output row per array element. */
export class Explode extends UnaryExpr {
  constructor(
    child: Expr,
    readonly outer = false,
  ) {
    super(child);
  }
  sql(): string {
    return `${this.outer ? 'explode_outer' : 'explode'}(${this.child.sql()})`;
  }
  override outputName(): string {
    return 'col';
  }
  bind(scope: Scope): Bound {
    const c = this.child.bind(scope);
    if (!(c.type instanceof ArrayType))
      throw new AnalysisException(
        `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "${this.sql()}" due to data type mismatch: The first parameter requires the "ARRAY" or "MAP" type, however "${this.child.sql()}" has the type "${c.type.sqlName()}".`,
      );
    return c;
  }
}

/** window(timeCol, duration, slide?, start?): a struct {start, end}; sliding windows expand rows. */
export class TimeWindow extends Expr {
  constructor(
    readonly timeColumn: Expr,
    readonly durationMs: number,
    readonly slideMs: number,
    readonly startMs: number,
  ) {
    super();
  }
  sql(): string {
    return 'window';
  }
  override children(): Expr[] {
    return [this.timeColumn];
  }
  /** How many windows each row may fall in. */
  get overlap(): number {
    return Math.ceil(this.durationMs / this.slideMs);
  }
  /** Binds the time column (cast to timestamp). */
  bindTime(scope: Scope): Bound {
    const b = this.timeColumn.bind(scope);
    if (b.type !== TimestampType() && b.type !== DateType() && b.type !== StringType())
      throw new AnalysisException(
        `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "window(${this.timeColumn.sql()})" due to data type mismatch: The first parameter requires the "TIMESTAMP" type, however "${this.timeColumn.sql()}" has the type "${b.type.sqlName()}".`,
      );
    return coerce(b, TimestampType());
  }
  static structType(): StructType {
    return new StructType([]).add('start', TimestampType()).add('end', TimestampType());
  }
  bind(scope: Scope): Bound {
    if (this.overlap > 1)
      throw new AnalysisException(
        'A sliding window() can only be used as a grouping expression of groupBy (it expands each row into several windows).',
      );
    const t = this.bindTime(scope);
    const dur = this.durationMs;
    const start = this.startMs;
    return {
      type: TimeWindow.structType(),
      nullable: true,
      gen: (ctx) => {
        const a = ctx.temp();
        const s = ctx.temp();
        // Spark: windowStart = ts - (ts - startTime + duration) % duration (precision-safe for negatives).
        return `((${a} = ${t.gen(ctx)}) === null ? null : (${s} = ${a} - ((((${a} - ${start}) % ${dur}) + ${dur}) % ${dur}), [${s}, ${s} + ${dur}]))`;
      },
    };
  }
}

/** Walks an expression tree depth-first. */
export function visit(e: Expr, fn: (e: Expr) => void): void {
  fn(e);
  for (const c of e.children()) visit(c, fn);
}

export function containsAggregate(e: Expr): boolean {
  let found = false;
  visit(e, (x) => {
    if (x instanceof AggregateCall) found = true;
  });
  return found;
}

/** Rebuilds an expression replacing nodes for which `fn` returns a replacement. */
export function transform(e: Expr, fn: (e: Expr) => Expr | undefined): Expr {
  const r = fn(e);
  if (r) return r;
  const t = (x: Expr): Expr => transform(x, fn);
  if (e instanceof Alias) return new Alias(t(e.child), e.name);
  if (e instanceof Arithmetic) return new Arithmetic(e.op, t(e.left), t(e.right));
  if (e instanceof Comparison) return new Comparison(e.op, t(e.left), t(e.right));
  if (e instanceof And) return new And(t(e.left), t(e.right));
  if (e instanceof Or) return new Or(t(e.left), t(e.right));
  if (e instanceof Not) return new Not(t(e.child));
  if (e instanceof Negate) return new Negate(t(e.child));
  if (e instanceof IsNull) return new IsNull(t(e.child), e.negated);
  if (e instanceof In) return new In(t(e.child), e.list.map(t));
  if (e instanceof Like) return new Like(t(e.child), e.pattern, e.escapeChar);
  if (e instanceof RLike) return new RLike(t(e.child), e.pattern);
  if (e instanceof CaseWhen)
    return new CaseWhen(
      e.branches.map(([c, v]) => [t(c), t(v)]),
      e.elseValue ? t(e.elseValue) : undefined,
    );
  if (e instanceof Cast) return new Cast(t(e.child), e.to);
  if (e instanceof FunctionCall) return new FunctionCall(e.fnName, e.args.map(t), e.impl, e.displayArgs);
  if (e instanceof SortOrder) return new SortOrder(t(e.child), e.ascending, e.nullsFirst);
  if (e instanceof Explode) return new Explode(t(e.child), e.outer);
  return e;
}

/** Human-readable JS value for error messages. */
export function describeValue(v: unknown): string {
  return v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v);
}
