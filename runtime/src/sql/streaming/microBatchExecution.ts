// Runs a streaming query as micro-batches, as Spark's MicroBatchExecution: each batch reads only new
// input, stateful operators (aggregation, dropDuplicates, limit) keep their state across batches,
// the event-time watermark (max event time − delay, applied from the next batch) drops late rows
// and evicts final state, and offsets/commits/state go to the checkpoint around each batch.
import {
  AggregateLayout,
  entryKey,
  finishAggregate,
  layoutAggregate,
  newAggregateState,
} from '../aggregation';
import { aggregateInto, aggregateOutput, executePlan, withStreamingHooks } from '../execute';
import { Aggregate, Deduplicate, EventTimeWatermark, Join, Limit, Plan } from '../plan';
import { executeJoin } from '../join';
import { CompositeSource } from './compositeSource';
import { compositeKey } from '../ordering';
import { AnalysisException } from '../expressions';
import { Checkpoint } from './checkpoint';
import type { OutputMode, Sink } from './sinks';
import { MicroBatchSource, SourceOffset, StreamSourcePlan } from './sources';

export interface StateOperatorProgress {
  operatorName: string;
  numRowsTotal: number;
  numRowsUpdated: number;
  numRowsRemoved: number;
  numRowsDroppedByWatermark: number;
}

export interface BatchResult {
  batchId: number;
  numInputRows: number;
  numOutputRows: number;
  eventTime: Record<string, string>;
  stateOperators: StateOperatorProgress[];
  durationMs: Record<string, number>;
  sourceStart: SourceOffset | null;
  sourceEnd: SourceOffset | null;
}

interface AggState {
  layout: AggregateLayout;
  /** Entries the last batch updated and keys it evicted (for delta checkpoints). */
  lastTouched: Set<unknown[]>;
  lastRemoved: unknown[];
  state: {
    map: Map<unknown, unknown[]>;
    global: unknown[];
    watermark?: number;
    touched?: Set<unknown[]>;
    dropped: number;
  };
  signature: string;
}

function walk(plan: Plan, fn: (p: Plan) => void): void {
  fn(plan);
  for (const c of plan.children()) walk(c, fn);
}

export class MicroBatchExecution {
  readonly source: MicroBatchSource;
  private readonly sourcePlans: StreamSourcePlan[];
  private readonly joins: Join[] = [];
  private joinBuffers = new Map<
    Join,
    { left: unknown[][]; right: unknown[][]; newLeft: number; newRight: number }
  >();
  private readonly watermarkNode: EventTimeWatermark | undefined;
  private readonly aggregates: Aggregate[] = [];
  private readonly dedupes: Deduplicate[] = [];
  private readonly limits: Limit[] = [];
  private aggStates = new Map<Aggregate, AggState>();
  private dedupeSeen = new Map<Deduplicate, Map<string, number | null>>();
  private dedupeChanges = new Map<Deduplicate, { added: string[]; removed: string[] }>();
  private wroteFullSnapshot = false;
  private limitCounts = new Map<Limit, number>();
  watermarkMs = 0;
  private maxEventTimeMs = -Infinity;
  nextBatchId = 0;
  private pendingRerun: { batchId: number; source: SourceOffset } | null = null;
  private needNoDataBatch = false;
  private lastOffset: SourceOffset | null = null;

  // Per-batch bookkeeping.
  private batchRows: unknown[][] = [];
  private rowsByPlan: unknown[][][] = [];
  private batchEventTimes = { min: Infinity, max: -Infinity, sum: 0, n: 0 };
  private stateMetrics: StateOperatorProgress[] = [];

  constructor(
    readonly plan: Plan,
    readonly mode: OutputMode,
    readonly sink: Sink,
    readonly checkpoint: Checkpoint | null,
  ) {
    const sources: StreamSourcePlan[] = [];
    walk(plan, (p) => {
      if (p instanceof StreamSourcePlan && !sources.includes(p)) sources.push(p);
      if (p instanceof EventTimeWatermark) this.watermarkNodeFound(p);
      if (!p.isStreaming) return;
      if (p instanceof Aggregate) this.aggregates.push(p);
      if (p instanceof Deduplicate) this.dedupes.push(p);
      if (p instanceof Limit) this.limits.push(p);
      if (p instanceof Join && p.left.isStreaming && p.right.isStreaming) this.joins.push(p);
    });
    this.sourcePlans = sources;
    this.source =
      sources.length === 1
        ? sources[0].createSource()
        : new CompositeSource(sources.map((s) => s.createSource()));
    this.watermarkNode = this.foundWatermark;
    if (checkpoint) this.recover(checkpoint);
  }

