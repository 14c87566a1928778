// The converter's entry point: the only module the CLI, the extension and the tests import.
// `detect` is the cheap half (parse once, cached by text; analyse; no edits), `convert` builds the edits.
import type { ts } from 'ts-morph';
import type { BlockReason, Conversion, ConvertOptions, JobFile, Pipeline, TextSpan } from './api';
import { analyzeRdd, type DfPipelineModel, type FileAnalysis, type RddPipelineModel } from './analyze';
import { rewriteDataFrames } from './dfRewrite';
import { planDfPipeline, sourceFormat, type DfPlan } from './dfVerdict';
import { streamSchema } from './streamSchema';
import { followingUses } from './followers';
import { applyEdits, finalizeEdits } from './edits';
import { changeNotes, uniqueNotes } from './notes';
import { parseJob } from './parse';
import { rewriteRdd, stringLiteralValue } from './rddRewrite';
import { planRddPipeline, type RddPlan, type SharedSourceInfo } from './rddVerdict';
import { configuredPrintWidthFor } from './printWidth';
import { detectStyle } from './style';

export type * from './api';

/** Pipelines in the file (those touching `range` when given), in text order. Never edits anything. */
export function detect(file: JobFile, range?: TextSpan): Pipeline[] {
  const { pipelines } = analyzeJob(file);
  const all = pipelines.map((p) => p.pipeline);
  if (!range) return all;
  return all.filter((p) => range.start <= p.span.end && range.end >= p.span.start);
}

/** The streaming version of the job: every convertible pipeline (or those in `options.pipelineIds`). */
export function convert(file: JobFile, options: ConvertOptions = {}): Conversion {
  const job = analyzeJob(file);
  const notes: string[] = [];
  if (job.unreadable !== undefined) throw new Error(job.unreadable);
  if (job.analysis.streaming) {
    return {
      edits: [],
      text: file.text,
      notes: ['The file already uses a streaming API: nothing to convert.'],
      converted: [],
    };
  }
  const requested = options.pipelineIds ? new Set(options.pipelineIds) : undefined;
  for (const id of requested ?? []) {
    if (!job.pipelines.some((p) => p.pipeline.id === id))
      throw new Error(`${file.fileName}: no pipeline with id ${id}`);
  }
  const selected = job.pipelines.filter((p) => {
    if (requested && !requested.has(p.pipeline.id)) return false;
    if (p.pipeline.verdict.status === 'blocked') {
      if (requested)
        notes.push(
          `${p.pipeline.label} cannot stream: ${p.pipeline.verdict.reasons.map((r) => r.message).join(' ')}`,
        );
      return false;
    }
    return true;
  });
  // A converted source is no longer an RDD, so every pipeline reading it is converted with it.
  for (const other of job.pipelines) {
    if (selected.includes(other) || other.pipeline.verdict.status === 'blocked') continue;
    if (selected.some((s) => s.model.source === other.model.source)) {
      selected.push(other);
      notes.push(`${other.pipeline.label} is converted too: it reads the same source.`);
    }
  }
  // A source that a blocked pipeline also reads must stay a batch read.
  const blockedSources = new Set<unknown>(
    job.pipelines.filter((p) => p.pipeline.verdict.status === 'blocked').map((p) => p.model.source),
  );
  for (const p of [...selected]) {
    if (!blockedSources.has(p.model.source)) continue;
    selected.splice(selected.indexOf(p), 1);
    notes.push(
      `${p.pipeline.label} is not converted: its source is shared with a pipeline that cannot stream.`,
    );
  }
  if (selected.length === 0) {
    if (job.pipelines.length === 0) notes.push('No batch pipeline found.');
    return { edits: [], text: file.text, notes, converted: [] };
  }
  selected.sort((a, b) => a.pipeline.span.start - b.pipeline.span.start);
  const sf = job.analysis.sourceFile;
  // A stream source needs a schema: when the batch gave none it is inferred now, from the input file.
  const schemas = new Map<DfPipelineModel['source'], string>();
  const unschemable = new Set<DfPipelineModel['source']>();
  for (const p of selected) {
    if (p.api !== 'dataframe' || schemas.has(p.model.source) || unschemable.has(p.model.source)) continue;
    const result = streamSchema(
      p.model.source,
      sourceFormat(p.model.source, sf) ?? 'csv',
      file.fileName,
      options.readDataFile,
    );
    if (result.kind === 'inferred') schemas.set(p.model.source, result.ddl);
    if (result.kind === 'failed') {
      unschemable.add(p.model.source);
      notes.push(`${p.pipeline.label} is not converted: ${result.message}.`);
    }
  }
  const converting = selected.filter((p) => p.api === 'rdd' || !unschemable.has(p.model.source));
  if (converting.length === 0) return { edits: [], text: file.text, notes, converted: [] };
  const detected = detectStyle(sf);
  const style = {
    ...detected,
    printWidth: configuredPrintWidthFor(file.fileName, options.readDataFile) ?? detected.printWidth,
  };
  const taken = new Set(job.analysis.identifiers);
  const rddSelected = converting.flatMap((p) => (p.api === 'rdd' ? [{ model: p.model, plan: p.plan }] : []));
  const dfSelected = converting.flatMap((p) =>
    p.api === 'dataframe' ? [{ model: p.model, plan: p.plan }] : [],
  );
  const rdd = rewriteRdd({
    analysis: job.analysis,
    style,
    pipelines: rddSelected,
    options,
    fileName: file.fileName,
    taken,
  });
  const df =
    dfSelected.length > 0
      ? rewriteDataFrames({
          analysis: job.analysis,
          style,
          pipelines: dfSelected,
          schemas,
          options,
          fileName: file.fileName,
          taken,
        })
      : { edits: [], notes: [] };
  const changes = converting.flatMap(({ pipeline }) =>
    pipeline.verdict.status === 'convertible-with-changes' ? pipeline.verdict.changes : [],
  );
  notes.push(...changeNotes(changes, (offset) => sf.getLineAndCharacterOfPosition(offset).line + 1));
  const edits = finalizeEdits([...rdd.edits, ...df.edits]);
  return {
    edits,
    text: applyEdits(file.text, edits),
    notes: uniqueNotes([...notes, ...rdd.notes, ...df.notes]),
    converted: converting.map((p) => p.pipeline.id),
  };
}

