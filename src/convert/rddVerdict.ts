// Whether an RDD pipeline can become a DStream pipeline whose result, once the stream has seen the same
// files, equals the batch result. The rules follow Spark Streaming's semantics: a DStream step runs on each
// micro-batch on its own, so per-record steps are safe anywhere; anything that needs the whole dataset
// (aggregate, deduplicate, sort, number, take) is only equal to the batch after a running aggregation
// (updateStateByKey), whose state *is* the whole result so far.
import { ts } from 'ts-morph';
import type { BlockReason, ConversionChange, TextSpan, Verdict } from './api';
import type { FileAnalysis, RddNode, RddPipelineModel } from './analyze';
import {
  limitActions,
  listingActions,
  mergeFunctionIndex,
  perElementActions,
  streamStaticJoins,
} from './methods';

export interface RddPlan {
  readonly verdict: Verdict;
  /** Index in `steps` of the aggregation kept as a running total, or -1 for a stateless pipeline. */
  readonly runningIndex: number;
}

/** Actions that reduce the whole dataset to one value: per micro-batch they would give a partial value. */
const wholeDatasetFixes: ReadonlyMap<string, string> = new Map([
  ['count', "map((x) => ['count', 1]).reduceByKey((a, b) => a + b)"],
  ['countByValue', 'map((x) => [x, 1]).reduceByKey((a, b) => a + b)'],
  ['countByKey', 'mapValues(() => 1).reduceByKey((a, b) => a + b)'],
  ['collectAsMap', 'reduceByKey(...) before collectAsMap()'],
  ['reduce', "map((x) => ['total', x]).reduceByKey(<the same function>)"],
  ['fold', "map((x) => ['total', x]).foldByKey(<zero>, <the same function>)"],
  ['aggregate', "map((x) => ['total', x]).aggregateByKey(<zero>, <seqOp>, <combOp>)"],
  ['sum', "map((x) => ['sum', x]).reduceByKey((a, b) => a + b)"],
  ['mean', "map((x) => ['mean', [x, 1]]).reduceByKey(([s1, n1], [s2, n2]) => [s1 + s2, n1 + n2])"],
  ['min', "map((x) => ['min', x]).reduceByKey((a, b) => Math.min(a, b))"],
  ['max', "map((x) => ['max', x]).reduceByKey((a, b) => Math.max(a, b))"],
  ['stats', 'a keyed reduceByKey of [count, sum, sum of squares]'],
  ['variance', 'a keyed reduceByKey of [count, sum, sum of squares]'],
  ['stdev', 'a keyed reduceByKey of [count, sum, sum of squares]'],
]);