  private foundWatermark: EventTimeWatermark | undefined;
  private watermarkNodeFound(p: EventTimeWatermark): void {
    if (this.foundWatermark && this.foundWatermark !== p)
      throw new AnalysisException(
        'Only one withWatermark() per streaming query is supported by this runtime.',
      );
    this.foundWatermark = p;
  }

  get stateful(): boolean {
    return (
      this.aggregates.length > 0 || this.dedupes.length > 0 || this.limits.length > 0 || this.joins.length > 0
    );
  }

  /**
   * Stream–stream inner join: each side's rows are kept; a batch's output is new left rows joined
   * with all right rows (old and new) plus old left rows joined with new right rows, so every
   * matching pair is emitted exactly once. (State is not evicted: without time-range conditions in
   * the join, any old row can still match, as in Spark.)
   */
  private streamStreamJoin(p: Join, next: (p: Plan) => unknown[][]): unknown[][] {
    let buf = this.joinBuffers.get(p);
    if (!buf) this.joinBuffers.set(p, (buf = { left: [], right: [], newLeft: 0, newRight: 0 }));
    const newLeft = next(p.left);
    const newRight = next(p.right);
    const out = executeJoin(p, newLeft, [...buf.right, ...newRight]);
    if (buf.left.length > 0 && newRight.length > 0)
      for (const r of executeJoin(p, buf.left, newRight)) out.push(r);
    for (const r of newLeft) buf.left.push(r);
    for (const r of newRight) buf.right.push(r);
    buf.newLeft = newLeft.length;
    buf.newRight = newRight.length;
    this.stateMetrics.push({
      operatorName: 'symmetricHashJoin',
      numRowsTotal: buf.left.length + buf.right.length,
      numRowsUpdated: newLeft.length + newRight.length,
      numRowsRemoved: 0,
      numRowsDroppedByWatermark: 0,
    });
    return out;
  }

  /** Whether a batch is due now (new input, a re-run after a crash, or a no-data batch for the watermark). */
  planNext(): { batchId: number; offset: SourceOffset | null } | null {
    if (this.pendingRerun) {
      const r = this.pendingRerun;
      this.pendingRerun = null;
      return { batchId: r.batchId, offset: r.source };
    }
    const offset = this.source.nextOffset();
    if (offset) return { batchId: this.nextBatchId, offset };
    if (this.needNoDataBatch) {
      this.needNoDataBatch = false;
      return { batchId: this.nextBatchId, offset: null };
    }
    return null;
  }

