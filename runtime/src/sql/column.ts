// Column: the user-facing wrapper around an expression, with the method names of Spark's Scala/Java
// Column API (no operator overloading in TypeScript): col("a").gt(1).and(col("b").isNotNull()).
import {
  Alias,
  And,
  Arithmetic,
  AnalysisException,
  CaseWhen,
  Cast,
  ColumnRef,
  Comparison,
  Expr,
  In,
  IsNull,
  Like,
  Literal,
  Negate,
  Not,
  Or,
  RLike,
  SortOrder,
  Star,
} from './expressions';
import { DataType, TimestampType, parseDataType, typeOf } from './types';
import { parseExpression } from './sqlParser';

/** Anything accepted where Spark accepts a column or a literal value. */
export type ColumnOrValue = Column | string | number | boolean | null | Date | bigint;
/** Anything accepted where Spark accepts a column or a column name. */
export type ColumnOrName = Column | string;

export class Column {
  constructor(readonly expr: Expr) {}

  // comparisons
  equalTo(other: ColumnOrValue): Column {
    return this.cmp('=', other);
  }
  eq(other: ColumnOrValue): Column {
    return this.cmp('=', other);
  }
  notEqual(other: ColumnOrValue): Column {
    return this.cmp('!=', other);
  }
  ne(other: ColumnOrValue): Column {
    return this.cmp('!=', other);
  }
  eqNullSafe(other: ColumnOrValue): Column {
    return this.cmp('<=>', other);
  }
  gt(other: ColumnOrValue): Column {
    return this.cmp('>', other);
  }
  geq(other: ColumnOrValue): Column {
    return this.cmp('>=', other);
  }
  ge(other: ColumnOrValue): Column {
    return this.cmp('>=', other);
  }
  lt(other: ColumnOrValue): Column {
    return this.cmp('<', other);
  }
  leq(other: ColumnOrValue): Column {
    return this.cmp('<=', other);
  }
  le(other: ColumnOrValue): Column {
    return this.cmp('<=', other);
  }
  between(lower: ColumnOrValue, upper: ColumnOrValue): Column {
    return this.geq(lower).and(this.leq(upper));
  }

  // arithmetic
  plus(other: ColumnOrValue): Column {
    return new Column(new Arithmetic('+', this.expr, valueExpr(other)));
  }
  minus(other: ColumnOrValue): Column {
    return new Column(new Arithmetic('-', this.expr, valueExpr(other)));
  }
  multiply(other: ColumnOrValue): Column {
    return new Column(new Arithmetic('*', this.expr, valueExpr(other)));
  }
  divide(other: ColumnOrValue): Column {
    return new Column(new Arithmetic('/', this.expr, valueExpr(other)));
  }
  mod(other: ColumnOrValue): Column {
    return new Column(new Arithmetic('%', this.expr, valueExpr(other)));
  }
  negate(): Column {
    return new Column(new Negate(this.expr));
  }

  // logic
  and(other: ColumnOrValue): Column {
    return new Column(new And(this.expr, valueExpr(other)));
  }
  or(other: ColumnOrValue): Column {
    return new Column(new Or(this.expr, valueExpr(other)));
  }
  not(): Column {
    return new Column(new Not(this.expr));
  }

  // predicates
  isNull(): Column {
    return new Column(new IsNull(this.expr, false));
  }
  isNotNull(): Column {
    return new Column(new IsNull(this.expr, true));
  }
  isin(...values: (ColumnOrValue | ColumnOrValue[])[]): Column {
    const flat = values.length === 1 && Array.isArray(values[0]) ? values[0] : (values as ColumnOrValue[]);
    return new Column(new In(this.expr, flat.map(valueExpr)));
  }
  like(pattern: string): Column {
    return new Column(new Like(this.expr, pattern));
  }
  rlike(pattern: string): Column {
    return new Column(new RLike(this.expr, pattern));
  }
  startswith(prefix: string): Column {
    return new Column(new Like(this.expr, escapeLike(prefix) + '%'));
  }
  endswith(suffix: string): Column {
    return new Column(new Like(this.expr, '%' + escapeLike(suffix)));
  }
  contains(part: string): Column {
    return new Column(new Like(this.expr, '%' + escapeLike(part) + '%'));
  }

