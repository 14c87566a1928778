// Logical plan nodes. Each node knows its output schema; execution lives in execute.ts.
import { Expr, Scope } from './expressions';
import { StructType } from './types';
import type { CsvOptions } from './csvOptions';

let nextPlanId = 1;

export abstract class Plan {
  readonly id = nextPlanId++;
  abstract readonly schema: StructType;
  abstract children(): Plan[];
  /** Per-column owner tags (DataFrame ids / aliases) used to resolve df.col("x") and "alias.x". */
  owners(): string[][] {
    return this.schema.fields.map(() => [String(this.id)]);
  }
  scope(): Scope {
    const owners = this.owners();
    return { schema: this.schema, owners, qualifiers: owners.map((o) => o.find((x) => !/^\d+$/.test(x))) };
  }
  /** Whether the plan reads from a streaming source. */
  get isStreaming(): boolean {
    return this.children().some((c) => c.isStreaming);
  }
}

/**
 * A node with one child whose rows keep the child's columns (filter, sort, limit, cache, watermark):
 * the schema is the child's, and `df.col(...)` of either DataFrame resolves through it.
 */
export abstract class PassThroughPlan extends Plan {
  constructor(readonly child: Plan) {
    super();
  }
  get schema(): StructType {
    return this.child.schema;
  }
  children(): Plan[] {
    return [this.child];
  }
  override owners(): string[][] {
    return this.child.owners().map((o) => [...o, String(this.id)]);
  }
}

/** Rows held in memory (createDataFrame, cached results). Rows are arrays in schema order. */
export class LocalRelation extends Plan {
  constructor(
    readonly schema: StructType,
    readonly rows: unknown[][],
  ) {
    super();
  }
  children(): Plan[] {
    return [];
  }
}

/** A CSV scan over resolved files. */
export class CsvScan extends Plan {
  constructor(
    readonly schema: StructType,
    readonly files: string[],
    readonly options: CsvOptions,
  ) {
    super();
  }
  children(): Plan[] {
    return [];
  }
}

/** A scan producing rows through a non-generated reader (JSON lines, text). */
export class RowScan extends Plan {
  constructor(
    readonly schema: StructType,
    readonly description: string,
    readonly read: () => unknown[][],
  ) {
    super();
  }
  children(): Plan[] {
    return [];
  }
}

export class Project extends Plan {
  readonly schema: StructType;
  constructor(
    readonly child: Plan,
    readonly exprs: Expr[],
    schema: StructType,
  ) {
    super();
    this.schema = schema;
  }
  children(): Plan[] {
    return [this.child];
  }
  override owners(): string[][] {
    // Columns passed through unchanged keep their owners (so df.col("x") still resolves after select).
    return this.schema.fields.map(() => [String(this.id)]);
  }
}

export class Filter extends PassThroughPlan {
  constructor(
    child: Plan,
    readonly condition: Expr,
  ) {
    super(child);
  }
}

/** explode(): one row per array element, the element appended as column `outputIndex`. */
export class Generate extends Plan {
  constructor(
    readonly child: Plan,
    readonly generator: Expr,
    readonly outer: boolean,
    readonly schema: StructType,
  ) {
    super();
  }
  children(): Plan[] {
    return [this.child];
  }
}

export class Aggregate extends Plan {
  constructor(
    readonly child: Plan,
    readonly groupExprs: Expr[],
    readonly outputExprs: Expr[],
    readonly schema: StructType,
  ) {
    super();
  }
  children(): Plan[] {
    return [this.child];
  }
}

export class Sort extends PassThroughPlan {
  constructor(
    child: Plan,
    readonly orders: Expr[],
  ) {
    super(child);
  }
}

export class Limit extends PassThroughPlan {
  constructor(
    child: Plan,
    readonly n: number,
  ) {
    super(child);
  }
}

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'left_semi' | 'left_anti' | 'cross';

export class Join extends Plan {
  constructor(
    readonly left: Plan,
    readonly right: Plan,
    readonly how: JoinType,
    /** USING columns (join on names): output has one copy of each. */
    readonly using: string[] | null,
    readonly condition: Expr | null,
    readonly schema: StructType,
  ) {
    super();
  }
  children(): Plan[] {
    return [this.left, this.right];
  }
  override owners(): string[][] {
    const tag = (p: Plan): string[][] => p.owners().map((o) => [...o, String(p.id)]);
    if (this.how === 'left_semi' || this.how === 'left_anti') return tag(this.left);
    if (this.using) {
      // USING output: keys first (owned by both sides), then the rest of left, then the rest of right.
      const lo = tag(this.left);
      const ro = tag(this.right);
      const lNames = this.left.schema.names.map((n) => n.toLowerCase());
      const rNames = this.right.schema.names.map((n) => n.toLowerCase());
      const keys = this.using.map((k) => k.toLowerCase());
      return [
        ...keys.map((k) => [...lo[lNames.indexOf(k)], ...ro[rNames.indexOf(k)]]),
        ...lo.filter((_, i) => !keys.includes(lNames[i])),
        ...ro.filter((_, i) => !keys.includes(rNames[i])),
      ];
    }
    return [...tag(this.left), ...tag(this.right)];
  }
}

export class Union extends Plan {
  constructor(
    readonly inputs: Plan[],
    readonly schema: StructType,
  ) {
    super();
  }
  children(): Plan[] {
    return this.inputs;
  }
}

/** Keeps the first row per key (dropDuplicates / distinct). */
export class Deduplicate extends Plan {
  constructor(
    readonly child: Plan,
    readonly keyIndexes: number[],
    /** Built by distinct() (not allowed on streams) rather than dropDuplicates(). */
    readonly isDistinct = false,
  ) {
    super();
  }
  get schema(): StructType {
    return this.child.schema;
  }
  children(): Plan[] {
    return [this.child];
  }
}

/** DataFrame.alias(name): lets "name.col" resolve. */
export class SubqueryAlias extends Plan {
  constructor(
    readonly child: Plan,
    readonly alias: string,
  ) {
    super();
  }
  get schema(): StructType {
    return this.child.schema;
  }
  children(): Plan[] {
    return [this.child];
  }
  override owners(): string[][] {
    return this.child.owners().map((o) => [this.alias, ...o, String(this.id)]);
  }
}

/** cache()/persist(): computed once, then served from memory. */
export class Cached extends PassThroughPlan {
  rows: unknown[][] | null = null;
}

/** withWatermark: a no-op for batch queries (as in Spark); the streaming engine reads it. */
export class EventTimeWatermark extends PassThroughPlan {
  constructor(
    child: Plan,
    readonly column: string,
    readonly delayMs: number,
  ) {
    super(child);
  }
}
