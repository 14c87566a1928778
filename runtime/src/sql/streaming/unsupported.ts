// Spark's UnsupportedOperationChecker for streaming queries, applied at start() with Spark's wording.
import { AnalysisException } from '../expressions';
import { Aggregate, Deduplicate, EventTimeWatermark, Join, Limit, Plan, Sort } from '../plan';
import type { OutputMode } from './sinks';

function walk(plan: Plan, fn: (p: Plan) => void): void {
  fn(plan);
  for (const c of plan.children()) walk(c, fn);
}

function streamingAggregates(plan: Plan): Aggregate[] {
  const out: Aggregate[] = [];
  walk(plan, (p) => p instanceof Aggregate && p.isStreaming && out.push(p));
  return out;
}

export function hasWatermark(plan: Plan): boolean {
  let found = false;
  walk(plan, (p) => (found ||= p instanceof EventTimeWatermark));
  return found;
}

export function checkStreamingQuery(plan: Plan, mode: OutputMode, sinkFormat: string): void {
  const fail = (msg: string): never => {
    throw new AnalysisException(msg);
  };
  const aggs = streamingAggregates(plan);
  if (aggs.length > 1)
    fail('Multiple streaming aggregations are not supported with streaming DataFrames/Datasets;');
  if (mode === 'complete' && aggs.length === 0)
    fail(
      'Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets;',
    );
  if (mode === 'append' && aggs.length === 1 && !hasWatermark(plan))
    fail(
      'Append output mode not supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark;',
    );
  if (
    mode === 'append' &&
    aggs.length === 1 &&
    hasWatermark(plan) &&
    aggs[0].schema.fields.every((f) => f.name !== 'window')
  )
    fail(
      'Append output mode with a streaming aggregation needs a window() on the watermarked event-time column among the grouping keys (so that a group can be final);',
    );
  if ((sinkFormat === 'csv' || sinkFormat === 'json') && mode !== 'append')
    fail(
      `Data source ${sinkFormat} does not support ${mode === 'complete' ? 'Complete' : 'Update'} output mode.`,
    );
  let sources = 0;
  const seenSources = new Set<Plan>();
  walk(plan, (p) => {
    if (p.children().length === 0 && p.isStreaming && !seenSources.has(p)) {
      seenSources.add(p);
      sources++;
    }
    if (!p.isStreaming) return;
    if (p instanceof Sort) {
      const aggBelow = streamingAggregates(p).length > 0;
      if (!aggBelow || mode !== 'complete')
        fail(
          'Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset in Complete output mode;',
        );
    }
    if (p instanceof Deduplicate && p.isDistinct)
      fail('Distinct is not supported on streaming DataFrames/Datasets;');
    if (p instanceof Deduplicate && streamingAggregates(p).length > 0)
      fail('dropDuplicates is not supported after aggregation on a streaming DataFrame/Dataset;');
    if (p instanceof Limit && mode === 'update')
      fail('Limits are not supported on streaming DataFrames/Datasets in Update output mode;');
    if (p instanceof Aggregate && p.child && streamingAggregates(p.child).length > 0)
      fail('Multiple streaming aggregations are not supported with streaming DataFrames/Datasets;');
    if (p instanceof Join) {
      const l = p.left.isStreaming;
      const r = p.right.isStreaming;
      if (l && r && p.how !== 'inner')
        fail(
          `Stream-stream ${p.how} joins are not supported by this runtime (only inner joins are; Spark's outer stream-stream joins need watermarks and time-range conditions).`,
        );
      if (l && r && (mode !== 'append' || streamingAggregates(p).length > 0))
        fail(
          'Stream-stream joins are supported in Append output mode only, without aggregations before the join;',
        );
      if (l && (p.how === 'right' || p.how === 'full'))
        fail(
          `${p.how === 'right' ? 'RightOuter' : 'FullOuter'} join with a streaming DataFrame/Dataset on the left and a static DataFrame/Dataset on the right is not supported;`,
        );
      if (r && (p.how === 'left' || p.how === 'full' || p.how === 'left_semi' || p.how === 'left_anti'))
        fail(
          `${p.how === 'left' ? 'LeftOuter' : p.how === 'full' ? 'FullOuter' : p.how === 'left_semi' ? 'LeftSemi' : 'LeftAnti'} join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported;`,
        );
    }
  });
  let streamJoins = 0;
  walk(plan, (p) => {
    if (p instanceof Join && p.left.isStreaming && p.right.isStreaming) streamJoins++;
  });
  if (sources > streamJoins + 1)
    fail(
      'Queries with more than one streaming source are supported only through stream-stream joins (not union) by this runtime.',
    );
}