  // naming, types, ordering
  alias(name: string): Column {
    return new Column(new Alias(this.expr, name));
  }
  as(name: string): Column {
    return this.alias(name);
  }
  name(name: string): Column {
    return this.alias(name);
  }
  cast(to: DataType | (() => DataType) | string): Column {
    return new Column(new Cast(this.expr, typeof to === 'string' ? parseDataType(to) : typeOf(to)));
  }
  astype(to: DataType | (() => DataType) | string): Column {
    return this.cast(to);
  }
  asc(): Column {
    return new Column(new SortOrder(this.expr, true, true));
  }
  desc(): Column {
    return new Column(new SortOrder(this.expr, false, false));
  }
  asc_nulls_first(): Column {
    return new Column(new SortOrder(this.expr, true, true));
  }
  asc_nulls_last(): Column {
    return new Column(new SortOrder(this.expr, true, false));
  }
  desc_nulls_first(): Column {
    return new Column(new SortOrder(this.expr, false, true));
  }
  desc_nulls_last(): Column {
    return new Column(new SortOrder(this.expr, false, false));
  }
  getField(name: string): Column {
    if (!(this.expr instanceof ColumnRef))
      throw new AnalysisException(
        'getField is supported on named columns only, e.g. col("window").getField("start")',
      );
    return new Column(new ColumnRef(`${this.expr.name}.${'`' + name.replace(/`/g, '``') + '`'}`));
  }

  // CASE WHEN chaining: when(c, v).when(c2, v2).otherwise(v3)
  when(condition: Column, value: ColumnOrValue): Column {
    if (!(this.expr instanceof CaseWhen) || this.expr.elseValue)
      throw new AnalysisException(
        'when() can only be applied on a Column previously generated by when() function',
      );
    return new Column(new CaseWhen([...this.expr.branches, [condition.expr, valueExpr(value)]], undefined));
  }
  otherwise(value: ColumnOrValue): Column {
    if (!(this.expr instanceof CaseWhen))
      throw new AnalysisException(
        'otherwise() can only be applied on a Column previously generated by when()',
      );
    if (this.expr.elseValue) throw new AnalysisException('otherwise() can only be applied once on a Column');
    return new Column(new CaseWhen(this.expr.branches, valueExpr(value)));
  }

  toString(): string {
    return `Column<'${this.expr.sql()}'>`;
  }

  private cmp(op: '=' | '!=' | '<' | '<=' | '>' | '>=' | '<=>', other: ColumnOrValue): Column {
    return new Column(new Comparison(op, this.expr, valueExpr(other)));
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, '\\$&');
}

/** A column argument: Column as is, anything else as a literal (Spark's `lit` coercion). */
export function valueExpr(v: ColumnOrValue): Expr {
  if (v instanceof Column) return v.expr;
  if (v instanceof Date) return new Literal(v.getTime(), TimestampType());
  if (typeof v === 'bigint') return new Literal(Number(v));
  return new Literal(v === undefined ? null : v);
}

/** A column-or-name argument: strings are column names ("*" allowed). */
export function nameExpr(c: ColumnOrName): Expr {
  if (c instanceof Column) return c.expr;
  if (c === '*') return new Star();
  if (c.endsWith('.*')) return new Star(c.slice(0, -2));
  return new ColumnRef(c);
}

export function col(name: string): Column {
  return new Column(nameExpr(name));
}
export const column = col;

export function lit(value: ColumnOrValue): Column {
  if (value instanceof Column) return value;
  return new Column(valueExpr(value));
}

/** Parses a Spark SQL expression: expr("price * qty AS total"). */
export function expr(text: string): Column {
  return new Column(parseExpression(text));
}

export function when(condition: Column, value: ColumnOrValue): Column {
  return new Column(new CaseWhen([[condition.expr, valueExpr(value)]], undefined));
}
