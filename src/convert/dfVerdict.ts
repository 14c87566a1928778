// Whether a DataFrame pipeline can become a Structured Streaming query whose result equals the batch's.
// The rules are Spark's documented unsupported operations and output-mode matrix: an aggregation runs in
// complete mode (the whole result table after every micro-batch, which is what the batch computed); sorting
// and limits are only meaningful after it; distinct, chained aggregations, outer joins that preserve the
// static side and unions with static data are not supported on streams.
import type { ts } from 'ts-morph';
import type { BlockReason, ConversionChange, TextSpan, Verdict } from './api';
import type { DfNode, DfPipelineModel, FileAnalysis } from './analyze';
import { stringLiteralValue } from './rddRewrite';

export interface DfPlan {
  readonly verdict: Verdict;
  /** True when the query aggregates: complete output mode, sinks through foreachBatch/console. */
  readonly aggregated: boolean;
  /**
   * Event-time windows over a watermarked stream, not sorted or limited afterwards: the console shows them
   * in update mode (the changed windows of each micro-batch), as Spark's guide recommends.
   */
  readonly updateMode: boolean;
}

const streamableFormats = new Set(['csv', 'json', 'text']);
const staticJoinTypes = new Set([
  'inner',
  'left',
  'leftouter',
  'left_outer',
  'left_semi',
  'leftsemi',
  'semi',
  'left_anti',
  'leftanti',
  'anti',
  'cross',
]);