  /** Runs one micro-batch and returns its figures; the caller hands `rows` to nothing else. */
  async runBatch(batchId: number, offset: SourceOffset | null): Promise<BatchResult> {
    const t0 = performance.now();
    const batchTimestampMs = Date.now();
    if (this.checkpoint && offset)
      this.checkpoint.writeOffsets({
        batchId,
        batchWatermarkMs: this.watermarkMs,
        batchTimestampMs,
        source: offset,
      });
    const tWal = performance.now();
    if (this.source instanceof CompositeSource) {
      this.rowsByPlan = this.source.readParts(offset);
      this.batchRows = this.rowsByPlan.flat();
    } else this.batchRows = offset ? this.source.read(offset) : [];
    const tGet = performance.now();
    this.batchEventTimes = { min: Infinity, max: -Infinity, sum: 0, n: 0 };
    this.stateMetrics = [];
    const out = withStreamingHooks({ rowsOf: (p, next) => this.rowsOf(p, next) }, () =>
      executePlan(this.plan),
    );
    await this.sink.addBatch(batchId, out, this.plan.schema, this.mode);
    const tSink = performance.now();

    // Watermark for the next batch: max event time seen − delay, never moving back.
    const prevWatermark = this.watermarkMs;
    if (this.watermarkNode && this.batchEventTimes.n > 0) {
      this.maxEventTimeMs = Math.max(this.maxEventTimeMs, this.batchEventTimes.max);
      this.watermarkMs = Math.max(this.watermarkMs, this.maxEventTimeMs - this.watermarkNode.delayMs);
    }
    if (this.checkpoint) {
      this.checkpoint.writeState(batchId, this.snapshot(batchId));
      this.checkpoint.writeCommit(batchId, this.watermarkMs);
    }
    if (offset) this.source.commit(offset);
    const tCommit = performance.now();
    // Spark runs a batch without new data when the watermark moved, so final windows are emitted.
    this.needNoDataBatch = this.stateful && this.watermarkMs > prevWatermark;
    this.nextBatchId = batchId + 1;
    const startOffset = this.lastOffset;
    // Spark's file source offset is {"logOffset": N}; the batch's files are added for the run panel.
    if (offset) this.lastOffset = { logOffset: batchId, ...offset } as SourceOffset;
    const iso = (ms: number): string => new Date(ms).toISOString();
    const et = this.batchEventTimes;
    const eventTime: Record<string, string> = {};
    if (this.watermarkNode) {
      if (et.n > 0) {
        eventTime.avg = iso(et.sum / et.n);
        eventTime.max = iso(et.max);
        eventTime.min = iso(et.min);
      }
      eventTime.watermark = iso(prevWatermark);
    }
    return {
      batchId,
      numInputRows: this.batchRows.length,
      numOutputRows: out.length,
      eventTime,
      stateOperators: this.stateMetrics,
      durationMs: {
        addBatch: round(tSink - tGet),
        getBatch: round(tGet - tWal),
        commitOffsets: round(tCommit - tSink),
        walCommit: round(tWal - t0),
        triggerExecution: round(tCommit - t0),
      },
      sourceStart: startOffset,
      sourceEnd: this.lastOffset,
    };
  }

  private rowsOf(p: Plan, next: (p: Plan) => unknown[][]): unknown[][] | undefined {
    if (p instanceof StreamSourcePlan) {
      const i = this.sourcePlans.indexOf(p);
      if (i < 0) return undefined;
      return this.source instanceof CompositeSource ? this.rowsByPlan[i] : this.batchRows;
    }
    if (p instanceof Join && this.joins.includes(p)) return this.streamStreamJoin(p, next);
    if (p instanceof EventTimeWatermark) {
      const rows = next(p.child);
      const idx = p.child.schema.indexOf(p.column);
      const et = this.batchEventTimes;
      for (const r of rows) {
        const v = r[idx] as number | null;
        if (v === null) continue;
        if (v < et.min) et.min = v;
        if (v > et.max) et.max = v;
        et.sum += v;
        et.n++;
      }
      return rows;
    }
    if (p instanceof Aggregate) return this.aggregate(p);
    if (p instanceof Deduplicate) return this.dedupe(p, next(p.child));
    if (p instanceof Limit) {
      const rows = next(p.child);
      // Complete mode re-emits the whole result table every batch, so a limit (after an aggregation, the
      // only place Spark allows it there) takes the first rows of each batch's table; only append mode
      // limits the stream as a whole (Spark's StreamingGlobalLimitExec).
      if (this.mode === 'complete') return rows.slice(0, p.n);
      const done = this.limitCounts.get(p) ?? 0;
      const take = rows.slice(0, Math.max(0, p.n - done));
      this.limitCounts.set(p, done + take.length);
      return take;
    }
    return undefined;
  }

  private aggState(p: Aggregate): AggState {
    let s = this.aggStates.get(p);
    if (!s) {
      const layout = layoutAggregate(p.child.scope(), p.groupExprs, p.outputExprs);
      s = {
        layout,
        state: { ...newAggregateState(layout), dropped: 0 },
        signature: signatureOf(p),
        lastTouched: new Set(),
        lastRemoved: [],
      };
      this.aggStates.set(p, s);
    }
    return s;
  }

