// Aggregation planning and code generation: grouping keys, per-group state slots, and the
// final projection of grouped results. Used by the fused pipeline sink (execute.ts).
import { GenContext } from './codegen';
import {
  AggregateCall,
  AnalysisException,
  Bound,
  ColumnRef,
  Expr,
  Literal,
  PlanColumnRef,
  Scope,
  SlotRef,
  TimeWindow,
  coerce,
  transform,
  visit,
} from './expressions';
import { compareValues, compositeKey, groupKey } from './ordering';
import {
  ArrayType,
  DataType,
  DoubleType,
  LongType,
  StringType,
  StructField,
  StructType,
  isIntegral,
  isNumeric,
} from './types';

/** One aggregate function instance: how many state slots it takes and how they evolve. */
export interface AggSpec {
  call: AggregateCall;
  type: DataType;
  nullable: boolean;
  slots: number;
  /** JS initial value per slot. */
  init: string[];
  /** JS statement updating slots `st[base..]` from the argument value(s). */
  update(ctx: GenContext, st: string, base: number): string;
  /** Final value from the group state. */
  result(state: unknown[], base: number): unknown;
}

export interface AggregateLayout {
  groups: Bound[];
  /** Present when a grouping key is a sliding window (rows expand into several windows). */
  slidingWindow: { index: number; time: Bound; window: TimeWindow } | null;
  /** Grouping keys that are time windows (their end is compared with a streaming watermark). */
  windowIndexes: number[];
  groupFields: StructField[];
  aggs: AggSpec[];
  /** Output exprs rewritten to read slot values: [group keys…, agg results…]. */
  outputs: Expr[];
  slotSchema: StructType;
  outputSchema: StructType;
}

/** Resolves an aggregation: keys, aggregate functions, output columns and their types. */
export function layoutAggregate(scope: Scope, groupExprs: Expr[], outputExprs: Expr[]): AggregateLayout {
  let slidingWindow: AggregateLayout['slidingWindow'] = null;
  const groups: Bound[] = groupExprs.map((g, i) => {
    const inner = g instanceof TimeWindow ? g : undefined;
    if (inner && inner.overlap > 1) {
      slidingWindow = { index: i, time: inner.bindTime(scope), window: inner };
      return { type: TimeWindow.structType(), nullable: false, gen: () => 'null' };
    }
    const b = g.bind(scope);
    return g instanceof TimeWindow ? { ...b, nullable: false } : b;
  });
  const groupFields = groupExprs.map(
    (g, i) => new StructField(g.outputName(), groups[i].type, groups[i].nullable),
  );

  const calls: AggregateCall[] = [];
  for (const e of outputExprs)
    visit(e, (x) => {
      if (x instanceof AggregateCall && !calls.some((c) => c.sql() === x.sql())) calls.push(x);
    });
  const aggs = calls.map((c) => aggSpec(c, scope));
  const slotFields = [
    ...groupFields.map((f, i) => new StructField(`__g${i}`, f.dataType, f.nullable)),
    ...aggs.map((a, i) => new StructField(`__a${i}`, a.type, a.nullable)),
  ];
  const slotSchema = new StructType(slotFields);
  const groupSql = groupExprs.map((g) => g.sql());
  const groupNames = groupExprs.map((g) => g.outputName().toLowerCase());
  const outputs = outputExprs.map((e) =>
    transform(e, (x) => {
      if (x instanceof AggregateCall) {
        const i = calls.findIndex((c) => c.sql() === x.sql());
        return new SlotRef(groupExprs.length + i, aggs[i].type, aggs[i].nullable, x.sql());
      }
      const gi = groupSql.indexOf(x.sql());
      if (gi >= 0 && !(x instanceof Literal))
        return new SlotRef(gi, groupFields[gi].dataType, groupFields[gi].nullable, x.sql());
      if (x instanceof ColumnRef || x instanceof PlanColumnRef) {
        const ni = groupNames.indexOf(x.name.toLowerCase());
        if (ni >= 0) return new SlotRef(ni, groupFields[ni].dataType, groupFields[ni].nullable, x.sql());
        throw new AnalysisException(
          `[MISSING_AGGREGATION] The non-aggregating expression "${x.sql()}" is based on columns which are not participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, aggregate the expression, or use "any_value(${x.sql()})" if you do not care which of the values within a group is returned.`,
        );
      }
      return undefined;
    }),
  );
  const slotScope: Scope = { schema: slotSchema };
  const outputSchema = new StructType(
    outputs.map((o, i) => {
      const b = o.bind(slotScope);
      return new StructField(outputExprs[i].outputName(), b.type, b.nullable);
    }),
  );
  const windowIndexes = groupExprs.flatMap((g, i) => (g instanceof TimeWindow ? [i] : []));
  return { groups, slidingWindow, windowIndexes, groupFields, aggs, outputs, slotSchema, outputSchema };
}

function argBound(call: AggregateCall, scope: Scope, i = 0): Bound {
  const a = call.args[i];
  if (!a) throw new AnalysisException(`${call.fnName}() needs an argument`);
  return a.bind(scope);
}

