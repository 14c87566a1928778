// DataFrame: an immutable, lazily evaluated query (a logical plan) with PySpark's transformation and
// action methods. Transformations are analyzed when called (unknown columns fail immediately, as in
// Spark); actions execute the plan (see execute.ts).
import { Column, ColumnOrName, nameExpr } from './column';
import {
  AnalysisException,
  ColumnRef,
  Expr,
  Literal,
  PlanColumnRef,
  SlotRef,
  SortOrder,
  commonType,
  resolveColumn,
} from './expressions';
import { parseExpression } from './sqlParser';
import {
  Cached,
  Deduplicate,
  EventTimeWatermark,
  Filter,
  Join,
  JoinType,
  Limit,
  Plan,
  Sort,
  SubqueryAlias,
  Union,
} from './plan';
import { planSelect } from './analysis';
import { countPlan, executePlan } from './execute';
import { joinScope } from './join';
import { showString } from './show';
import { Row, rowFactory } from './row';
import { ArrayType, BooleanType, DataType, DateType, StructField, StructType, TimestampType } from './types';
import { GroupedData } from './groupedData';
import { parseDuration, setSessionTimeZone } from './time';
import { DataFrameWriter } from './writer';
import { DataStreamWriter } from './streaming/dataStreamWriter';
import type { SparkSession } from './session';

export class DataFrame {
  constructor(
    readonly sparkSession: SparkSession,
    readonly plan: Plan,
  ) {}

  // ------------------------------------------------------------------ schema

  get schema(): StructType {
    return this.plan.schema;
  }
  get columns(): string[] {
    return this.plan.schema.names;
  }
  /** [name, simpleString type] pairs, as pyspark's df.dtypes. */
  get dtypes(): [string, string][] {
    return this.plan.schema.fields.map((f) => [f.name, f.dataType.simpleString()]);
  }
  get isStreaming(): boolean {
    return this.plan.isStreaming;
  }
  printSchema(): void {
    process.stdout.write(this.plan.schema.treeString() + '\n');
  }

