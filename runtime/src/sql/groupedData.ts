// GroupedData: what groupBy() returns; agg() and the shortcut aggregations (count, sum, avg, …).
import { Column } from './column';
import { AggregateCall, AnalysisException, ColumnRef, Expr, Literal, Alias } from './expressions';
import { planAggregate } from './analysis';
import { isNumeric } from './types';
import type { DataFrame } from './dataframe';

export class GroupedData {
  constructor(
    private readonly df: DataFrame,
    private readonly groupExprs: Expr[],
  ) {}

  /** agg(count("*"), avg("x").alias("m")) or agg({ x: "avg", y: "max" }). */
  agg(...exprs: (Column | Record<string, string>)[]): DataFrame {
    const aggExprs: Expr[] = [];
    for (const e of exprs) {
      if (e instanceof Column) aggExprs.push(e.expr);
      else
        for (const [name, fn] of Object.entries(e)) {
          const f = fn.toLowerCase() === 'mean' ? 'avg' : fn.toLowerCase();
          if (
            !['count', 'sum', 'avg', 'min', 'max', 'first', 'last', 'collect_list', 'collect_set'].includes(f)
          )
            throw new AnalysisException(`Unsupported aggregate function "${fn}" in agg({${name}: "${fn}"})`);
          aggExprs.push(new AggregateCall(f, [name === '*' ? new Literal(1) : new ColumnRef(name)]));
        }
    }
    if (aggExprs.length === 0) throw new AnalysisException('agg() needs at least one aggregate expression');
    return this.build(aggExprs);
  }

  /** Rows per group, in a column named `count`. */
  count(): DataFrame {
    return this.build([new Alias(new AggregateCall('count', [new Literal(1)]), 'count')]);
  }
  sum(...cols: string[]): DataFrame {
    return this.numeric('sum', cols);
  }
  avg(...cols: string[]): DataFrame {
    return this.numeric('avg', cols);
  }
  mean(...cols: string[]): DataFrame {
    return this.numeric('avg', cols);
  }
  min(...cols: string[]): DataFrame {
    return this.numeric('min', cols);
  }
  max(...cols: string[]): DataFrame {
    return this.numeric('max', cols);
  }

  private numeric(fn: string, cols: string[]): DataFrame {
    const fields = this.df.schema.fields;
    const names = cols.length > 0 ? cols : fields.filter((f) => isNumeric(f.dataType)).map((f) => f.name);
    for (const n of names) {
      const f = fields[this.df.indexOf(n)];
      if (!isNumeric(f.dataType))
        throw new AnalysisException(
          `[UNSUPPORTED_DATATYPE] "${n}" is not a numeric column. Aggregation function can only be applied on a numeric column.`,
        );
    }
    return this.build(names.map((n) => new AggregateCall(fn, [new ColumnRef(n)])));
  }

  private build(aggExprs: Expr[]): DataFrame {
    return this.df.with(planAggregate(this.df.plan, this.groupExprs, [...this.groupExprs, ...aggExprs]));
  }
}