function aggSpec(call: AggregateCall, scope: Scope): AggSpec {
  const fn = call.fnName;
  if (call.distinct && fn !== 'count')
    throw new AnalysisException(
      `${fn}(DISTINCT …) is not supported by this runtime; use countDistinct or dropDuplicates first`,
    );
  if (fn === 'count') {
    const args = call.args.map((a) => a.bind(scope));
    const nonNull = args.every((a) => !a.nullable);
    if (call.distinct) {
      return {
        call,
        type: LongType(),
        nullable: false,
        slots: 1,
        init: ['new Set()'],
        update: (ctx, st, base) => {
          const vs = args.map((a) => {
            const t = ctx.temp();
            return { t, code: `${t} = ${a.gen(ctx)}` };
          });
          const key =
            args.length === 1
              ? `${ctx.constant(groupKey)}(${vs[0].t})`
              : `${ctx.constant(compositeKey)}([${vs.map((v) => v.t).join(', ')}])`;
          return `${vs.map((v) => v.code).join('; ')}; if (${vs.map((v) => `${v.t} !== null`).join(' && ')}) ${st}[${base}].add(${key});`;
        },
        result: (s, b) => (s[b] as Set<unknown>).size,
      };
    }
    return {
      call,
      type: LongType(),
      nullable: false,
      slots: 1,
      init: ['0'],
      update: (ctx, st, base) =>
        nonNull
          ? `${st}[${base}]++;`
          : `if (${args.map((a) => `${a.gen(ctx)} !== null`).join(' && ')}) ${st}[${base}]++;`,
      result: (s, b) => s[b],
    };
  }
  const raw = argBound(call, scope);
  if (fn === 'sum' || fn === 'avg') {
    if (!isNumeric(raw.type) && raw.type !== StringType())
      throw new AnalysisException(
        `[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "${call.sql()}" due to data type mismatch: The first parameter requires the "NUMERIC" or "ANSI INTERVAL" type, however "${call.args[0].sql()}" has the type "${raw.type.sqlName()}".`,
      );
    const inType = fn === 'sum' && isIntegral(raw.type) ? LongType() : DoubleType();
    const a = coerce(raw, inType);
    if (fn === 'sum')
      return {
        call,
        type: inType,
        nullable: true,
        slots: 1,
        init: ['null'],
        update: (ctx, st, base) => {
          const t = ctx.temp();
          return `if ((${t} = ${a.gen(ctx)}) !== null) ${st}[${base}] = ${st}[${base}] === null ? ${t} : ${st}[${base}] + ${t};`;
        },
        result: (s, b) => s[b],
      };
    return {
      call,
      type: DoubleType(),
      nullable: true,
      slots: 2,
      init: ['0', '0'],
      update: (ctx, st, base) => {
        const t = ctx.temp();
        return `if ((${t} = ${a.gen(ctx)}) !== null) { ${st}[${base}] += ${t}; ${st}[${base + 1}]++; }`;
      },
      result: (s, b) => ((s[b + 1] as number) === 0 ? null : (s[b] as number) / (s[b + 1] as number)),
    };
  }
  if (fn === 'min' || fn === 'max') {
    const primitive = !(raw.type instanceof StructType || raw.type instanceof ArrayType);
    const op = fn === 'min' ? '<' : '>';
    return {
      call,
      type: raw.type,
      nullable: true,
      slots: 1,
      init: ['null'],
      update: (ctx, st, base) => {
        const t = ctx.temp();
        const better = primitive
          ? `${t} ${op} ${st}[${base}]`
          : `${ctx.constant(compareValues)}(${t}, ${st}[${base}]) ${op} 0`;
        return `if ((${t} = ${raw.gen(ctx)}) !== null && (${st}[${base}] === null || ${better})) ${st}[${base}] = ${t};`;
      },
      result: (s, b) => s[b],
    };
  }
  if (fn === 'first' || fn === 'last') {
    const ignoreNulls = call.args[1] instanceof Literal && call.args[1].value === true;
    return {
      call,
      type: raw.type,
      nullable: true,
      slots: 1,
      init: ['undefined'],
      update: (ctx, st, base) => {
        const t = ctx.temp();
        const cond =
          fn === 'first'
            ? `${st}[${base}] === undefined${ignoreNulls ? ` && ${t} !== null` : ''}`
            : ignoreNulls
              ? `${t} !== null`
              : 'true';
        return `${t} = ${raw.gen(ctx)}; if (${cond}) ${st}[${base}] = ${t};`;
      },
      result: (s, b) => (s[b] === undefined ? null : s[b]),
    };
  }
  if (fn === 'collect_list' || fn === 'collect_set') {
    const set = fn === 'collect_set';
    return {
      call,
      type: new ArrayType(raw.type, false),
      nullable: false,
      slots: 1,
      init: [set ? 'new Map()' : '[]'],
      update: (ctx, st, base) => {
        const t = ctx.temp();
        return set
          ? `if ((${t} = ${raw.gen(ctx)}) !== null) ${st}[${base}].set(${ctx.constant(groupKey)}(${t}), ${t});`
          : `if ((${t} = ${raw.gen(ctx)}) !== null) ${st}[${base}].push(${t});`;
      },
      result: (s, b) => (set ? [...(s[b] as Map<unknown, unknown>).values()] : s[b]),
    };
  }
  throw new AnalysisException(`Unsupported aggregate function ${fn}`);
}

