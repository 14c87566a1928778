// Batch execution. Chains of narrow operators (scan → filter/project/explode) are compiled with their
// consumer (collect, count, limit or hash aggregation) into ONE generated JavaScript function per
// stage, like Spark's whole-stage code generation: values live in local variables, and no row
// object is built unless the consumer stores the row. Blocking operators (sort, join, union,
// dedupe) materialize their inputs as arrays of row arrays.
import { GenContext, compile } from './codegen';
import { CsvRuntime, generateCsvScan, readText } from './csv';
import { Bound, Expr, Scope } from './expressions';
import {
  Aggregate,
  Cached,
  CsvScan,
  Deduplicate,
  EventTimeWatermark,
  Filter,
  Generate,
  Join,
  Limit,
  LocalRelation,
  Plan,
  Project,
  RowScan,
  Sort,
  SubqueryAlias,
  Union,
} from './plan';
import {
  AggregateLayout,
  finishAggregate,
  generateAggregateSink,
  layoutAggregate,
  newAggregateState,
} from './aggregation';
import { executeJoin } from './join';
import { sortRows } from './sorting';
import { compositeKey } from './ordering';
import { castFunction } from './casts';
import { withQueryStart } from './functionRegistry';

/** Metrics of the last executions (malformed rows dropped by DROPMALFORMED, per scan). */
export const scanMetrics = { droppedMalformed: 0 };

/** All rows of a plan, as arrays in schema order. */
export function executePlan(plan: Plan): unknown[][] {
  return withQueryStart(() => rowsOf(plan));
}

/** Row count without materializing rows where the plan allows it. */
export function countPlan(plan: Plan): number {
  return withQueryStart(() => {
    if (isPipeline(plan)) {
      const S = { n: 0 };
      runPipeline(plan, { kind: 'count' }, S);
      return S.n;
    }
    return rowsOf(plan).length;
  });
}

/**
 * How a running streaming query supplies micro-batch input and keeps operator state across batches:
 * consulted for every streaming plan node before the batch rules below.
 */
export interface StreamingHooks {
  rowsOf(plan: Plan, batchRowsOf: (p: Plan) => unknown[][]): unknown[][] | undefined;
}

let streamingHooks: StreamingHooks | null = null;

/** Runs `fn` (one micro-batch) with streaming hooks installed. */
export function withStreamingHooks<T>(hooks: StreamingHooks, fn: () => T): T {
  const outer = streamingHooks;
  streamingHooks = hooks;
  try {
    return withQueryStart(fn);
  } finally {
    streamingHooks = outer;
  }
}

function rowsOf(plan: Plan): unknown[][] {
  if (streamingHooks && plan.isStreaming) {
    const rows = streamingHooks.rowsOf(plan, rowsOf);
    if (rows !== undefined) return rows;
  }
  if (plan instanceof LocalRelation) return plan.rows;
  if (plan instanceof RowScan) return plan.read();
  if (plan instanceof Cached) {
    if (plan.rows === null) plan.rows = rowsOf(plan.child);
    return plan.rows;
  }
  if (plan instanceof SubqueryAlias || plan instanceof EventTimeWatermark) return rowsOf(plan.children()[0]);
  if (plan instanceof Aggregate) return aggregate(plan);
  if (plan instanceof Limit) {
    if (isPipeline(plan.child)) {
      const S = { out: [] as unknown[][], limit: plan.n };
      if (plan.n > 0) runPipeline(plan.child, { kind: 'collect', limit: plan.n }, S);
      return S.out;
    }
    return rowsOf(plan.child).slice(0, plan.n);
  }
  if (plan instanceof Sort) return sortRows(rowsOf(plan.child), plan.orders, plan.child.scope());
  if (plan instanceof Join) return executeJoin(plan, rowsOf(plan.left), rowsOf(plan.right));
  if (plan instanceof Union) return union(plan);
  if (plan instanceof Deduplicate) return dedupe(rowsOf(plan.child), plan.keyIndexes);
  if (isPipeline(plan)) {
    const S = { out: [] as unknown[][] };
    runPipeline(plan, { kind: 'collect' }, S);
    return S.out;
  }
  throw new Error(`Cannot execute plan node ${plan.constructor.name}`);
}

function isPipeline(plan: Plan): boolean {
  return (
    plan instanceof Filter || plan instanceof Project || plan instanceof Generate || plan instanceof CsvScan
  );
}

/** Whether an aggregation can consume this child inside a generated stage. */
function isFusable(plan: Plan): boolean {
  if (plan instanceof SubqueryAlias || (plan instanceof EventTimeWatermark && !plan.isStreaming))
    return isFusable(plan.children()[0]);
  return isPipeline(plan) || plan instanceof LocalRelation;
}