type AnalyzedPipeline =
  | {
      readonly api: 'rdd';
      readonly pipeline: Pipeline;
      readonly model: RddPipelineModel;
      readonly plan: RddPlan;
    }
  | {
      readonly api: 'dataframe';
      readonly pipeline: Pipeline;
      readonly model: DfPipelineModel;
      readonly plan: DfPlan;
    };

type AnalyzedJob =
  | {
      readonly analysis: FileAnalysis;
      readonly pipelines: readonly AnalyzedPipeline[];
      readonly unreadable?: undefined;
    }
  | {
      readonly analysis?: undefined;
      readonly pipelines: readonly AnalyzedPipeline[];
      readonly unreadable: string;
    };

let lastJob: { key: string; job: AnalyzedJob } | undefined;

function analyzeJob(file: JobFile): AnalyzedJob {
  const key = `${file.fileName}\u0000${file.text}`;
  if (lastJob?.key === key) return lastJob.job;
  let job: AnalyzedJob;
  try {
    const analysis = analyzeRdd(parseJob(file.fileName, file.text));
    job = {
      analysis,
      pipelines: analysis.streaming ? [] : blockEntangledResults(analysis, planPipelines(analysis)),
    };
  } catch (error) {
    // Only pathological nesting (about a thousand levels) exhausts the stack, in TypeScript's own parser
    // first; such a file has no pipeline the lightbulb could offer, and convert() says why.
    if (!(error instanceof RangeError)) throw error;
    job = {
      unreadable: `${file.fileName}: the code is nested too deeply to analyse (${error.message})`,
      pipelines: [],
    };
  }
  lastJob = { key, job };
  return job;
}

