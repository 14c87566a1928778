// DataFrame → Structured Streaming rewrite, as text edits planned from the analysis:
//   - `spark.read` → `spark.readStream`, with `.schema('<DDL>')` when the batch gave none (inferred from its
//     input file), and the loading call's path → the watched folder;
//   - the steps keep their text (the DataFrame API is the same on streams);
//   - the sink statement becomes a query: show() → the console sink; a write of an append-only pipeline →
//     the file sink; a write of an aggregation, or an action → foreachBatch over the complete result table,
//     overwriting the batch's output path, so the output matches the batch's;
//   - each query gets a checkpointLocation derived from the job, then `await query.awaitTermination()`.
import { ts } from 'ts-morph';
import type { ConvertOptions } from './api';
import { listStatement, type DfPipelineModel, type FileAnalysis } from './analyze';
import { makeAsync } from './asyncFunction';
import type { DfPlan } from './dfVerdict';
import { chainHead, layOutChainIn } from './chainLayout';
import { renderRange, type PlannedEdit } from './edits';
import { enclosingFunction, stringLiteralValue } from './rddRewrite';
import { followingUses } from './followers';
import { freshName, lineIndent, quoteString, skipTrivia, watchedFolder, type CodeStyle } from './style';

/**
 * Spark's file source has no limit by default, so a stream restarted after a backlog would read every
 * waiting file in one micro-batch. 1000 (the default of Databricks' Auto Loader) bounds that batch while
 * never holding back files fed a few at a time.
 */
export const defaultMaxFilesPerTrigger = 1000;

export interface DfRewriteInput {
  readonly analysis: FileAnalysis;
  readonly style: CodeStyle;
  readonly pipelines: readonly { readonly model: DfPipelineModel; readonly plan: DfPlan }[];
  /** Inferred DDL per source that needs one. */
  readonly schemas: ReadonlyMap<DfPipelineModel['source'], string>;
  readonly options: ConvertOptions;
  readonly fileName: string;
  readonly taken: Set<string>;
}