type Sink = { kind: 'collect'; limit?: number } | { kind: 'count' } | { kind: 'aggregate'; plan: Aggregate };

/** Operators fused into a stage, bottom-up, above a source. */
function splitStage(plan: Plan): { source: Plan; ops: Plan[] } {
  const ops: Plan[] = [];
  let p = plan;
  for (;;) {
    if (p instanceof Filter || p instanceof Project || p instanceof Generate) {
      ops.unshift(p);
      p = p.children()[0];
    } else if (p instanceof SubqueryAlias || (p instanceof EventTimeWatermark && !p.isStreaming)) {
      // In a streaming query the watermark node tracks event times, so it stays a stage boundary.
      p = p.children()[0];
    } else return { source: p, ops };
  }
}

interface CompiledStage {
  fn: (input: unknown, S: unknown, R: unknown) => void;
}

const stageCache = new WeakMap<Plan, Map<string, CompiledStage>>();

/** Compiles (once per plan and sink) and runs a fused stage. */
function runPipeline(plan: Plan, sink: Sink, S: any): void {
  const { source, ops } = splitStage(plan);
  const cacheKey =
    sink.kind === 'collect'
      ? `collect:${sink.limit ?? ''}`
      : sink.kind === 'aggregate'
        ? `aggregate:${sink.plan.id}`
        : sink.kind;
  let perPlan = stageCache.get(plan);
  if (!perPlan) stageCache.set(plan, (perPlan = new Map()));
  let stage = perPlan.get(cacheKey);
  if (!stage) {
    stage = compileStage(source, ops, sink);
    perPlan.set(cacheKey, stage);
  }
  if (source instanceof CsvScan) {
    const R = new CsvRuntime(source.options);
    for (const file of source.files) {
      R.file = file;
      stage.fn(readText(file, source.options.encoding), S, R);
      if (S.limit !== undefined && S.out.length >= S.limit) break;
    }
    scanMetrics.droppedMalformed = R.dropped;
  } else {
    stage.fn(rowsOf(source), S, null);
  }
}

function compileStage(source: Plan, ops: Plan[], sink: Sink): CompiledStage {
  const used = new Set<number>();
  const ctx = new GenContext((i) => {
    used.add(i);
    return `c${i}`;
  });
  let vars = source.schema.fields.map((_, i) => `c${i}`);
  const declared: string[] = [];
  const body: string[] = [];
  let closers = '';
  let varCount = 0;
  const withVars = (fn: () => string): string => {
    const current = vars;
    ctx.input = (i) => {
      noteSourceUse(current[i]);
      return current[i];
    };
    return fn();
  };
  const sourceVars = vars;
  // A variable that is a source column (c<i>, possibly passed through an explode) marks column i used.
  const noteSourceUse = (name: string): void => {
    const i = sourceVars.indexOf(name);
    if (i >= 0) used.add(i);
  };
  // Marks where each source column is first needed, so a CSV scan converts it only there.
  const emit = (gen: () => string): void => {
    const before = new Set(used);
    const code = gen();
    const fresh = [...used].filter((i) => !before.has(i));
    body.push([...fresh.map((i) => `/*@convert:${i}*/`), code].join('\n'));
  };
  for (const op of ops) {
    const scope: Scope = op.children()[0].scope();
    if (op instanceof Filter) {
      const cond = op.condition.bind(scope);
      emit(() => withVars(() => `if (${cond.gen(ctx)} !== true) continue;`));
    } else if (op instanceof Project) {
      const bound = op.exprs.map((e) => e.bind(scope));
      const next = bound.map(() => `p${varCount++}`);
      declared.push(...next);
      emit(() => withVars(() => bound.map((b, j) => `${next[j]} = ${b.gen(ctx)};`).join('\n')));
      vars = next;
    } else if (op instanceof Generate) {
      const arr = op.generator.bind(scope);
      const el = `p${varCount++}`;
      const a = `p${varCount++}`;
      declared.push(a);
      emit(() => withVars(() => `${a} = ${arr.gen(ctx)};`));
      const empty = ctx.constant(op.outer ? [null] : []);
      body.push(`for (const ${el} of (${a} === null || ${a}.length === 0 ? ${empty} : ${a})) {`);
      closers += '}';
      vars = [...vars, el];
    }
  }
  const out = vars;
  ctx.input = (i) => {
    noteSourceUse(out[i]);
    return out[i];
  };
  if (sink.kind === 'collect') {
    emit(() => {
      out.forEach(noteSourceUse);
      return `S.out.push([${out.join(', ')}]);`;
    });
    if (sink.limit !== undefined) body.push(`if (S.out.length >= ${sink.limit | 0}) break scan;`);
  } else if (sink.kind === 'count') {
    body.push('S.n++;');
  } else {
    const layout = layoutAggregate(sink.plan.child.scope(), sink.plan.groupExprs, sink.plan.outputExprs);
    emit(() => generateAggregateSink(layout, ctx));
  }
  body.push(closers);
  const inner = body.join('\n');
  let code: string;
  if (source instanceof CsvScan) {
    code = generateCsvScan(source.schema, source.options, used, inner, ctx);
  } else {
    const reads = [...used].map((i) => `c${i} = r[${i}];`).join(' ');
    code = [
      `let ${sourceVars.length ? sourceVars.join(', ') + ', ' : ''}r;`,
      `scan: for (let ri = 0; ri < text.length; ri++) {`,
      `r = text[ri]; ${reads}`,
      inner,
      `}`,
    ].join('\n');
  }
  const decl = ctx.declarations() + (declared.length ? `let ${declared.join(', ')};\n` : '');
  const fn = compile<CompiledStage['fn']>(['text', 'S', 'R'], decl + code, ctx.constants);
  return { fn };
}