export function planDfPipeline(pipeline: DfPipelineModel, analysis: FileAnalysis): DfPlan {
  const sf = analysis.sourceFile;
  const reasons: BlockReason[] = [];
  const changes: ConversionChange[] = [];
  const span = (node: ts.Node): TextSpan => ({ start: node.getStart(sf), end: node.getEnd() });
  const stepSpan = (step: DfNode): TextSpan => {
    const call = step.groupCall ?? step.call;
    return {
      start: (call.expression as ts.PropertyAccessExpression).name.getStart(sf),
      end: step.call.getEnd(),
    };
  };
  const line = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

  const format = sourceFormat(pipeline.source, sf);
  if (!format || !streamableFormats.has(format)) {
    reasons.push({
      message: `The ${format ?? 'unknown'} format cannot be read as a stream by the runtime's file source.`,
      fix: "Read the input with spark.read.csv(...), .json(...) or .text(...) (or .format('csv').load(...)).",
      span: span(pipeline.source.call),
    });
  }
  for (const node of [pipeline.source, ...pipeline.steps]) {
    for (const escape of node.escapes) {
      reasons.push({
        message: `The DataFrame built at line ${line(node.call)} is used at line ${line(escape)} (\`${escape.getText(sf).slice(0, 60)}\`) in a way the converter cannot follow.`,
        fix: 'Keep the pipeline in one chain or in local variables that are only chained on.',
        span: span(escape),
      });
    }
  }

  let aggregations = 0;
  let watermark = false;
  let watermarkText = '';
  let watermarkColumn = 'the event time';
  let watermarkDelay = 'the delay';
  let lateDedup: DfNode | undefined;
  for (const step of pipeline.steps) {
    const aggregated = aggregations > 0;
    switch (step.kind) {
      case 'unknown':
        reasons.push({
          message: `${step.method}() is not a DataFrame method the converter knows, so it cannot tell how it behaves on a stream.`,
          fix: 'Use the PySpark DataFrame methods the runtime provides, or convert this pipeline by hand.',
          span: stepSpan(step),
        });
        break;
      case 'stateless':
        if (step.method === 'withWatermark') {
          watermark = true;
          const [column, delay] = step.call.arguments;
          watermarkText = `withWatermark(${step.call.arguments.map((a) => a.getText(sf)).join(', ')})`;
          watermarkColumn = stringLiteralValue(column) ?? watermarkColumn;
          watermarkDelay = stringLiteralValue(delay) ?? watermarkDelay;
        }
        break;
      case 'aggregation':
      case 'window':
        aggregations++;
        if (aggregations > 1) {
          reasons.push({
            message:
              'Multiple streaming aggregations (an aggregation of an aggregated DataFrame) are not supported on streaming DataFrames.',
            fix: 'Compute the second aggregation inside foreachBatch, or restructure the query into a single groupBy().agg(...).',
            span: stepSpan(step),
          });
        }
        if (step.kind === 'window' && !watermark) {
          changes.push({
            message:
              'Event-time windows without a watermark: complete mode keeps every window in state. Add withWatermark(...) to bound it.',
            span: stepSpan(step),
          });
        }
        break;
      case 'dedup':
        if (step.method === 'distinct') {
          reasons.push({
            message: 'distinct() is not supported on streaming DataFrames.',
            fix: 'Use dropDuplicates() with a watermark (withWatermark(...).dropDuplicates([...])).',
            span: stepSpan(step),
          });
        } else if (!watermark) {
          changes.push({
            message:
              'dropDuplicates() without a watermark keeps every key seen so far in state; add withWatermark(...) to bound it.',
            span: stepSpan(step),
          });
        } else {
          lateDedup = step;
          changes.push({
            message: `Late rows will be dropped: after ${watermarkText}, ${step.method}() drops a row whose ${watermarkColumn} is not after the watermark (the latest ${watermarkColumn} of earlier micro-batches minus ${watermarkDelay}). The batch keeps such rows, so the stream's result can lack them.`,
            span: stepSpan(step),
          });
        }
        break;
      case 'order':
        if (!aggregated) {
          reasons.push({
            message: `${step.method}() is supported on streaming DataFrames only after an aggregation, in complete output mode.`,
            fix: 'Sort after groupBy(...).agg(...), or sort the output files afterwards.',
            span: stepSpan(step),
          });
        }
        break;
      case 'limit':
        if (!aggregated) {
          changes.push({
            message:
              "limit() before an aggregation keeps the first rows that arrive on the stream, not necessarily the batch's first rows.",
            span: stepSpan(step),
          });
        }
        break;
      case 'join':
        checkJoin(step, aggregated);
        break;
      default:
        break;
    }
  }

  function checkJoin(step: DfNode, aggregated: boolean): void {
    const other = step.otherDf;
    if (other && other.source === pipeline.source) {
      reasons.push({
        message: `${step.method}() joins the stream with itself; stream-stream joins need watermarks on both sides.`,
        fix: 'Join with a static DataFrame read by spark.read, or aggregate first.',
        span: stepSpan(step),
      });
      return;
    }
    if (step.method === 'join' || step.method === 'crossJoin') {
      const how = step.method === 'crossJoin' ? 'cross' : joinType(step, sf);
      if (how === undefined || staticJoinTypes.has(how.toLowerCase())) {
        changes.push({
          message: `${step.method}() with a static DataFrame${other ? ` (line ${line(other.call)})` : ''}: the static side stays a batch read and is joined with every micro-batch.`,
          span: stepSpan(step),
        });
      } else {
        reasons.push({
          message: `A ${how} join keeps unmatched rows of the static side, which Spark does not support with a streaming left side.`,
          fix: 'Use an inner or left join with the stream on the left.',
          span: stepSpan(step),
        });
      }
      return;
    }
    if (aggregated) return;
    reasons.push({
      message: `${step.method}() of a stream with a static DataFrame would add the static rows again in every micro-batch.`,
      fix: 'Read both inputs as streams from the watched folder, or combine them after the query.',
      span: stepSpan(step),
    });
  }

  const aggregated = aggregations > 0;
  const sink = pipeline.sink;
  const windowed = pipeline.steps.some((step) => step.kind === 'window');
  const orderedAfter = pipeline.steps.some((step) => step.kind === 'order' || step.kind === 'limit');
  const updateMode = windowed && watermark && !orderedAfter && sink.method === 'show';
  const windowStep = pipeline.steps.find((step) => step.kind === 'window');
  if (watermark && updateMode && windowStep) {
    changes.push({
      message: `Late rows will be dropped: once the watermark (the latest ${watermarkColumn} of earlier micro-batches minus ${watermarkDelay}) passes a window's end, rows for that window are ignored. The batch counts every row, so a late row's window can differ.`,
      span: stepSpan(windowStep),
    });
  } else if (watermark && aggregated && !lateDedup) {
    const aggregation = pipeline.steps.find((step) => step.kind === 'aggregation' || step.kind === 'window');
    if (aggregation)
      changes.push({
        message: `${watermarkText} drops no rows in complete output mode (as in Spark): every group stays in state, so the result equals the batch's.`,
        span: stepSpan(aggregation),
      });
  }
  const sinkSpan = {
    start: (sink.call.expression as ts.PropertyAccessExpression).name.getStart(sf),
    end: sink.call.getEnd(),
  };
  if (sink.write) {
    if (!aggregated) {
      changes.push({
        message: `The file sink appends each micro-batch's rows as new part files under the output folder (with a _spark_metadata log); together they hold the batch's rows.`,
        span: sinkSpan,
      });
    }
  } else if (sink.method === 'show') {
    if (updateMode) {
      changes.push({
        message:
          'show() becomes the console sink in update mode: each micro-batch prints the windows it changed (windows older than the watermark are final and dropped from state).',
        span: sinkSpan,
      });
    } else if (aggregated) {
      changes.push({
        message:
          'show() becomes the console sink in complete mode: the whole result table is printed after every micro-batch.',
        span: sinkSpan,
      });
    } else {
      changes.push({
        message: "show() becomes the console sink: each micro-batch's new rows are printed.",
        span: sinkSpan,
      });
    }
  } else if (aggregated) {
    changes.push({
      message: `${sink.method}() runs in foreachBatch on the whole result table after every micro-batch.`,
      span: sinkSpan,
    });
  } else if (
    sink.method === 'collect' ||
    sink.method === 'foreach' ||
    sink.method === 'foreachPartition' ||
    sink.method === 'toLocalIterator'
  ) {
    changes.push({
      message: `${sink.method}() runs in foreachBatch on each micro-batch's new rows.`,
      span: sinkSpan,
    });
  } else {
    reasons.push({
      message: `${sink.method}() of a stream without an aggregation has no final value: each micro-batch would give its own answer.`,
      fix: `Aggregate first (e.g. groupBy(...).count() or agg(count('*'))) so the query keeps a running result, then ${sink.method}() it.`,
      span: sinkSpan,
    });
  }

  const verdict: Verdict =
    reasons.length > 0
      ? { status: 'blocked', reasons }
      : changes.length > 0
        ? { status: 'convertible-with-changes', changes }
        : { status: 'convertible' };
  return { verdict, aggregated, updateMode };
}

/** The format a DataFrame source reads: the loading method, or `format(...)` for `load()`. */
export function sourceFormat(source: DfNode, sf: ts.SourceFile): string | undefined {
  if (source.method !== 'load') return source.method;
  for (const call of source.reader?.calls ?? []) {
    const name = (call.expression as ts.PropertyAccessExpression).name.text;
    const arg = call.arguments[0];
    if (name === 'format' && arg) return arg.getText(sf).replace(/^['"`]|['"`]$/g, '');
  }
  return undefined;
}

function joinType(step: DfNode, sf: ts.SourceFile): string | undefined {
  const how = step.call.arguments[2];
  return how ? how.getText(sf).replace(/^['"`]|['"`]$/g, '') : undefined;
}