export function rewriteDataFrames(input: DfRewriteInput): { edits: PlannedEdit[]; notes: string[] } {
  const { analysis, style, options } = input;
  const sf = analysis.sourceFile;
  const text = sf.text;
  const { newline, semicolon, indentUnit } = style;
  const q = (value: string) => quoteString(value, style);
  const inner = new Map<string, PlannedEdit>();
  const setInner = (start: number, end: number, newText: string) => {
    const key = `${start}:${end}`;
    if (!inner.has(key)) inner.set(key, { start, end, text: newText });
  };
  const edits: PlannedEdit[] = [];
  const notes: string[] = [];
  const layout = { indentUnit, newline, printWidth: style.printWidth };

  // Sources: read → readStream (+ schema), path → the watched folder.
  const sources = [...new Set(input.pipelines.map((p) => p.model.source))];
  const base = options.inputDir ?? 'stream_input/';
  const used = new Set<string>();
  const maxFiles = options.maxFilesPerTrigger ?? defaultMaxFilesPerTrigger;
  if (!Number.isSafeInteger(maxFiles) || maxFiles < 0)
    throw new Error(`maxFilesPerTrigger must be a whole number ≥ 0 (0: no limit), got ${maxFiles}`);
  for (const source of sources) {
    const path = stringLiteralValue(source.call.arguments[0]);
    const dir = watchedFolder(base, path, sources.length > 1, used);
    const read = source.reader?.read;
    // A limit the batch job already set is kept; otherwise the converter's (see maxFilesPerTrigger).
    const ownLimit = (source.reader?.calls ?? []).some((call) => {
      const [key] = call.arguments;
      return (
        (call.expression as ts.PropertyAccessExpression).name.text === 'option' &&
        stringLiteralValue(key)?.toLowerCase() === 'maxfilespertrigger'
      );
    });
    const limit = ownLimit ? 0 : maxFiles;
    if (read) {
      const ddl = input.schemas.get(source);
      const schema = ddl ? `.schema(${q(ddl)})` : '';
      setInner(read.name.getStart(sf), read.name.getEnd(), `readStream${schema}`);
      if (limit > 0) {
        // Just before the loading call, after the options the batch job gave (the order people write).
        const load = source.call.expression as ts.PropertyAccessExpression;
        const dot = skipTrivia(text, load.expression.getEnd());
        setInner(dot, dot, `.option(${q('maxFilesPerTrigger')}, ${limit})`);
      }
      if (ddl)
        notes.push(
          `Schema of ${path ?? 'the input'} inferred at conversion time (a stream cannot infer it): ${ddl}`,
        );
    }
    const pathArg = source.call.arguments[0];
    if (pathArg) setInner(pathArg.getStart(sf), pathArg.getEnd(), q(dir));
    const pace =
      limit > 0
        ? `, at most ${limit} per micro-batch (maxFilesPerTrigger), oldest first; files present at start are read first`
        : '; files present at start are read in the first micro-batch';
    notes.push(`${path ? `${path}: the` : 'The'} stream watches ${dir} for new files${pace}.`);
  }

  const root = (options.checkpointRoot ?? 'checkpoint/').replace(/\/?$/, '/');
  const job = input.fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'job';
  const trigger = options.triggerSeconds ?? 5;
  const queries: { name: string; statement: ts.Statement }[] = [];
  const sinkEdits: PlannedEdit[] = [];

  for (const { model, plan } of input.pipelines) {
    const sink = model.sink;
    const statement = sink.statement;
    const indent = lineIndent(text, statement.getStart(sf));
    const step = `${newline}${indent}${indentUnit}`;
    const receiver = sink.write
      ? sink.write.access.expression
      : (sink.call.expression as ts.PropertyAccessExpression).expression;
    const innerEdits = [...inner.values()];
    const dfText = renderRange(text, receiver.getStart(sf), receiver.getEnd(), innerEdits);
    const name = freshName('query', input.taken);
    queries.push({ name, statement });
    const checkpoint = `.option(${q('checkpointLocation')}, ${q(`${root}${job}/${name}`)})`;
    const mode = `.outputMode(${q(plan.updateMode ? 'update' : plan.aggregated ? 'complete' : 'append')})`;
    const tail = `${step}${checkpoint}${step}.trigger({ processingTime: ${q(`${trigger} ${trigger === 1 ? 'second' : 'seconds'}`)} })${step}.start()${semicolon}`;
    let body: string;
    if (sink.method === 'show') {
      const [rows, truncate] = sink.call.arguments;
      const showOptions =
        (rows ? `${step}.option(${q('numRows')}, ${rows.getText(sf)})` : '') +
        (truncate ? `${step}.option(${q('truncate')}, ${truncate.getText(sf)})` : '');
      body = `${mode}${step}.format(${q('console')})${showOptions}`;
    } else if (sink.write && !plan.aggregated) {
      // Append-only: Spark's file sink adds each micro-batch's rows as new files under the path.
      const writerCalls = sink.write.calls.filter(
        (c) => (c.expression as ts.PropertyAccessExpression).name.text !== 'mode',
      );
      const format = writerCalls.find(
        (c) => (c.expression as ts.PropertyAccessExpression).name.text === 'format',
      );
      const kept = writerCalls
        .filter((c) => c !== format)
        .map(
          (c) =>
            `${step}.${renderRange(text, (c.expression as ts.PropertyAccessExpression).name.getStart(sf), c.getEnd(), [])}`,
        )
        .join('');
      const formatText =
        sink.method === 'save' ? (format ? format.arguments[0].getText(sf) : q('parquet')) : q(sink.method);
      const [pathArg, optionsArg] = sink.call.arguments;
      const extraOptions = optionsArg ? `${step}.options(${optionsArg.getText(sf)})` : '';
      body = `${mode}${step}.format(${formatText})${kept}${extraOptions}${pathArg ? `${step}.option(${q('path')}, ${pathArg.getText(sf)})` : ''}`;
    } else {
      // foreachBatch: the sink statement runs on every micro-batch's result table (complete mode for an
      // aggregation: the whole table, as the batch computed it), overwriting what the batch wrote.
      const param = /\bbatchDf\b/.test(statement.getText(sf)) ? freshName('batchDf', input.taken) : 'batchDf';
      const callbackEdits: PlannedEdit[] = [
        ...innerEdits.filter((e) => e.end < receiver.getStart(sf) || e.start > receiver.getEnd()),
        { start: receiver.getStart(sf), end: receiver.getEnd(), text: param },
      ];
      if (sink.write) {
        const modeCall = sink.write.calls.find(
          (c) => (c.expression as ts.PropertyAccessExpression).name.text === 'mode',
        );
        if (modeCall && modeCall.arguments[0]) {
          callbackEdits.push({
            start: modeCall.arguments[0].getStart(sf),
            end: modeCall.arguments[0].getEnd(),
            text: q('overwrite'),
          });
        } else {
          callbackEdits.push({
            start: sink.write.access.getEnd(),
            end: sink.write.access.getEnd(),
            text: `.mode(${q('overwrite')})`,
          });
        }
      }
      const moved = renderRange(text, statement.getStart(sf), statement.getEnd(), callbackEdits);
      const followers = followingUses(sink.boundName, statement, sf);
      for (const follower of followers) edits.push(removal(follower, text, sf));
      const bodyIndent = `${indent}${indentUnit}${indentUnit}`;
      const [movedLines, ...followerLines] = [moved, ...followers.map((f) => f.getText(sf))].map(
        (s) => `${bodyIndent}${s.split('\n').join(`\n${indentUnit}${indentUnit}`)}`,
      );
      // The sink's chain now starts at the callback's parameter: `batchDf.write.mode('overwrite').csv(...)`
      // usually fits on one line where the batch's long chain did not.
      const paramAt =
        bodyIndent.length +
        renderRange(text, statement.getStart(sf), receiver.getStart(sf), callbackEdits).length;
      const lines = [layOutChainIn(movedLines, paramAt, layout), ...followerLines].join(newline);
      const isAsync = /\bawait\b/.test(lines) ? 'async ' : '';
      body = `${mode}${step}.foreachBatch(${isAsync}(${param}) => {${newline}${lines}${newline}${indent}${indentUnit}})`;
    }
    const declaration = `const ${name} = `;
    const query = `${indent}${declaration}${dfText}.writeStream${step}${body}${tail}`;
    sinkEdits.push({
      start: statement.getStart(sf),
      end: statement.getEnd(),
      text: layOutChainIn(query, indent.length + declaration.length, layout).slice(indent.length),
    });
  }
  const names = queries.map((query) => query.name);
  notes.push(
    names.length === 1
      ? `${names[0]} keeps its progress in ${root}${job}/${names[0]}; delete it to start over.`
      : `Each query keeps its progress in ${root}${job}/<query> (${names.join(', ')}); delete a query's folder to start it over.`,
  );

  // Await every query after the last one starts.
  const last = queries.reduce((a, b) => (b.statement.getStart(sf) > a.statement.getStart(sf) ? b : a));
  const indent = lineIndent(text, last.statement.getStart(sf));
  const fn = enclosingFunction(last.statement);
  if (fn) {
    const made = makeAsync(fn, sf);
    edits.push(...made.edits);
    if (made.note) notes.push(made.note);
  }
  edits.push({
    start: last.statement.getEnd(),
    end: last.statement.getEnd(),
    text: `${newline}${newline}${queries.map((query) => `${indent}await ${query.name}.awaitTermination()${semicolon}`).join(newline)}`,
  });

  // A source read in its own statement (`const orders = spark.read.csv(...)`) now has more calls
  // (readStream, schema, maxFilesPerTrigger): its chain is laid out again, like the queries'.
  for (const source of sources) {
    // The read may be in a statement of its own (`const reader = spark.read.format('csv')`).
    const read = source.reader?.read;
    const statement = (read && listStatement(read)) ?? source.statement;
    const start = statement.getStart(sf);
    if (sinkEdits.some((s) => start >= s.start && start < s.end)) continue;
    const indent = lineIndent(text, start);
    const rendered = `${indent}${renderRange(text, start, statement.getEnd(), [...inner.values()])}`;
    const head = chainHead(read ?? source.call);
    const chainAt = indent.length + renderRange(text, start, head.getStart(sf), [...inner.values()]).length;
    sinkEdits.push({
      start,
      end: statement.getEnd(),
      text: layOutChainIn(rendered, chainAt, layout).slice(indent.length),
    });
  }

  const covered = (edit: PlannedEdit) => sinkEdits.some((s) => edit.start >= s.start && edit.end <= s.end);
  return { edits: [...sinkEdits, ...[...inner.values()].filter((e) => !covered(e)), ...edits], notes };
}

function removal(statement: ts.Statement, text: string, sf: ts.SourceFile): PlannedEdit {
  const start = statement.getStart(sf);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const alone = /^[ \t]*$/.test(text.slice(lineStart, start));
  let end = statement.getEnd();
  const rest = alone ? /^[ \t]*\r?\n/.exec(text.slice(end)) : null;
  if (rest) end += rest[0].length;
  return { start: alone ? lineStart : start, end, text: '' };
}