function planPipelines(analysis: FileAnalysis): AnalyzedPipeline[] {
  const sf = analysis.sourceFile;
  const models = analysis.rddPipelines;
  const shared: SharedSourceInfo = { staticUse: new Map(), blockedSibling: new Set() };
  for (const model of models) {
    for (const step of model.steps) {
      if (step.otherRdd && step.otherRdd.source !== model.source) {
        shared.staticUse.set(
          step.otherRdd.source,
          sf.getLineAndCharacterOfPosition(step.call.getStart(sf)).line + 1,
        );
      }
    }
  }
  let plans = models.map((model) => planRddPipeline(model, analysis, shared));
  // Two results computed in one statement cannot each get their own foreachRDD.
  const bySinkStatement = new Map<ts.Statement, number>();
  for (const model of models)
    bySinkStatement.set(model.sink.statement, (bySinkStatement.get(model.sink.statement) ?? 0) + 1);
  plans = plans.map((plan, index) => {
    const model = models[index];
    if ((bySinkStatement.get(model.sink.statement) ?? 0) < 2) return plan;
    const reason = {
      message: 'This statement computes the results of several pipelines; each needs its own foreachRDD.',
      fix: 'Compute each result in its own statement (e.g. `const a = await x.count();` then `const b = ...`).',
      span: { start: model.sink.statement.getStart(sf), end: model.sink.statement.getEnd() },
    };
    const reasons = plan.verdict.status === 'blocked' ? [...plan.verdict.reasons, reason] : [reason];
    return { ...plan, verdict: { status: 'blocked', reasons } };
  });
  const blockedSources = new Set(
    models.filter((_, i) => plans[i].verdict.status === 'blocked').map((m) => m.source),
  );
  if (models.some((m, i) => blockedSources.has(m.source) && plans[i].verdict.status !== 'blocked')) {
    for (const source of blockedSources) shared.blockedSibling.add(source);
    plans = plans.map((plan, index) =>
      plan.verdict.status === 'blocked' ? plan : planRddPipeline(models[index], analysis, shared),
    );
  }
  const rdd = models.map((model, index): AnalyzedPipeline => ({
    api: 'rdd',
    model,
    plan: plans[index],
    pipeline: toPipeline(model, plans[index], sf),
  }));
  return [...rdd, ...planDataFrames(analysis)].sort(
    (a, b) => a.pipeline.span.start - b.pipeline.span.start || a.pipeline.span.end - b.pipeline.span.end,
  );
}

function planDataFrames(analysis: FileAnalysis): AnalyzedPipeline[] {
  const sf = analysis.sourceFile;
  const models = analysis.dfPipelines;
  const staticUse = new Map<DfPipelineModel['source'], number>();
  for (const model of models) {
    for (const step of model.steps) {
      if (step.otherDf && step.otherDf.source !== model.source) {
        staticUse.set(step.otherDf.source, sf.getLineAndCharacterOfPosition(step.call.getStart(sf)).line + 1);
      }
    }
  }
  const sinkCounts = new Map<ts.Statement, number>();
  for (const model of models)
    sinkCounts.set(model.sink.statement, (sinkCounts.get(model.sink.statement) ?? 0) + 1);
  let plans = models.map((model): DfPlan => {
    const plan = planDfPipeline(model, analysis);
    const extra: BlockReason[] = [];
    const line = staticUse.get(model.source);
    if (line !== undefined) {
      extra.push({
        message: `The source is also the static side of a join at line ${line}: it must stay a batch read.`,
        fix: 'Read the static dataset with its own spark.read call.',
        span: { start: model.source.call.getStart(sf), end: model.source.call.getEnd() },
      });
    }
    if ((sinkCounts.get(model.sink.statement) ?? 0) > 1) {
      extra.push({
        message: 'This statement computes the results of several pipelines; each needs its own query.',
        fix: 'Compute each result in its own statement.',
        span: { start: model.sink.statement.getStart(sf), end: model.sink.statement.getEnd() },
      });
    }
    if (extra.length === 0) return plan;
    const reasons = plan.verdict.status === 'blocked' ? [...plan.verdict.reasons, ...extra] : extra;
    return { ...plan, verdict: { status: 'blocked', reasons } };
  });
  // A source shared with a blocked pipeline stays a batch read.
  const blockedSources = new Set(
    models.filter((_, i) => plans[i].verdict.status === 'blocked').map((m) => m.source),
  );
  plans = plans.map((plan, index): DfPlan => {
    if (plan.verdict.status === 'blocked' || !blockedSources.has(models[index].source)) return plan;
    const source = models[index].source.call;
    return {
      ...plan,
      verdict: {
        status: 'blocked',
        reasons: [
          {
            message:
              'Its source is shared with another pipeline that cannot stream; converting the source would break that pipeline.',
            fix: 'Give this pipeline its own spark.read, or make the other pipeline streamable first.',
            span: { start: source.getStart(sf), end: source.getEnd() },
          },
        ],
      },
    };
  });
  return models.map((model, index): AnalyzedPipeline => ({
    api: 'dataframe',
    model,
    plan: plans[index],
    pipeline: toDfPipeline(model, plans[index], sf),
  }));
}