function aggregate(plan: Aggregate): unknown[][] {
  const layout = layoutAggregate(plan.child.scope(), plan.groupExprs, plan.outputExprs);
  const state = newAggregateState(layout);
  aggregateInto(plan, state);
  return aggregateOutput(layout, finishAggregate(layout, state));
}

/** Final output rows of an aggregation from its slot rows ([keys…, agg values…]). */
export function aggregateOutput(layout: AggregateLayout, slotRows: unknown[][]): unknown[][] {
  const project = projector(layout.outputs, { schema: layout.slotSchema });
  return slotRows.map(project);
}

/** Feeds the aggregation's input rows into `state` (kept by the caller, e.g. across micro-batches). */
export function aggregateInto(plan: Aggregate, state: unknown): void {
  const child = plan.child;
  if (isFusable(child)) {
    runPipeline(child, { kind: 'aggregate', plan }, state);
  } else {
    const rows = new LocalRelation(child.schema, rowsOf(child));
    const rebased = new Aggregate(rows, plan.groupExprs, plan.outputExprs, plan.schema);
    // Keep the child's scope (owners) for binding by compiling against the original child scope.
    runPipelineOver(rows, child.scope(), rebased, state);
  }
}

/** Aggregates materialized rows while binding against `scope` (for children that are not stages). */
function runPipelineOver(rows: LocalRelation, scope: Scope, plan: Aggregate, state: unknown): void {
  const layout = layoutAggregate(scope, plan.groupExprs, plan.outputExprs);
  const ctx = new GenContext((i) => `r[${i}]`);
  const code = generateAggregateSink(layout, ctx);
  const fn = compile<(rows: unknown[][], S: unknown) => void>(
    ['rows', 'S'],
    `${ctx.declarations()}let r;\nfor (let ri = 0; ri < rows.length; ri++) {\nr = rows[ri];\n${code}\n}`,
    ctx.constants,
  );
  fn(rows.rows, state);
}

/** Compiles expressions into a function from a row array to a new row array. */
export function projector(exprs: Expr[], scope: Scope): (row: unknown[]) => unknown[] {
  const ctx = new GenContext((i) => `r[${i}]`);
  const bound: Bound[] = exprs.map((e) => e.bind(scope));
  const items = bound.map((b) => b.gen(ctx)).join(', ');
  return compile(['r'], `${ctx.declarations()}return [${items}];`, ctx.constants);
}

/** Compiles one expression into a function of a row array. */
export function evaluator(e: Expr, scope: Scope): (row: unknown[]) => unknown {
  const ctx = new GenContext((i) => `r[${i}]`);
  const code = e.bind(scope).gen(ctx);
  return compile(['r'], `${ctx.declarations()}return ${code};`, ctx.constants);
}

function union(plan: Union): unknown[][] {
  const out: unknown[][] = [];
  for (const input of plan.inputs) {
    const casts = input.schema.fields.map((f, i) => castFunction(f.dataType, plan.schema.fields[i].dataType));
    const rows = rowsOf(input);
    if (casts.every((c) => c === null)) for (const r of rows) out.push(r);
    else
      for (const r of rows) out.push(r.map((v, i) => (v === null || casts[i] === null ? v : casts[i]!(v))));
  }
  return out;
}

function dedupe(rows: unknown[][], keys: number[]): unknown[][] {
  const seen = new Set<string>();
  const out: unknown[][] = [];
  for (const r of rows) {
    const k = compositeKey(keys.map((i) => r[i]));
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}