export function planRddPipeline(
  pipeline: RddPipelineModel,
  analysis: FileAnalysis,
  shared: SharedSourceInfo,
): RddPlan {
  const sf = analysis.sourceFile;
  const reasons: BlockReason[] = [];
  const changes: ConversionChange[] = [];
  const span = (node: ts.Node): TextSpan => ({ start: node.getStart(sf), end: node.getEnd() });
  const stepSpan = (step: RddNode): TextSpan => ({
    start: (step.call.expression as ts.PropertyAccessExpression).name.getStart(sf),
    end: step.call.getEnd(),
  });
  const line = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

  if (pipeline.source.method === 'parallelize') {
    reasons.push({
      message: 'sc.parallelize() builds a fixed, in-memory dataset: there is no input to stream.',
      fix: 'Read the data with sc.textFile(<path>) so the stream can watch a folder for new files (tests can feed RDDs with ssc.queueStream()).',
      span: span(pipeline.source.call),
    });
  }
  const pathArg = pipeline.source.call.arguments[0];
  if (pipeline.source.method === 'textFile' && pathArg && !ts.isStringLiteralLike(pathArg)) {
    changes.push({
      message: `The input path \`${pathArg.getText(sf)}\` is computed at run time: the stream watches the configured input folder instead.`,
      span: span(pathArg),
    });
  }
  if (shared.staticUse.has(pipeline.source)) {
    reasons.push({
      message: `The source is also the static side of a join at line ${shared.staticUse.get(pipeline.source) ?? '?'}: it must stay a batch read.`,
      fix: 'Read the static dataset with its own sc.textFile(...) call.',
      span: span(pipeline.source.call),
    });
  }
  for (const node of [pipeline.source, ...pipeline.steps]) {
    for (const escape of node.escapes) {
      reasons.push({
        message: `The dataset built at line ${line(node.call)} is used at line ${line(escape)} (\`${escape.getText(sf).slice(0, 60)}\`) in a way the converter cannot follow.`,
        fix: 'Keep the pipeline in one chain or in local variables that are only chained on, or convert that part by hand with foreachRDD.',
        span: span(escape),
      });
    }
  }

  let runningIndex = -1;
  pipeline.steps.forEach((step, index) => {
    const afterRunning = runningIndex >= 0;
    if (step.kind === 'unknown') {
      reasons.push({
        message: `${step.method}() is not an RDD transformation the converter knows, so it cannot tell how it behaves on a stream.`,
        fix: 'Use the PySpark RDD methods the runtime provides, or convert this pipeline by hand.',
        span: stepSpan(step),
      });
      return;
    }
    // After the running aggregation every step sees the whole result so far (the state), like the batch did.
    if (afterRunning) return;
    switch (step.kind) {
      case 'aggregation':
        if (mergeFunctionIndex.has(step.method)) runningIndex = index;
        else
          reasons.push({
            message: `${step.method}() over a stream would have to keep every value of every key in state forever, and its per-batch groups are not the batch's groups.`,
            fix: 'Aggregate with reduceByKey/aggregateByKey (e.g. map((x) => [key, 1]).reduceByKey((a, b) => a + b)): the converter keeps a running total with updateStateByKey.',
            span: stepSpan(step),
          });
        return;
      case 'dedup':
        reasons.push({
          message:
            'distinct() over a stream only removes duplicates inside each micro-batch; the same element arriving in two batches is kept twice.',
          fix: 'Key the elements and reduce them, e.g. map((x) => [x, null]).reduceByKey((a) => a).keys(): the converter keeps the running set of keys.',
          span: stepSpan(step),
        });
        return;
      case 'order':
        reasons.push(
          step.method.startsWith('zip')
            ? {
                message: `${step.method}() numbers the elements of each micro-batch from 0, so indexes repeat across batches.`,
                fix: 'Key the records by a field of the data, or number them after an aggregation (e.g. after reduceByKey).',
                span: stepSpan(step),
              }
            : {
                message: `${step.method}() over a stream orders each micro-batch on its own, so the output is not in the batch's global order.`,
                fix: 'Sort after an aggregation (e.g. after reduceByKey): the converter then sorts the whole running result on every batch.',
                span: stepSpan(step),
              },
        );
        return;
      case 'join':
        checkJoin(step);
        return;
      case 'stateless':
        if (step.method === 'sample')
          changes.push({
            message:
              'sample() draws from each micro-batch separately: the same fraction, but other elements than the batch run.',
            span: stepSpan(step),
          });
        return;
      default:
        return;
    }
  });

  function checkJoin(step: RddNode): void {
    const other = step.otherRdd;
    if (other && other.source === pipeline.source) {
      reasons.push({
        message: `${step.method}() joins the stream with itself; DStream joins only match records of the same micro-batch.`,
        fix: 'Aggregate first (reduceByKey), then join the running result, or join with a static dataset read by sc.textFile().',
        span: stepSpan(step),
      });
      return;
    }
    if (streamStaticJoins.has(step.method)) {
      changes.push({
        message: `${step.method}() with a static dataset: the static side${other ? ` (line ${line(other.call)})` : ''} stays a batch read and is joined with every micro-batch.`,
        span: stepSpan(step),
      });
      return;
    }
    const message =
      step.method === 'union'
        ? 'union() with a static dataset would add the static elements again in every micro-batch.'
        : step.method === 'intersection'
          ? 'intersection() removes duplicates and needs to see both datasets completely.'
          : step.method === 'cogroup'
            ? 'cogroup() groups all values of both sides, which a stream would keep in state forever.'
            : `${step.method}() keeps unmatched elements of the static side, which a stream would emit again in every micro-batch (Spark does not support outer joins that preserve the static side).`;
    const fix =
      step.method === 'union'
        ? 'Stream both inputs from the watched folder, or add the static elements after an aggregation.'
        : step.method === 'intersection'
          ? 'Use join() with the static side and keep the keys, or aggregate first.'
          : step.method === 'cogroup'
            ? 'Aggregate first (reduceByKey), then cogroup the running result.'
            : 'Use join() or leftOuterJoin() with the stream on the left, or aggregate first.';
    reasons.push({ message, fix, span: stepSpan(step) });
  }

  const sink = pipeline.sink;
  const sinkSpan = {
    start: (sink.call.expression as ts.PropertyAccessExpression).name.getStart(sf),
    end: sink.call.getEnd(),
  };
  if (runningIndex < 0) {
    if (sink.method === 'saveAsTextFile') {
      changes.push({
        message:
          'No aggregation: each micro-batch is written to its own folder `<path>-<batch time ms>` (DStream.saveAsTextFiles); together they hold the batch output.',
        span: sinkSpan,
      });
    } else if (listingActions.has(sink.method)) {
      changes.push({
        message: `${sink.method}() runs on every micro-batch and sees only the elements that arrived in it; together they are the batch's elements.`,
        span: sinkSpan,
      });
    } else if (perElementActions.has(sink.method)) {
      // Each element is visited once, in the micro-batch it arrives in: the same calls as the batch made.
    } else if (limitActions.has(sink.method)) {
      reasons.push({
        message: `${sink.method}() picks elements of a dataset that, as a stream, never ends: each micro-batch would give its own answer.`,
        fix: `Aggregate first (e.g. reduceByKey) and call ${sink.method}() on the running result, or print each micro-batch with collect().`,
        span: sinkSpan,
      });
    } else {
      reasons.push({
        message: `${sink.method}() of a stream changes with every micro-batch and has no final value without a running aggregation.`,
        fix: `Aggregate with ${wholeDatasetFixes.get(sink.method) ?? 'reduceByKey'} so the converter keeps a running total.`,
        span: sinkSpan,
      });
    }
  } else if (sink.method !== 'saveAsTextFile' && !perElementActions.has(sink.method)) {
    changes.push({
      message: `${sink.method}() runs after every micro-batch on the running result, so its output is repeated with updated values.`,
      span: sinkSpan,
    });
  } else if (perElementActions.has(sink.method)) {
    changes.push({
      message: `${sink.method}() runs after every micro-batch on the whole running result, so elements are visited again on each batch.`,
      span: sinkSpan,
    });
  }
  if (shared.blockedSibling.has(pipeline.source) && reasons.length === 0) {
    reasons.push({
      message:
        'Its source is shared with another pipeline that cannot stream; converting the source would break that pipeline.',
      fix: 'Give this pipeline its own sc.textFile(...) read, or make the other pipeline streamable first.',
      span: span(pipeline.source.call),
    });
  }

  const verdict: Verdict =
    reasons.length > 0
      ? { status: 'blocked', reasons }
      : changes.length > 0
        ? { status: 'convertible-with-changes', changes }
        : { status: 'convertible' };
  return { verdict, runningIndex };
}

/** Facts about sources that involve more than one pipeline. */
export interface SharedSourceInfo {
  /** Sources that are also the static side of a join, with that join's line. */
  readonly staticUse: Map<RddNode, number>;
  /** Sources shared with a pipeline that is blocked for its own reasons. */
  readonly blockedSibling: Set<RddNode>;
}