function toDfPipeline(model: DfPipelineModel, plan: DfPlan, sf: ts.SourceFile): Pipeline {
  const nameSpan = (call: ts.CallExpression): TextSpan => ({
    start: (call.expression as ts.PropertyAccessExpression).name.getStart(sf),
    end: call.getEnd(),
  });
  const path = stringLiteralValue(model.source.call.arguments[0]);
  const sinkPath = stringLiteralValue(model.sink.call.arguments[0]);
  const format = sourceFormat(model.source, sf) ?? model.source.method;
  const sourceLabel = `read.${format}(${path !== undefined ? JSON.stringify(path) : '…'})`;
  const sinkLabel = model.sink.write ? `write.${model.sink.method}` : model.sink.method;
  const keySteps = model.steps.filter((s) => s.kind !== 'stateless').map((s) => s.method);
  const start = (model.source.reader?.read ?? model.source.call).getStart(sf);
  return {
    id: model.id,
    api: 'dataframe',
    label: [sourceLabel, ...keySteps, sinkLabel].join(' → '),
    span: { start, end: model.sink.statement.getEnd() },
    source: {
      method: format,
      ...(path !== undefined ? { path } : {}),
      span: { start, end: model.source.call.getEnd() },
    },
    steps: model.steps.map((step) => ({
      name: step.method,
      kind: step.kind === 'unknown' || step.kind === 'source' ? 'stateless' : step.kind,
      span: nameSpan(step.groupCall ?? step.call),
    })),
    sink: {
      method: sinkLabel,
      ...(model.sink.write && sinkPath !== undefined ? { path: sinkPath } : {}),
      span: nameSpan(model.sink.call),
    },
    verdict: plan.verdict,
  };
}

function toPipeline(model: RddPipelineModel, plan: RddPlan, sf: ts.SourceFile): Pipeline {
  const nameSpan = (call: ts.CallExpression): TextSpan => {
    const callee = call.expression as ts.PropertyAccessExpression;
    return { start: callee.name.getStart(sf), end: call.getEnd() };
  };
  const path = stringLiteralValue(model.source.call.arguments[0]);
  const sinkPath = stringLiteralValue(model.sink.call.arguments[0]);
  const sourceLabel = `${model.source.method}(${path !== undefined ? JSON.stringify(path) : '…'})`;
  const keySteps = model.steps.filter((s) => s.kind !== 'stateless').map((s) => s.method);
  return {
    id: model.id,
    api: 'rdd',
    label: [sourceLabel, ...keySteps, model.sink.method].join(' → '),
    span: { start: model.source.call.getStart(sf), end: model.sink.statement.getEnd() },
    source: {
      method: model.source.method,
      ...(path !== undefined ? { path } : {}),
      span: { start: model.source.call.getStart(sf), end: model.source.call.getEnd() },
    },
    steps: model.steps.map((step) => ({
      name: step.method,
      kind: step.kind === 'unknown' || step.kind === 'source' ? 'stateless' : step.kind,
      span: nameSpan(step.call),
    })),
    sink: {
      method: model.sink.method,
      ...(model.sink.method === 'saveAsTextFile' && sinkPath !== undefined ? { path: sinkPath } : {}),
      span: nameSpan(model.sink.call),
    },
    verdict: plan.verdict,
  };
}

/**
 * A sink's result that a later statement of another pipeline uses (`const top = a.take(2); b.map(...top...)`)
 * cannot move into a callback: that statement would lose it. Such pipelines are blocked.
 */
function blockEntangledResults(analysis: FileAnalysis, pipelines: AnalyzedPipeline[]): AnalyzedPipeline[] {
  const sf = analysis.sourceFile;
  const pipelineStatements = new Set<ts.Statement>();
  for (const p of pipelines) {
    for (const node of [p.model.source, ...p.model.steps]) pipelineStatements.add(node.statement);
    pipelineStatements.add(p.model.sink.statement);
  }
  return pipelines.map((p) => {
    const sink = p.model.sink;
    const entangled = followingUses(sink.boundName, sink.statement, sf).find((s) =>
      pipelineStatements.has(s),
    );
    if (!entangled || p.pipeline.verdict.status === 'blocked') return p;
    const line = sf.getLineAndCharacterOfPosition(entangled.getStart(sf)).line + 1;
    const reason: BlockReason = {
      message: `Its result \`${sink.boundName}\` is used at line ${line} by a statement that is part of a pipeline; that use cannot move into the stream's callback.`,
      fix: `Compute \`${sink.boundName}\` in its own statement that no pipeline statement uses, or convert by hand.`,
      span: { start: entangled.getStart(sf), end: entangled.getEnd() },
    };
    return {
      ...p,
      pipeline: { ...p.pipeline, verdict: { status: 'blocked', reasons: [reason] } },
    } as AnalyzedPipeline;
  });
}