  private aggregate(p: Aggregate): unknown[][] {
    const s = this.aggState(p);
    const { layout, state } = s;
    const windowed = layout.windowIndexes.length > 0 && this.watermarkNode !== undefined;
    // Complete mode keeps every window and every row (Spark's StateStoreSaveExec puts all rows in Complete
    // mode; only Append and Update drop rows whose window is past the watermark).
    state.watermark = windowed && this.mode !== 'complete' ? this.watermarkMs : undefined;
    state.touched = new Set();
    state.dropped = 0;
    aggregateInto(p, state);
    const wIdx = layout.windowIndexes[0];
    const isFinal = (entry: unknown[]): boolean =>
      windowed && (entry[wIdx] as number[])[1] <= this.watermarkMs;
    let emit: unknown[][];
    let removed = 0;
    const g = layout.groups.length;
    if (g === 0) emit = this.mode === 'complete' || state.touched.size > 0 ? [state.global] : [];
    else if (this.mode === 'complete') emit = [...state.map.values()];
    else if (this.mode === 'update') emit = [...state.touched];
    else emit = [...state.map.values()].filter(isFinal);
    const removedKeys: unknown[] = [];
    if (this.mode !== 'complete' && windowed) {
      for (const [k, entry] of state.map)
        if (isFinal(entry)) {
          state.map.delete(k);
          removedKeys.push(k);
          removed++;
        }
    }
    s.lastTouched = state.touched;
    s.lastRemoved = removedKeys;
    this.stateMetrics.push({
      operatorName: 'stateStoreSave',
      numRowsTotal: g === 0 ? 1 : state.map.size,
      numRowsUpdated: state.touched.size,
      numRowsRemoved: removed,
      numRowsDroppedByWatermark: state.dropped,
    });
    const slotRows =
      g === 0
        ? emit.length > 0
          ? finishAggregate(layout, { map: new Map(), global: state.global })
          : []
        : finishAggregate(layout, { map: new Map(emit.map((e, i) => [i, e])), global: state.global });
    return aggregateOutput(layout, slotRows);
  }

  private dedupe(p: Deduplicate, rows: unknown[][]): unknown[][] {
    let seen = this.dedupeSeen.get(p);
    if (!seen) this.dedupeSeen.set(p, (seen = new Map()));
    // Only a watermark defined upstream of the dedup applies to it (as in Spark, where withWatermark marks
    // the column for the operators after it): dropDuplicates() before withWatermark keeps every key.
    const wmCol =
      this.watermarkNode && isUpstream(this.watermarkNode, p)
        ? p.schema.indexOf(this.watermarkNode.column)
        : -1;
    const timed = wmCol >= 0 && p.keyIndexes.includes(wmCol);
    const out: unknown[][] = [];
    const changes = { added: [] as string[], removed: [] as string[] };
    this.dedupeChanges.set(p, changes);
    let dropped = 0;
    for (const r of rows) {
      const ts = timed ? (r[wmCol] as number | null) : null;
      if (timed && ts !== null && ts <= this.watermarkMs) {
        dropped++;
        continue;
      }
      const k = compositeKey(p.keyIndexes.map((i) => r[i]));
      if (seen.has(k)) continue;
      seen.set(k, ts);
      changes.added.push(k);
      out.push(r);
    }
    let removed = 0;
    if (timed)
      for (const [k, ts] of seen)
        if (ts !== null && ts <= this.watermarkMs) {
          seen.delete(k);
          changes.removed.push(k);
          removed++;
        }
    this.stateMetrics.push({
      operatorName: 'dedupe',
      numRowsTotal: seen.size,
      numRowsUpdated: out.length,
      numRowsRemoved: removed,
      numRowsDroppedByWatermark: dropped,
    });
    return out;
  }

  /**
   * Operator state for the checkpoint, keyed by operator position (stable across restarts). Every
   * 10th batch (and the first after a start) writes a full snapshot; the others only what the batch
   * changed, so checkpointing costs in proportion to the groups a batch touches, as Spark's deltas.
   */
  private snapshot(batchId: number): { full: boolean } {
    const full = !this.wroteFullSnapshot || batchId % 10 === 0;
    this.wroteFullSnapshot = true;
    return {
      full,
      watermarkMs: this.watermarkMs,
      maxEventTimeMs: Number.isFinite(this.maxEventTimeMs) ? this.maxEventTimeMs : null,
      aggregates: this.aggregates.map((a) => {
        const s = this.aggStates.get(a);
        if (!s) return null;
        const map = s.state.map;
        const entries = full
          ? [...map.entries()]
          : [...s.lastTouched].map((e) => [entryKey(s.layout, e), e] as const).filter(([k]) => map.has(k));
        return {
          signature: s.signature,
          entries,
          removed: full ? [] : s.lastRemoved,
          global: s.state.global,
        };
      }),
      dedupes: this.dedupes.map((d) => {
        const seen = this.dedupeSeen.get(d) ?? new Map<string, number | null>();
        const changes = this.dedupeChanges.get(d) ?? { added: [], removed: [] };
        return full
          ? { entries: [...seen.entries()], removed: [] }
          : {
              entries: changes.added.filter((k) => seen.has(k)).map((k) => [k, seen.get(k)!]),
              removed: changes.removed,
            };
      }),
      limits: this.limits.map((l) => this.limitCounts.get(l) ?? 0),
      joins: this.joins.map((j) => {
        const b = this.joinBuffers.get(j) ?? { left: [], right: [], newLeft: 0, newRight: 0 };
        return full
          ? { left: b.left, right: b.right }
          : {
              left: b.left.slice(b.left.length - b.newLeft),
              right: b.right.slice(b.right.length - b.newRight),
            };
      }),
    } as { full: boolean };
  }