/**
 * Generates the per-row aggregation code. State: S.map (key → entry) or S.global for no keys.
 * Entry layout: [key values…, agg slots…].
 */
export function generateAggregateSink(layout: AggregateLayout, ctx: GenContext): string {
  const { groups, aggs, slidingWindow } = layout;
  const L: string[] = [];
  const keyVars = groups.map(() => ctx.temp());
  const st = ctx.temp();
  let closers = '';
  // Streaming: a row whose window ended at or before the watermark is late and dropped (Spark's
  // `window.end <= watermark`); S.watermark is undefined in batch queries.
  const lateCheck = (i: number): string =>
    `if (S.watermark !== undefined && ${keyVars[i]}[1] <= S.watermark) { S.dropped++; continue; }`;
  groups.forEach((g, i) => {
    if (slidingWindow && slidingWindow.index === i) return;
    L.push(`${keyVars[i]} = ${g.gen(ctx)};`);
    if (layout.windowIndexes.includes(i)) L.push(lateCheck(i));
  });
  if (slidingWindow) {
    const { time, window } = slidingWindow;
    const ts = ctx.temp();
    const last = ctx.temp();
    const w = ctx.temp();
    const ws = ctx.temp();
    const { durationMs: dur, slideMs: slide, startMs: start } = window;
    L.push(`${ts} = ${time.gen(ctx)};`);
    L.push(`if (${ts} !== null) {`);
    // Spark: lastStart = ts - (ts - startTime + slide) % slide; windows lastStart - i*slide that contain ts.
    L.push(`${last} = ${ts} - ((((${ts} - ${start}) % ${slide}) + ${slide}) % ${slide});`);
    L.push(`for (${w} = 0; ${w} < ${window.overlap}; ${w}++) {`);
    L.push(`${ws} = ${last} - ${w} * ${slide}; if (${ws} + ${dur} <= ${ts}) continue;`);
    L.push(`${keyVars[slidingWindow.index]} = [${ws}, ${ws} + ${dur}];`);
    L.push(lateCheck(slidingWindow.index));
    closers = '}}';
  }
  const init = aggs.flatMap((a) => a.init);
  if (groups.length === 0) {
    L.push(`${st} = S.global;`);
  } else {
    const primitiveSingle =
      groups.length === 1 && !(groups[0].type instanceof StructType || groups[0].type instanceof ArrayType);
    const key = primitiveSingle ? keyVars[0] : `${ctx.constant(compositeKey)}([${keyVars.join(', ')}])`;
    const k = ctx.temp();
    L.push(`${k} = ${key};`);
    L.push(`${st} = S.map.get(${k});`);
    L.push(
      `if (${st} === undefined) { ${st} = [${[...keyVars, ...init].join(', ')}]; S.map.set(${k}, ${st}); }`,
    );
  }
  L.push(`if (S.touched !== undefined) S.touched.add(${st});`);
  let base = groups.length;
  for (const a of aggs) {
    L.push(a.update(ctx, st, base));
    base += a.slots;
  }
  L.push(closers);
  return L.join('\n');
}

/** The state-map key of a group entry (the same key the generated code uses). */
export function entryKey(layout: AggregateLayout, entry: unknown[]): unknown {
  const g = layout.groups;
  const primitiveSingle =
    g.length === 1 && !(g[0].type instanceof StructType || g[0].type instanceof ArrayType);
  return primitiveSingle ? entry[0] : compositeKey(entry.slice(0, g.length));
}

/** Fresh state for generateAggregateSink's code. */
export function newAggregateState(layout: AggregateLayout): {
  map: Map<unknown, unknown[]>;
  global: unknown[];
} {
  const global: unknown[] = [];
  for (const a of layout.aggs) {
    for (const i of a.init)
      global.push(
        i === 'null'
          ? null
          : i === '0'
            ? 0
            : i === 'undefined'
              ? undefined
              : i === '[]'
                ? []
                : i === 'new Set()'
                  ? new Set()
                  : new Map(),
      );
  }
  return { map: new Map(), global };
}

/** Turns group entries into slot rows: [keys…, final agg values…]. */
export function finishAggregate(
  layout: AggregateLayout,
  state: { map: Map<unknown, unknown[]>; global: unknown[] },
): unknown[][] {
  const g = layout.groups.length;
  const entries = g === 0 ? [state.global] : [...state.map.values()];
  return entries.map((entry) => {
    const row = entry.slice(0, g);
    let base = g;
    for (const a of layout.aggs) {
      row.push(a.result(entry, base));
      base += a.slots;
    }
    return row;
  });
}