  /** This DataFrame's column `name`, unambiguous after joins (pyspark's df["name"] / df.name). */
  col(name: string): Column {
    if (resolveColumn(this.plan.scope(), name) < 0 && !name.includes('.'))
      throw new AnalysisException(
        `[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name \`${name}\` cannot be resolved. Did you mean one of the following? [${this.columns.map((c) => `\`${c}\``).join(', ')}].`,
      );
    return new Column(new PlanColumnRef(this.plan.id, name));
  }

  // ------------------------------------------------------------------ transformations

  select(...cols: (ColumnOrName | ColumnOrName[])[]): DataFrame {
    const exprs = flatten(cols).map(nameExpr);
    return this.with(planSelect(this.plan, exprs));
  }

  selectExpr(...exprs: (string | string[])[]): DataFrame {
    return this.with(planSelect(this.plan, flatten(exprs).map(parseExpression)));
  }

  filter(condition: Column | string): DataFrame {
    const e = typeof condition === 'string' ? parseExpression(condition) : condition.expr;
    const b = e.bind(this.plan.scope());
    if (b.type.simpleString() !== 'boolean' && b.type.simpleString() !== 'void')
      throw new AnalysisException(
        `[DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN] Cannot resolve "${e.sql()}" due to data type mismatch: Filter expression "${e.sql()}" of type "${b.type.sqlName()}" is not a boolean.`,
      );
    return this.with(new Filter(this.plan, e));
  }
  where(condition: Column | string): DataFrame {
    return this.filter(condition);
  }

  withColumn(name: string, c: Column): DataFrame {
    return this.withColumns({ [name]: c });
  }

  withColumns(colsMap: Record<string, Column>): DataFrame {
    const fields = this.plan.schema.fields;
    const exprs: Expr[] = fields.map((f, i) => new SlotRef(i, f.dataType, f.nullable, f.name));
    for (const [name, c] of Object.entries(colsMap)) {
      const e = c.expr.outputName() === name ? c.expr : c.alias(name).expr;
      const i = fields.findIndex((f) => f.name.toLowerCase() === name.toLowerCase());
      if (i >= 0) exprs[i] = e;
      else exprs.push(e);
    }
    return this.with(planSelect(this.plan, exprs));
  }

  withColumnRenamed(existing: string, newName: string): DataFrame {
    const fields = this.plan.schema.fields;
    if (!fields.some((f) => f.name.toLowerCase() === existing.toLowerCase())) return this;
    return this.with(
      planSelect(
        this.plan,
        fields.map(
          (f, i) =>
            new SlotRef(
              i,
              f.dataType,
              f.nullable,
              f.name.toLowerCase() === existing.toLowerCase() ? newName : f.name,
            ),
        ),
      ),
    );
  }

  withColumnsRenamed(colsMap: Record<string, string>): DataFrame {
    return Object.entries(colsMap).reduce<DataFrame>((df, [a, b]) => df.withColumnRenamed(a, b), this);
  }

  /** Drops columns by name (unknown names are ignored, as in Spark) or by Column. */
  drop(...cols: ColumnOrName[]): DataFrame {
    const scope = this.plan.scope();
    const dropped = new Set<number>();
    for (const c of cols) {
      if (typeof c === 'string') {
        scope.schema.fields.forEach((f, i) => f.name.toLowerCase() === c.toLowerCase() && dropped.add(i));
      } else {
        const idx = refIndex(c.expr, scope);
        if (idx >= 0) dropped.add(idx);
      }
    }
    if (dropped.size === 0) return this;
    const keep = this.plan.schema.fields.flatMap((f, i) =>
      dropped.has(i) ? [] : [new SlotRef(i, f.dataType, f.nullable, f.name)],
    );
    return this.with(planSelect(this.plan, keep));
  }

  /** Drops rows with nulls: how "any"/"all", or rows with fewer than `thresh` non-null values. */
  dropna(
    how: 'any' | 'all' | { how?: 'any' | 'all'; thresh?: number; subset?: string | string[] } = 'any',
    thresh?: number,
    subset?: string | string[],
  ): DataFrame {
    if (typeof how === 'object')
      ({ how = 'any', thresh, subset } = { how: how.how, thresh: how.thresh, subset: how.subset });
    if (how !== 'any' && how !== 'all') throw new Error(`how ('${how}') should be 'any' or 'all'`);
    const names = subset === undefined ? this.columns : typeof subset === 'string' ? [subset] : subset;
    const idx = names.map((n) => this.indexOf(n));
    const fields = this.plan.schema.fields;
    const required = thresh ?? (how === 'any' ? idx.length : 1);
    const refs = idx.map((i) => new SlotRef(i, fields[i].dataType, fields[i].nullable, fields[i].name));
    const pred = new NonNullCount(refs, required);
    return this.with(new Filter(this.plan, pred));
  }

  /** Replaces nulls: a value for every column of a compatible type, or a {column: value} map. */
  fillna(
    value: string | number | boolean | Record<string, string | number | boolean>,
    subset?: string | string[],
  ): DataFrame {
    const fields = this.plan.schema.fields;
    const targets = new Map<number, string | number | boolean>();
    if (typeof value === 'object') {
      for (const [name, v] of Object.entries(value)) targets.set(this.indexOf(name), v);
    } else {
      const names = subset === undefined ? this.columns : typeof subset === 'string' ? [subset] : subset;
      for (const n of names) {
        const i = this.indexOf(n);
        const t = fields[i].dataType.simpleString();
        const numeric = ['int', 'bigint', 'double', 'float'].includes(t);
        if (
          (typeof value === 'number' && numeric) ||
          (typeof value === 'string' && t === 'string') ||
          (typeof value === 'boolean' && t === 'boolean')
        )
          targets.set(i, value);
      }
    }
    const exprs = fields.map((f, i) => {
      const ref = new SlotRef(i, f.dataType, f.nullable, f.name);
      if (!targets.has(i)) return ref as Expr;
      const fill = new Column(new Literal(targets.get(i)!)).cast(f.dataType).expr;
      return new Column(new FunctionCallCoalesce([ref, fill])).alias(f.name).expr;
    });
    return this.with(planSelect(this.plan, exprs));
  }

  get na(): { drop: DataFrame['dropna']; fill: DataFrame['fillna'] } {
    return { drop: this.dropna.bind(this), fill: this.fillna.bind(this) };
  }

  distinct(): DataFrame {
    return this.with(
      new Deduplicate(
        this.plan,
        this.columns.map((_, i) => i),
        true,
      ),
    );
  }

  dropDuplicates(subset?: string | string[]): DataFrame {
    const names = subset === undefined ? this.columns : typeof subset === 'string' ? [subset] : subset;
    return this.with(
      new Deduplicate(
        this.plan,
        names.map((n) => this.indexOf(n)),
      ),
    );
  }
  drop_duplicates(subset?: string | string[]): DataFrame {
    return this.dropDuplicates(subset);
  }

  groupBy(...cols: (ColumnOrName | ColumnOrName[])[]): GroupedData {
    return new GroupedData(this, flatten(cols).map(nameExpr));
  }
  groupby(...cols: (ColumnOrName | ColumnOrName[])[]): GroupedData {
    return this.groupBy(...cols);
  }

  /** Aggregates over the whole DataFrame: df.agg(max("x")). */
  agg(...exprs: (Column | Record<string, string>)[]): DataFrame {
    return this.groupBy().agg(...exprs);
  }

  orderBy(...cols: (ColumnOrName | ColumnOrName[] | { ascending?: boolean | boolean[] })[]): DataFrame {
    let ascending: boolean | boolean[] = true;
    const last = cols[cols.length - 1];
    if (last !== undefined && typeof last === 'object' && !(last instanceof Column) && !Array.isArray(last)) {
      ascending = last.ascending ?? true;
      cols = cols.slice(0, -1);
    }
    const list = flatten(cols as (ColumnOrName | ColumnOrName[])[]);
    const orders = list.map((c, i) => {
      const e = nameExpr(c);
      if (e instanceof SortOrder) return e;
      const asc = Array.isArray(ascending) ? ascending[i] !== false : ascending;
      return new SortOrder(e, asc, asc);
    });
    for (const o of orders) o.child.bind(this.plan.scope());
    return this.with(new Sort(this.plan, orders));
  }
  sort(...cols: (ColumnOrName | ColumnOrName[] | { ascending?: boolean | boolean[] })[]): DataFrame {
    return this.orderBy(...cols);
  }

  limit(n: number): DataFrame {
    if (!Number.isInteger(n) || n < 0)
      throw new AnalysisException(
        `[INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE] The limit like expression "${n}" is invalid. The limit expression must be equal to or greater than 0.`,
      );
    return this.with(new Limit(this.plan, n));
  }

  /**
   * Joins with another DataFrame. `on`: a column name, a list of names (USING join: one copy of each
   * key in the output) or a join condition. `how`: inner, left, right, full (outer), left_semi,
   * left_anti, cross, with Spark's aliases.
   */
  join(other: DataFrame, on?: string | string[] | Column, how: string = 'inner'): DataFrame {
    const type = joinType(how);
    const left = this.plan;
    const right = other.plan;
    if (on === undefined || on === null) {
      const schema =
        type === 'left_semi' || type === 'left_anti'
          ? left.schema
          : new StructType([...left.schema.fields, ...right.schema.fields]);
      return this.with(new Join(left, right, type === 'inner' ? 'cross' : type, null, null, schema));
    }
    if (on instanceof Column) {
      const cond = on.expr;
      const scope = joinScope({ left, right });
      const b = cond.bind(scope);
      if (b.type.simpleString() !== 'boolean')
        throw new AnalysisException(
          `[DATATYPE_MISMATCH] join condition '${cond.sql()}' of type ${b.type.sqlName()} is not a boolean.`,
        );
      const nullableL = type === 'right' || type === 'full';
      const nullableR = type === 'left' || type === 'full';
      const schema =
        type === 'left_semi' || type === 'left_anti'
          ? left.schema
          : new StructType([
              ...left.schema.fields.map((f) => new StructField(f.name, f.dataType, f.nullable || nullableL)),
              ...right.schema.fields.map((f) => new StructField(f.name, f.dataType, f.nullable || nullableR)),
            ]);
      return this.with(new Join(left, right, type, null, cond, schema));
    }
    const keys = typeof on === 'string' ? [on] : on;
    const lf = left.schema.fields;
    const rf = right.schema.fields;
    const find = (fields: StructField[], k: string, side: string): StructField => {
      const f = fields.find((x) => x.name.toLowerCase() === k.toLowerCase());
      if (!f)
        throw new AnalysisException(
          `[UNRESOLVED_USING_COLUMN_FOR_JOIN] USING column \`${k}\` cannot be resolved on the ${side} side of the join. The ${side}-side columns: [${fields.map((x) => `\`${x.name}\``).join(', ')}].`,
        );
      return f;
    };
    const keyFields = keys.map((k) => {
      const l = find(lf, k, 'left');
      const r = find(rf, k, 'right');
      const t = commonType([l.dataType, r.dataType]);
      const nullable =
        type === 'full' ? l.nullable || r.nullable : type === 'right' ? r.nullable : l.nullable;
      return new StructField(type === 'right' ? r.name : l.name, t, nullable);
    });
    const lower = keys.map((k) => k.toLowerCase());
    const schema =
      type === 'left_semi' || type === 'left_anti'
        ? left.schema
        : new StructType([
            ...keyFields,
            ...lf
              .filter((f) => !lower.includes(f.name.toLowerCase()))
              .map(
                (f) => new StructField(f.name, f.dataType, f.nullable || type === 'right' || type === 'full'),
              ),
            ...rf
              .filter((f) => !lower.includes(f.name.toLowerCase()))
              .map(
                (f) => new StructField(f.name, f.dataType, f.nullable || type === 'left' || type === 'full'),
              ),
          ]);
    return this.with(new Join(left, right, type, keys, null, schema));
  }

  crossJoin(other: DataFrame): DataFrame {
    return this.join(other, undefined, 'cross');
  }

  /** Union by position (SQL UNION ALL); types widen to a common type. */
  union(other: DataFrame): DataFrame {
    const a = this.plan.schema.fields;
    const b = other.plan.schema.fields;
    if (a.length !== b.length)
      throw new AnalysisException(
        `[NUM_COLUMNS_MISMATCH] UNION can only be performed on inputs with the same number of columns, but the first input has ${a.length} columns and the second input has ${b.length} columns.`,
      );
    const schema = new StructType(
      a.map(
        (f, i) =>
          new StructField(f.name, commonType([f.dataType, b[i].dataType]), f.nullable || b[i].nullable),
      ),
    );
    return this.with(new Union([this.plan, other.plan], schema));
  }
  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }

  /** Union matching columns by name; missing columns are an error unless allowMissingColumns. */
  unionByName(other: DataFrame, allowMissingColumns = false): DataFrame {
    const mine = this.columns;
    const theirs = other.columns;
    const lowerTheirs = theirs.map((n) => n.toLowerCase());
    const lowerMine = mine.map((n) => n.toLowerCase());
    const missingInOther = mine.filter((n) => !lowerTheirs.includes(n.toLowerCase()));
    const extraInOther = theirs.filter((n) => !lowerMine.includes(n.toLowerCase()));
    if (!allowMissingColumns && (missingInOther.length > 0 || extraInOther.length > 0)) {
      const name = missingInOther[0] ?? extraInOther[0];
      throw new AnalysisException(
        `[NUM_COLUMNS_MISMATCH] unionByName: column \`${name}\` is missing on one side (left: [${mine.join(', ')}], right: [${theirs.join(', ')}]). Use allowMissingColumns=true to fill it with NULL.`,
      );
    }
    const left = extraInOther.reduce<DataFrame>(
      (acc, n) =>
        acc.withColumn(n, new Column(new Literal(null)).cast(other.schema.fields[other.indexOf(n)].dataType)),
      this,
    );
    const allNames = left.columns;
    const rightExprs = allNames.map((n) => {
      const i = lowerTheirs.indexOf(n.toLowerCase());
      if (i >= 0) {
        const f = other.schema.fields[i];
        return new SlotRef(i, f.dataType, f.nullable, f.name) as Expr;
      }
      return new Column(new Literal(null)).cast(left.schema.fields[left.indexOf(n)].dataType).alias(n).expr;
    });
    const right = new DataFrame(other.sparkSession, planSelect(other.plan, rightExprs));
    return left.union(right);
  }

  /** Event-time watermark: a no-op for batch queries (as in Spark), used by streaming queries. */
  withWatermark(eventTime: string, delayThreshold: string): DataFrame {
    const i = this.indexOf(eventTime);
    const t = this.plan.schema.fields[i].dataType;
    if (t !== TimestampType())
      throw new AnalysisException(
        `[DATATYPE_MISMATCH] Event time must be defined on a window or a timestamp, but ${eventTime} is of type ${t.sqlName()}.`,
      );
    return this.with(new EventTimeWatermark(this.plan, eventTime, parseDuration(delayThreshold)));
  }

  alias(name: string): DataFrame {
    return this.with(new SubqueryAlias(this.plan, name));
  }

  cache(): DataFrame {
    return this.plan instanceof Cached ? this : this.with(new Cached(this.plan));
  }
  persist(): DataFrame {
    return this.cache();
  }
  unpersist(): DataFrame {
    if (this.plan instanceof Cached) this.plan.rows = null;
    return this;
  }

  /** Registers this DataFrame as a temporary view for spark.table(name) / spark.sql. */
  createOrReplaceTempView(name: string): void {
    tempViews(this.sparkSession).set(name.toLowerCase(), this);
  }
  createTempView(name: string): void {
    if (tempViews(this.sparkSession).has(name.toLowerCase()))
      throw new AnalysisException(
        `[TEMP_TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create the temporary view \`${name}\` because it already exists.`,
      );
    this.createOrReplaceTempView(name);
  }

  get write(): DataFrameWriter {
    if (this.plan.isStreaming)
      throw new AnalysisException(
        "'write' can not be called on streaming Dataset/DataFrame; use writeStream.",
      );
    return new DataFrameWriter(this);
  }

  /** Starts describing a streaming query over this streaming DataFrame. */
  get writeStream(): DataStreamWriter {
    if (!this.plan.isStreaming)
      throw new AnalysisException("'writeStream' can be called only on streaming Dataset/DataFrame");
    return new DataStreamWriter(this);
  }

  // ------------------------------------------------------------------ actions

  /** Rows as arrays in schema order (internal representation; timestamps as epoch ms). */
  collectArrays(): unknown[][] {
    this.checkBatch('collect');
    this.applySessionConf();
    return executePlan(this.plan);
  }

  collect(): Row[] {
    const make = rowFactory(this.columns);
    const fields = this.plan.schema.fields;
    return this.collectArrays().map((r) => make(fields.map((f, i) => toExternal(r[i], f.dataType))));
  }

  toLocalIterator(): IterableIterator<Row> {
    return this.collect()[Symbol.iterator]();
  }

  count(): number {
    this.checkBatch('count');
    this.applySessionConf();
    return countPlan(this.plan);
  }

  take(n: number): Row[] {
    return this.limit(n).collect();
  }

  head(): Row | null;
  head(n: number): Row[];
  head(n?: number): Row | Row[] | null {
    if (n === undefined) return this.take(1)[0] ?? null;
    return this.take(n);
  }

  first(): Row | null {
    return this.head();
  }

  isEmpty(): boolean {
    return this.take(1).length === 0;
  }

  /** The text show() prints (Spark's showString). */
  showString(n = 20, truncate: boolean | number = true, vertical = false): string {
    this.checkBatch('show');
    this.applySessionConf();
    const t = truncate === true ? 20 : truncate === false ? 0 : truncate;
    const rows = executePlan(new Limit(this.plan, Math.max(n, 0) + 1));
    return showString(this.plan.schema, rows, Math.max(n, 0), t, vertical);
  }

  /** Prints the first n rows as Spark does (followed by a blank line, as pyspark's print adds one). */
  show(
    n: number | { n?: number; truncate?: boolean | number; vertical?: boolean } = 20,
    truncate: boolean | number = true,
    vertical = false,
  ): void {
    if (typeof n === 'object') {
      ({ truncate = true, vertical = false } = n);
      n = n.n ?? 20;
    }
    process.stdout.write(this.showString(n, truncate, vertical) + '\n');
  }

  foreach(fn: (row: Row) => void): void {
    for (const r of this.collect()) fn(r);
  }

  toString(): string {
    return `DataFrame[${this.plan.schema.fields.map((f) => `${f.name}: ${f.dataType.simpleString()}`).join(', ')}]`;
  }

  // ------------------------------------------------------------------ internals

  /** Index of a column by name (error naming the available columns when missing). */
  indexOf(name: string): number {
    const i = resolveColumn(this.plan.scope(), name);
    if (i < 0)
      throw new AnalysisException(
        `[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name \`${name}\` cannot be resolved. Did you mean one of the following? [${this.columns.map((c) => `\`${c}\``).join(', ')}].`,
      );
    return i;
  }

  /** A new DataFrame over `plan` in the same session. */
  with(plan: Plan): DataFrame {
    return new DataFrame(this.sparkSession, plan);
  }

  private checkBatch(action: string): void {
    if (this.plan.isStreaming)
      throw new AnalysisException(
        `Queries with streaming sources must be executed with writeStream.start(); (${action}() was called on a streaming DataFrame)`,
      );
  }

  private applySessionConf(): void {
    const conf = (
      this.sparkSession as { conf?: { get(k: string, d: string | null): string | null } } | undefined
    )?.conf;
    const tz = conf?.get('spark.sql.session.timeZone', null);
    setSessionTimeZone(tz ?? undefined);
  }
}

/** The number of non-null values among expressions is at least `required` (dropna). */
class NonNullCount extends Expr {
  constructor(
    readonly items: Expr[],
    readonly required: number,
  ) {
    super();
  }
  sql(): string {
    return `atleastnnonnulls(${this.required}, ${this.items.map((i) => i.sql()).join(', ')})`;
  }
  override children(): Expr[] {
    return this.items;
  }
  bind(scope: import('./expressions').Scope): import('./expressions').Bound {
    const bound = this.items.map((i) => i.bind(scope));
    return {
      type: BooleanType(),
      nullable: false,
      gen: (ctx) =>
        `((${bound.map((b) => `(${b.gen(ctx)} !== null ? 1 : 0)`).join(' + ') || '0'}) >= ${this.required | 0})`,
    };
  }
}

/** coalesce() without going through the function registry (used by fillna). */
class FunctionCallCoalesce extends Expr {
  constructor(readonly items: Expr[]) {
    super();
  }
  sql(): string {
    return `coalesce(${this.items.map((i) => i.sql()).join(', ')})`;
  }
  override children(): Expr[] {
    return this.items;
  }
  bind(scope: import('./expressions').Scope): import('./expressions').Bound {
    const bound = this.items.map((i) => i.bind(scope));
    return {
      type: bound[0].type,
      nullable: bound.every((b) => b.nullable),
      gen: (ctx) => {
        const t = ctx.temp();
        return bound.reduceRight((acc, b) => `((${t} = ${b.gen(ctx)}) !== null ? ${t} : ${acc})`, 'null');
      },
    };
  }
}

function refIndex(e: Expr, scope: import('./expressions').Scope): number {
  if (e instanceof ColumnRef || e instanceof PlanColumnRef) {
    const ctxUsed: number[] = [];
    try {
      const b = e.bind(scope);
      b.gen({ input: (i: number) => (ctxUsed.push(i), 'x'), temp: () => 't', constant: () => 'k' } as never);
    } catch {
      return -1;
    }
    return ctxUsed.length === 1 ? ctxUsed[0] : -1;
  }
  return -1;
}

function flatten<T>(items: (T | T[])[]): T[] {
  return items.flatMap((x) => (Array.isArray(x) ? x : [x]));
}

const JOIN_TYPES: Record<string, JoinType> = {
  inner: 'inner',
  cross: 'cross',
  outer: 'full',
  full: 'full',
  fullouter: 'full',
  full_outer: 'full',
  left: 'left',
  leftouter: 'left',
  left_outer: 'left',
  right: 'right',
  rightouter: 'right',
  right_outer: 'right',
  semi: 'left_semi',
  leftsemi: 'left_semi',
  left_semi: 'left_semi',
  anti: 'left_anti',
  leftanti: 'left_anti',
  left_anti: 'left_anti',
};

function joinType(how: string): JoinType {
  const t = JOIN_TYPES[how.toLowerCase()];
  if (!t)
    throw new AnalysisException(
      `[UNSUPPORTED_JOIN_TYPE] Unsupported join type '${how}'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.`,
    );
  return t;
}

/** Internal value → what collect() hands out: Date for timestamps/dates, Row for structs. */
export function toExternal(v: unknown, t: DataType): unknown {
  if (v === null || v === undefined) return null;
  if (t === TimestampType()) return new Date(v as number);
  if (t === DateType()) return new Date((v as number) * 86_400_000);
  if (t instanceof StructType) {
    const make = rowFactory(t.names);
    return make(t.fields.map((f, i) => toExternal((v as unknown[])[i], f.dataType)));
  }
  if (t instanceof ArrayType) return (v as unknown[]).map((e) => toExternal(e, t.elementType));
  return v;
}

const viewsBySession = new WeakMap<object, Map<string, DataFrame>>();

/** Temporary views of a session (createOrReplaceTempView, memory sinks). */
export function tempViews(session: object): Map<string, DataFrame> {
  let m = viewsBySession.get(session);
  if (!m) viewsBySession.set(session, (m = new Map()));
  return m;
}