  private recover(cp: Checkpoint): void {
    const offsets = cp.offsets();
    const committed = cp.lastCommitted();
    for (const o of offsets) if (committed && o.batchId <= committed.batchId) this.source.restore(o.source);
    if (committed) {
      this.nextBatchId = committed.batchId + 1;
      this.watermarkMs = committed.nextBatchWatermarkMs;
      const chain = cp.readStateChain(committed.batchId) as unknown as {
        full: boolean;
        maxEventTimeMs: number | null;
        aggregates: ({
          signature: string;
          entries: [unknown, unknown[]][];
          removed: unknown[];
          global: unknown[];
        } | null)[];
        dedupes: { entries: [string, number | null][]; removed: string[] }[];
        limits: number[];
        joins?: { left: unknown[][]; right: unknown[][] }[];
      }[];
      for (const state of chain) {
        this.maxEventTimeMs = state.maxEventTimeMs ?? -Infinity;
        state.aggregates.forEach((saved, i) => {
          const a = this.aggregates[i];
          if (!saved) return;
          if (!a || signatureOf(a) !== saved.signature)
            throw new AnalysisException(
              `[STATE_STORE_INCOMPATIBLE] The checkpoint ${cp.dir} holds aggregation state for "${saved.signature}", but the query now aggregates "${a ? signatureOf(a) : 'nothing'}". Restart with a new checkpointLocation (or remove the old one) after changing grouping keys or aggregates.`,
            );
          const s = this.aggState(a);
          if (state.full) s.state.map = new Map();
          for (const [k, e] of saved.entries) s.state.map.set(k, e);
          for (const k of saved.removed) s.state.map.delete(k);
          s.state.global = saved.global;
        });
        state.dedupes.forEach((saved, i) => {
          const d = this.dedupes[i];
          if (!d) return;
          const seen = state.full ? new Map<string, number | null>() : (this.dedupeSeen.get(d) ?? new Map());
          for (const [k, ts] of saved.entries) seen.set(k, ts);
          for (const k of saved.removed) seen.delete(k);
          this.dedupeSeen.set(d, seen);
        });
        state.limits.forEach((n, i) => this.limits[i] && this.limitCounts.set(this.limits[i], n));
        (state.joins ?? []).forEach((saved, i) => {
          const j = this.joins[i];
          if (!j) return;
          const b = state.full
            ? { left: [], right: [], newLeft: 0, newRight: 0 }
            : (this.joinBuffers.get(j) ?? { left: [], right: [], newLeft: 0, newRight: 0 });
          for (const r of saved.left) b.left.push(r);
          for (const r of saved.right) b.right.push(r);
          this.joinBuffers.set(j, b);
        });
      }
    }
    const last = offsets[offsets.length - 1];
    if (last && (!committed || last.batchId > committed.batchId)) {
      // The batch was planned but never committed: run it again with exactly the same input.
      this.source.restore(last.source);
      this.pendingRerun = { batchId: last.batchId, source: last.source };
      this.nextBatchId = last.batchId;
    }
  }
}

function signatureOf(a: Aggregate): string {
  return `GROUP BY ${a.groupExprs.map((g) => g.sql()).join(', ')} SELECT ${a.outputExprs.map((e) => e.sql()).join(', ')}`;
}

function round(ms: number): number {
  return Math.round(ms);
}

/** True when `node` is `plan` or below it (an input of it). */
function isUpstream(node: Plan, plan: Plan): boolean {
  return plan === node || plan.children().some((child) => isUpstream(node, child));
}
