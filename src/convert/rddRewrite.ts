// RDD → DStream rewrite. Everything is planned from the analysis and emitted as text edits:
//   - a StreamingContext is created right after the SparkContext is bound (checkpoint set when state is kept);
//   - `sc.textFile(path)` becomes `ssc.textFileStream(<input dir>)`; steps keep their text, lambdas and
//     comments; a step DStream lacks runs per micro-batch through `transform((rdd) => rdd.step(...))`;
//   - the first aggregation keeps its per-batch reduce and adds `updateStateByKey`, folding each batch into
//     a running total with the *same* merge function (hoisted to a named const so both calls share it);
//   - the sink statement runs inside `foreachRDD` on the current result (saveAsTextFile overwrites the
//     batch's output path) plus `pprint()`; a stateless pipeline writes each batch with saveAsTextFiles;
//   - `ssc.start()` and `await ssc.awaitTermination()` follow the last converted sink.
import { ts } from 'ts-morph';
import type { ConvertOptions } from './api';
import type { FileAnalysis, RddNode, RddPipelineModel } from './analyze';
import { listStatement, skipWrappers } from './analyze';
import { layOutChangedStatements } from './chainEdits';
import { layOutChainIn, type ChainLayoutStyle } from './chainLayout';
import { renderRange, type PlannedEdit } from './edits';
import { dstreamMethods, mergeFunctionIndex } from './methods';
import type { RddPlan } from './rddVerdict';
import { freshName, lineIndent, quoteString, skipTrivia, watchedFolder, type CodeStyle } from './style';
import { mergedValueType } from './valueTypes';
import { makeAsync } from './asyncFunction';
import { followingUses } from './followers';

export interface RddRewriteInput {
  readonly analysis: FileAnalysis;
  readonly style: CodeStyle;
  readonly pipelines: readonly { readonly model: RddPipelineModel; readonly plan: RddPlan }[];
  readonly options: ConvertOptions;
  readonly fileName: string;
  /** Names already taken in the file (generated names are added to it). */
  readonly taken: Set<string>;
}

export interface RddRewrite {
  readonly edits: PlannedEdit[];
  readonly notes: string[];
}

const streamingModule = '@streamshift/runtime/streaming';

/** The columns one indentation step takes (a tab counts as Prettier's default tabWidth). */
function indentWidth(unit: string): number {
  return unit === '\t' ? 2 : unit.length;
}
const commentPattern = /\/\*[\s\S]*?\*\/|\/\/[^\r\n]*/g;

export function rewriteRdd(input: RddRewriteInput): RddRewrite {
  if (input.pipelines.length === 0) return { edits: [], notes: [] };
  const sf = input.analysis.sourceFile;
  const contextClass = input.taken.has('StreamingContext')
    ? freshName('StreamingContext', input.taken)
    : 'StreamingContext';
  input.taken.add(contextClass);
  // One StreamingContext per SparkContext binding: jobs written as several functions that each create
  // their context (and run one after the other) get one each, created and awaited in that function.
  const groups = new Map<ts.Node, RddRewriteInput['pipelines'][number][]>();
  for (const pipeline of input.pipelines) {
    const key =
      pipeline.model.source.context.declStatement ?? enclosingFunction(pipeline.model.source.statement) ?? sf;
    groups.set(key, [...(groups.get(key) ?? []), pipeline]);
  }
  // Groups in disjoint scopes may reuse the same names (each has its own `ssc`); nested ones may not.
  const scopes: { scope: ts.Node; taken: Set<string> }[] = [];
  const edits: PlannedEdit[] = [];
  const notes: string[] = [];
  let index = 0;
  for (const [key, pipelines] of groups) {
    const scope = ts.isSourceFile(key) || ts.isFunctionLike(key) ? key : key.parent;
    const related = scopes.find((s) => encloses(s.scope, scope) || encloses(scope, s.scope));
    const taken = related ? related.taken : new Set(input.taken);
    if (!related) scopes.push({ scope, taken });
    const fn = enclosingFunction(pipelines[0].model.source.statement);
    const fnName = fn?.name && ts.isIdentifier(fn.name) ? fn.name.text : `part${index + 1}`;
    const attempt = (extraIndent: number) => {
      const names = new Set(taken);
      const result = new RddRewriter(
        { ...input, pipelines, taken: names },
        contextClass,
        index === 0,
        groups.size > 1 ? `/${fnName}` : '',
        extraIndent,
      ).run();
      return { result, names };
    };
    // Whether the code moves into getOrCreate()'s setup function (one level deeper, so lines must be
    // shorter) is known only at the end: when it does, the rewrite is planned again for that width.
    let { result: rewrite, names } = attempt(0);
    if (rewrite.wrapped) ({ result: rewrite, names } = attempt(indentWidth(input.style.indentUnit)));
    for (const name of names) taken.add(name);
    edits.push(...rewrite.edits);
    notes.push(...rewrite.notes);
    index++;
  }
  return { edits, notes };
}

class RddRewriter {
  private readonly sf: ts.SourceFile;
  private readonly text: string;
  private readonly style: CodeStyle;
  /** Expression-level edits, keyed so a node shared by two pipelines is edited once. */
  private readonly inner = new Map<string, PlannedEdit>();
  /** The node each inner edit changes: it tells which chain to lay out again. */
  private readonly anchors = new Map<string, ts.Node>();
  private readonly statementEdits: PlannedEdit[] = [];
  private readonly notes: string[] = [];
  private readonly rewrittenAggregations = new Set<RddNode>();
  private readonly ssc: string;
  private readonly contextClass: string;
  private checkpointNoted = false;

  constructor(
    private readonly input: RddRewriteInput,
    contextClass: string,
    private readonly withImport: boolean,
    private readonly checkpointSuffix: string,
    /** Columns the code moves right when it goes into getOrCreate()'s setup function. */
    private readonly extraIndent: number,
  ) {
    this.sf = input.analysis.sourceFile;
    this.text = this.sf.text;
    this.style = input.style;
    this.ssc = freshName('ssc', input.taken);
    this.contextClass = contextClass;
  }

  run(): RddRewrite & { readonly wrapped: boolean } {
    const pipelines = this.input.pipelines;
    if (pipelines.length === 0) return { edits: [], notes: [], wrapped: false };
    this.rewriteSources();
    const stateful = pipelines.some((p) => p.plan.runningIndex >= 0);
    for (const { model, plan } of pipelines) this.rewriteSteps(model, plan);
    const sinkEdits = pipelines.map(({ model, plan }) => this.rewriteSink(model, plan));
    if (this.withImport) this.addImport();
    const region = stateful ? this.setupRegion() : undefined;
    if (!region) this.addStreamingContext(stateful);
    const startAndAwait = this.addStartAndAwait(region !== undefined);
    const covered = (edit: PlannedEdit): boolean =>
      sinkEdits.some((s) => edit.start >= s.start && edit.end <= s.end);
    const uncovered = [...this.inner].flatMap(([key, edit]) =>
      covered(edit) ? [] : [{ edit, anchor: this.anchors.get(key)! }],
    );
    const laidOut = layOutChangedStatements(this.sf, uncovered, this.chainStyle());
    const edits = [...sinkEdits, ...laidOut, ...this.statementEdits];
    if (!region) return { edits, notes: this.notes, wrapped: false };
    return { edits: this.wrapInGetOrCreate(region, edits, startAndAwait), notes: this.notes, wrapped: true };
  }

  // ---- recovery: StreamingContext.getOrCreate ----

  /**
   * The statements that build the streams (first source to last sink), when they can move into
   * getOrCreate's setup function: same block, nothing in them needed after it, no `return`/`await` of
   * the enclosing function. Otherwise undefined, and a note says why the job will not resume.
   */
  private setupRegion(): SetupRegion | undefined {
    const pipelines = this.input.pipelines.map((p) => p.model);
    const first = this.commonAnchor(pipelines.map((p) => p.source.statement));
    const list = first.parent;
    const sinks = pipelines.map((p) => p.sink.statement);
    const lastSink = sinks.reduce((a, b) => (b.getStart(this.sf) > a.getStart(this.sf) ? b : a));
    let last: ts.Node | undefined = lastSink;
    while (last && last.parent !== list) last = last.parent;
    const cannot = (why: string): undefined => {
      this.notes.push(
        `The streams could not move into StreamingContext.getOrCreate()'s setup function (${why}): the job checkpoints but starts from zero after a restart.`,
      );
      return undefined;
    };
    if (!last || (!ts.isSourceFile(list) && !ts.isBlock(list) && !ts.isModuleBlock(list)))
      return cannot('the sources and sinks are in different blocks');
    const statements = (list as ts.BlockLike).statements;
    const from = statements.indexOf(first);
    const to = statements.indexOf(last as ts.Statement);
    if (from < 0 || to < from) return cannot('the sources and sinks are in different blocks');
    const moved = statements.slice(from, to + 1);
    const declared = new Set<string>();
    for (const statement of moved) {
      if (
        ts.canHaveModifiers(statement) &&
        ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      )
        return cannot(`line ${this.line(statement)} is exported`);
      if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) collectBindingNames(d.name, declared);
      } else if (
        (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
        statement.name
      ) {
        declared.add(statement.name.text);
      }
      // A sink statement is replaced by foreachRDD: its `await` moves into the (async) callback.
      const escape = sinks.includes(statement) ? undefined : findFunctionLevel(statement);
      if (escape)
        return cannot(
          `line ${this.line(escape)} uses \`${escape.getText(this.sf).split(/\s/)[0]}\` of the enclosing function`,
        );
    }
    const regionEnd = (last as ts.Statement).getEnd();
    const removed = this.statementEdits.filter((e) => e.start >= regionEnd && e.text === '');
    const laterUse = findLaterUse(list, regionEnd, declared, removed, this.sf);
    if (laterUse)
      return cannot(`\`${laterUse.text}\` is used after the pipeline, at line ${this.line(laterUse)}`);
    const comments = ts.getLeadingCommentRanges(this.text, first.getFullStart()) ?? [];
    const anchor = comments.find((c) => c.pos >= first.getFullStart())?.pos ?? first.getStart(this.sf);
    return {
      start: this.text.lastIndexOf('\n', anchor - 1) + 1,
      end: regionEnd,
      indent: lineIndent(this.text, first.getStart(this.sf)),
    };
  }

  /**
   * PySpark's recovery pattern: `const ssc = StreamingContext.getOrCreate(dir, () => { …; return ssc; })`.
   * On a restart the runtime re-runs the setup function, checks that it built the same graph, and resumes
   * from the checkpoint (running totals and processed-file log intact); on a first run it starts afresh.
   */
  private wrapInGetOrCreate(region: SetupRegion, edits: PlannedEdit[], after: string): PlannedEdit[] {
    const { newline, semicolon, indentUnit } = this.style;
    const inside = edits.filter((e) => e.start >= region.start && e.end <= region.end);
    const outside = edits.filter((e) => !inside.includes(e));
    const body = renderRange(this.text, region.start, region.end, inside)
      .split('\n')
      .map((line) => (/^\s*$/.test(line) ? line : `${indentUnit}${line}`))
      .join('\n');
    const dir = quoteString(this.checkpointDir(), this.style);
    const inner = `${region.indent}${indentUnit}`;
    const text =
      `${region.indent}// Spark's recovery pattern: after a restart the setup function rebuilds the same streams and${newline}` +
      `${region.indent}// the context resumes from the checkpoint (running totals and processed files intact).${newline}` +
      `${region.indent}const ${this.ssc} = ${this.contextClass}.getOrCreate(${dir}, () => {${newline}` +
      `${inner}const ${this.ssc} = new ${this.contextClass}(${this.contextExpr()}, ${this.seconds()})${semicolon}${newline}` +
      `${inner}${this.ssc}.checkpoint(${dir})${semicolon}${newline}${newline}` +
      `${body}${newline}${newline}` +
      `${inner}return ${this.ssc}${semicolon}${newline}` +
      `${region.indent}})${semicolon}` +
      after;
    return [...outside, { start: region.start, end: region.end, text }];
  }

  // ---- sources ----

  private rewriteSources(): void {
    const sources = [...new Set(this.input.pipelines.map((p) => p.model.source))];
    const base = this.input.options.inputDir ?? 'stream_input/';
    const usedDirs = new Set<string>();
    for (const source of sources) {
      const path = stringLiteralValue(source.call.arguments[0]);
      const dir = watchedFolder(base, path, sources.length > 1, usedDirs);
      this.notes.push(
        `${path ? `${path}: the` : 'The'} stream watches ${dir} for new files (drop or move files there; files present at start are ignored, as in Spark).`,
      );
      // Receiver and call are replaced separately so a chain's line breaks (`sc\n  .textFile(...)`) survive.
      const callee = source.call.expression as ts.PropertyAccessExpression;
      this.setInner(
        callee.expression,
        callee.expression.getStart(this.sf),
        callee.expression.getEnd(),
        this.ssc,
      );
      // Only the name and the path change, so comments around the arguments survive; `minPartitions` has no
      // meaning for a stream and is dropped.
      this.setInner(callee.name, callee.name.getStart(this.sf), callee.name.getEnd(), 'textFileStream');
      const [pathArg, ...extra] = source.call.arguments;
      const dirText = quoteString(dir, this.style);
      if (pathArg) {
        const end = extra.length > 0 ? extra[extra.length - 1].getEnd() : pathArg.getEnd();
        this.setInner(pathArg, pathArg.getStart(this.sf), end, dirText);
      } else {
        const close = source.call.getEnd() - 1;
        this.setInner(source.call, close, close, dirText);
      }
    }
  }

  // ---- steps ----

  private rewriteSteps(pipeline: RddPipelineModel, plan: RddPlan): void {
    const tail = this.tailSteps(pipeline, plan);
    pipeline.steps.forEach((step, index) => {
      if (tail.has(step)) return;
      if (index === plan.runningIndex) this.rewriteRunningAggregation(step);
      else if (!dstreamMethods.has(step.method)) this.wrapInTransform(step);
    });
  }

  /** `.coalesce(1)` → `.transform((rdd) => rdd.coalesce(1))`: DStream has no such method, every RDD does. */
  private wrapInTransform(step: RddNode, innerEdits: readonly PlannedEdit[] = []): void {
    const callee = step.call.expression as ts.PropertyAccessExpression;
    const dot = skipTrivia(this.text, callee.expression.getEnd());
    // From just after the `.`: a comment between the dot and the name (`./*c*/ sortBy(…)`) is kept.
    const afterDot = this.text.startsWith('?.', dot) ? dot + 2 : dot + 1;
    const call = renderRange(this.text, afterDot, step.call.getEnd(), innerEdits);
    const param = /\brdd\b/.test(call) ? 'batchRdd' : 'rdd';
    this.setInner(
      step.call,
      dot,
      step.call.getEnd(),
      this.transformCall(step, afterDot, param, innerEdits) ?? `.transform((${param}) => ${param}.${call})`,
    );
  }

  /**
   * `.transform((rdd) => rdd.step(args))` as Prettier prints it when the step's arguments fit on one line:
   * on the chain's line, or with the arrow's body on the next line. Undefined: keep the step's own layout.
   */
  private transformCall(
    step: RddNode,
    afterDot: number,
    param: string,
    innerEdits: readonly PlannedEdit[],
  ): string | undefined {
    const { newline, indentUnit, trailingComma } = this.style;
    const args = step.call.arguments;
    const head = renderRange(this.text, afterDot, args.pos, innerEdits).trimEnd();
    const argTexts = args.map((arg) =>
      renderRange(this.text, arg.getStart(this.sf), arg.getEnd(), innerEdits),
    );
    // Comments between the arguments would be lost by joining their texts: keep the step as written.
    const whole = this.text.slice(afterDot, step.call.getEnd());
    if (/\/[/*]/.test(whole) || argTexts.some((arg) => arg.includes('\n'))) return undefined;
    const flatCall = `${param}.${head}${argTexts.join(', ')})`;
    // Measured where the step will stand (its own line in the laid-out chain); written relative to the
    // line it stands on now, which the chain's layout then moves.
    const finalIndent = lineIndent(this.text, step.statement.getStart(this.sf)).length + indentUnit.length;
    const lineIndentNow = lineIndent(this.text, afterDot);
    const width = this.chainStyle().printWidth;
    const oneLine = `.transform((${param}) => ${flatCall})`;
    if (finalIndent + oneLine.length + 1 <= width) return oneLine;
    const comma = trailingComma ? ',' : '';
    if (finalIndent + indentUnit.length + flatCall.length + comma.length <= width)
      return `.transform((${param}) =>${newline}${lineIndentNow}${indentUnit}${flatCall}${comma}${newline}${lineIndentNow})`;
    return undefined;
  }

  private rewriteRunningAggregation(step: RddNode): void {
    if (this.rewrittenAggregations.has(step)) return;
    this.rewrittenAggregations.add(step);
    const argIndex = mergeFunctionIndex.get(step.method) ?? 0;
    const mergeArg = step.call.arguments[argIndex];
    if (!mergeArg) return;
    const valueType = mergedValueType(step, mergeArg, this.sf);
    let mergeName: string;
    let hoisted: PlannedEdit | undefined;
    if (ts.isIdentifier(mergeArg)) {
      mergeName = mergeArg.text;
    } else {
      mergeName = freshName(
        `merge${capitalize(this.boundName(step.statement) ?? 'values')}`,
        this.input.taken,
      );
      const needsTypes = isUntypedFunction(mergeArg);
      const type = valueType ?? (needsTypes ? 'any' : undefined);
      if (needsTypes && !valueType) {
        this.notes.push(
          `The value type of ${step.method}() at line ${this.line(step.call)} could not be read from the code: the hoisted ${mergeName} takes \`any\`; give its parameters a type.`,
        );
      }
      const fnText = this.hoistedFunctionText(
        mergeArg,
        type,
        lineIndent(this.text, step.statement.getStart(this.sf)),
      );
      const indent = lineIndent(this.text, step.statement.getStart(this.sf));
      const { newline, semicolon } = this.style;
      this.insertBeforeStatement(
        step.statement,
        `${indent}// ${step.method}()'s function, shared by the per-batch ${step.method}() and the running total.${newline}` +
          `${indent}const ${mergeName} = ${fnText}${semicolon}${newline}`,
      );
      hoisted = { start: mergeArg.getStart(this.sf), end: mergeArg.getEnd(), text: mergeName };
    }
    const callee = step.call.expression as ts.PropertyAccessExpression;
    if (dstreamMethods.has(step.method)) {
      if (hoisted) this.setInner(mergeArg, hoisted.start, hoisted.end, hoisted.text);
    } else {
      // foldByKey/aggregateByKey exist on RDDs only: the per-batch step runs through transform().
      this.wrapInTransform(step, hoisted ? [hoisted] : []);
    }
    const dot = skipTrivia(this.text, callee.expression.getEnd());
    const between = this.text.slice(callee.expression.getEnd(), dot);
    // Follow the chain's layout: one step per line stays so; a one-line chain gets a new line only when
    // the added call would make the line longer than the file's line width.
    const lineEnd = this.text.indexOf('\n', step.call.getEnd());
    const lineLength =
      (lineEnd < 0 ? this.text.length : lineEnd) - (this.text.lastIndexOf('\n', step.call.getEnd()) + 1);
    const separator = between.includes('\n')
      ? `${this.style.newline}${lineIndent(this.text, dot)}`
      : lineLength + 2 * mergeName.length + 90 > this.style.printWidth - this.extraIndent
        ? `${this.style.newline}${lineIndent(this.text, step.call.getEnd())}${this.style.indentUnit}`
        : '';
    const values = 'batchValues';
    const total = 'total';
    const params = valueType
      ? `${values}: ${valueType}[], ${total}: ${valueType} | null`
      : `${values}, ${total}: (typeof ${values})[number] | null`;
    const callIndent = separator
      ? separator.replace(/^\r?\n/, '')
      : lineIndent(this.text, step.call.getEnd());
    const column = separator
      ? callIndent.length
      : step.call.getEnd() - (this.text.lastIndexOf('\n', step.call.getEnd()) + 1);
    const rest = (lineEnd < 0 ? this.text.length : lineEnd) - step.call.getEnd();
    this.setInner(
      step.call,
      step.call.getEnd(),
      step.call.getEnd(),
      `${separator}${this.updateStateCall({ params, values, total, mergeName, callIndent, column, rest })}`,
    );
  }

  /**
   * `.updateStateByKey((batchValues, total) => …)` as Prettier prints it: on one line when it fits; else the
   * arrow's body on the next line (then the conditional split over three lines if it still does not fit).
   */
  private updateStateCall(call: {
    params: string;
    values: string;
    total: string;
    mergeName: string;
    callIndent: string;
    column: number;
    rest: number;
  }): string {
    const { params, values, total, mergeName, callIndent, column, rest } = call;
    const { newline, indentUnit, trailingComma } = this.style;
    const width = this.style.printWidth - this.extraIndent;
    const whenNew = `${values}.reduce(${mergeName})`;
    const whenSeen = `${values}.reduce(${mergeName}, ${total})`;
    const body = `${total} === null ? ${whenNew} : ${whenSeen}`;
    const oneLine = `.updateStateByKey((${params}) => ${body})`;
    if (column + oneLine.length + rest <= width) return oneLine;
    const comma = trailingComma ? ',' : '';
    const arrowBody = (bodyIndent: string) =>
      bodyIndent.length + body.length + comma.length <= width
        ? body
        : `${total} === null${newline}${bodyIndent}${indentUnit}? ${whenNew}${newline}${bodyIndent}${indentUnit}: ${whenSeen}`;
    const bodyIndent = `${callIndent}${indentUnit}`;
    const head = `.updateStateByKey((${params}) =>`;
    if (callIndent.length + head.length <= width)
      return `${head}${newline}${bodyIndent}${arrowBody(bodyIndent)}${comma}${newline}${callIndent})`;
    // Not even the parameters fit after the name: the whole arrow goes on its own line.
    const deeper = `${bodyIndent}${indentUnit}`;
    return (
      `.updateStateByKey(${newline}${bodyIndent}(${params}) =>${newline}` +
      `${deeper}${arrowBody(deeper)}${comma}${newline}${callIndent})`
    );
  }

  /** The merge function's text, with parameter types added when its call site no longer provides them. */
  private hoistedFunctionText(fn: ts.Expression, type: string | undefined, targetIndent: string): string {
    const start = fn.getStart(this.sf);
    const edits: PlannedEdit[] = [];
    if (type && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
      const unparenthesized =
        ts.isArrowFunction(fn) &&
        fn.parameters.length === 1 &&
        !this.text.slice(start, fn.parameters[0].getStart(this.sf)).includes('(');
      for (const parameter of fn.parameters) {
        if (parameter.type) continue;
        const nameEnd = parameter.name.getEnd();
        if (unparenthesized) {
          edits.push({ start: parameter.getStart(this.sf), end: parameter.getStart(this.sf), text: '(' });
          edits.push({ start: nameEnd, end: nameEnd, text: `: ${type})` });
        } else {
          edits.push({ start: nameEnd, end: nameEnd, text: `: ${type}` });
        }
      }
    }
    const raw = renderRange(this.text, start, fn.getEnd(), edits);
    // Continuation lines keep their indentation relative to the line the function starts on.
    const sourceIndent = lineIndent(this.text, start);
    return raw
      .split('\n')
      .map((line, index) =>
        index > 0 && line.startsWith(sourceIndent) ? targetIndent + line.slice(sourceIndent.length) : line,
      )
      .join('\n');
  }

  // ---- sinks ----

  /** Steps inside the sink statement that run on each micro-batch's RDD inside foreachRDD. */
  private tailSteps(pipeline: RddPipelineModel, plan: RddPlan): Set<RddNode> {
    const { split } = this.split(pipeline, plan);
    const chain = [pipeline.source, ...pipeline.steps];
    return new Set(chain.slice(split + 1));
  }

  /**
   * Where the sink statement's chain leaves the DStream: chain[0..split] stays a DStream, the rest runs on
   * the RDD inside foreachRDD. With a running aggregation in the statement, the split is right after it;
   * for a stateless pipeline every step stays on the DStream.
   */
  private split(pipeline: RddPipelineModel, plan: RddPlan): { split: number; firstInStatement: number } {
    const chain = [pipeline.source, ...pipeline.steps];
    const statement = pipeline.sink.statement;
    const firstInStatement = chain.findIndex(
      (node) =>
        node.call.getStart(this.sf) >= statement.getStart(this.sf) &&
        node.call.getEnd() <= statement.getEnd(),
    );
    const outside = firstInStatement >= 0 ? firstInStatement - 1 : chain.length - 1;
    if (plan.runningIndex >= 0) {
      const running = plan.runningIndex + 1;
      return {
        split: firstInStatement >= 0 && running >= firstInStatement ? running : outside,
        firstInStatement,
      };
    }
    // Stateless: every step stays on the DStream (per micro-batch it does what it did per file).
    return { split: chain.length - 1, firstInStatement };
  }

  private rewriteSink(pipeline: RddPipelineModel, plan: RddPlan): PlannedEdit {
    const { newline, semicolon, indentUnit } = this.style;
    const sink = pipeline.sink;
    const statement = sink.statement;
    const chain = [pipeline.source, ...pipeline.steps];
    const { split } = this.split(pipeline, plan);
    const afterSplit = chain[split + 1]?.call ?? sink.call;
    const receiver = (afterSplit.expression as ts.PropertyAccessExpression).expression;
    const indent = lineIndent(this.text, statement.getStart(this.sf));
    const innerEdits = [...this.inner.values()];
    const receiverText = renderRange(this.text, receiver.getStart(this.sf), receiver.getEnd(), innerEdits);
    const bare = skipWrappers(receiver);
    let stream: string;
    let prelude = '';
    if (ts.isIdentifier(bare) && receiverText === receiver.getText(this.sf)) {
      stream = bare.text;
    } else {
      stream = freshName(plan.runningIndex >= 0 ? 'totals' : 'stream', this.input.taken);
      const declaration = `const ${stream} = `;
      const laidOut = layOutChainIn(
        `${indent}${declaration}${receiverText}${semicolon}`,
        indent.length + declaration.length,
        this.chainStyle(),
      );
      prelude = `${laidOut.slice(indent.length)}${newline}${indent}`;
    }

    if (plan.runningIndex < 0 && sink.method === 'saveAsTextFile') {
      // The arguments and whatever sits between the receiver and the name are kept as written, comments
      // included; only the method's name changes.
      const args = sink.call.arguments;
      const argsText =
        args.length > 0
          ? renderRange(this.text, args.pos, sink.call.getEnd() - 1, innerEdits)
          : quoteString('output', this.style);
      const sinkName = (sink.call.expression as ts.PropertyAccessExpression).name;
      const between = renderRange(this.text, receiver.getEnd(), sinkName.getStart(this.sf), innerEdits);
      // `await /*c*/ counts.saveAsTextFile(…)`: the `await` goes (saveAsTextFiles returns nothing), its
      // comments stay.
      const leading = (
        this.text.slice(statement.getStart(this.sf), receiver.getStart(this.sf)).match(commentPattern) ?? []
      )
        .map((c) => (c.startsWith('//') ? `${c}${newline}${indent}` : `${c} `))
        .join('');
      return {
        start: statement.getStart(this.sf),
        end: statement.getEnd(),
        text:
          `${prelude}${leading}${stream}${between}saveAsTextFiles(${argsText})${semicolon}${newline}` +
          `${indent}${stream}.pprint()${semicolon}`,
      };
    }

    // The statement moves into the callback, with the DStream part of its chain replaced by the batch's RDD.
    const callbackEdits: PlannedEdit[] = innerEdits.filter(
      (e) => e.end < receiver.getStart(this.sf) || e.start > receiver.getEnd(),
    );
    const probe = renderRange(this.text, statement.getStart(this.sf), statement.getEnd(), [
      ...callbackEdits,
      { start: receiver.getStart(this.sf), end: receiver.getEnd(), text: '' },
    ]);
    const param = /\brdd\b/.test(probe) ? freshName('batchRdd', new Set(this.input.taken)) : 'rdd';
    // `rdd\n    .foreach(...)` reads badly once the chain before it is gone: join the lines (unless a comment
    // sits in between, which is kept).
    const next = skipTrivia(this.text, receiver.getEnd());
    const joinLines = /^\s*$/.test(this.text.slice(receiver.getEnd(), next)) ? next : receiver.getEnd();
    callbackEdits.push({ start: receiver.getStart(this.sf), end: joinLines, text: param });
    if (sink.method === 'saveAsTextFile') {
      const overwrite = this.overwriteEdit(sink.call);
      if (overwrite) callbackEdits.push(overwrite);
    }
    const moved = renderRange(this.text, statement.getStart(this.sf), statement.getEnd(), callbackEdits);
    const followers = followingUses(sink.boundName, statement, this.sf);
    const [movedLines, ...followerLines] = [moved, ...followers.map((f) => f.getText(this.sf))].map(
      (stmt) => `${indent}${indentUnit}${stmt.split('\n').join(`\n${indentUnit}`)}`,
    );
    // The sink's chain now starts at the callback's parameter and is usually short enough for one line.
    const paramAt =
      indent.length +
      indentUnit.length +
      renderRange(this.text, statement.getStart(this.sf), receiver.getStart(this.sf), callbackEdits).length;
    const body = [layOutChainIn(movedLines, paramAt, this.chainStyle()), ...followerLines].join(newline);
    for (const follower of followers) this.removeStatement(follower);
    const isAsync = /\bawait\b/.test(body) ? 'async ' : '';
    const printing =
      sink.method === 'saveAsTextFile' ? `${newline}${indent}${stream}.pprint()${semicolon}` : '';
    return {
      start: statement.getStart(this.sf),
      end: statement.getEnd(),
      text: `${prelude}${stream}.foreachRDD(${isAsync}(${param}) => {${newline}${body}${newline}${indent}})${semicolon}${printing}`,
    };
  }

  /** `saveAsTextFile(path)` → `saveAsTextFile(path, { overwrite: true })`: every batch replaces the result. */
  private overwriteEdit(call: ts.CallExpression): PlannedEdit | undefined {
    const [path, options] = call.arguments;
    if (!path) return undefined;
    if (!options) return { start: path.getEnd(), end: path.getEnd(), text: ', { overwrite: true }' };
    if (ts.isObjectLiteralExpression(options)) {
      const existing = options.properties.find(
        (p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'overwrite',
      );
      if (existing && ts.isPropertyAssignment(existing)) {
        if (existing.initializer.kind === ts.SyntaxKind.TrueKeyword) return undefined;
        return {
          start: existing.initializer.getStart(this.sf),
          end: existing.initializer.getEnd(),
          text: 'true',
        };
      }
      if (options.properties.length === 0)
        return { start: options.getStart(this.sf), end: options.getEnd(), text: '{ overwrite: true }' };
      const last = options.properties[options.properties.length - 1];
      return { start: last.getEnd(), end: last.getEnd(), text: ', overwrite: true' };
    }
    return {
      start: options.getStart(this.sf),
      end: options.getEnd(),
      text: `{ ...${options.getText(this.sf)}, overwrite: true }`,
    };
  }

  private removeStatement(statement: ts.Statement): void {
    const start = statement.getStart(this.sf);
    const lineStart = this.text.lastIndexOf('\n', start - 1) + 1;
    const onlyOnLine = /^[ \t]*$/.test(this.text.slice(lineStart, start));
    let end = statement.getEnd();
    if (onlyOnLine) {
      const rest = /^[ \t]*\r?\n/.exec(this.text.slice(end));
      if (rest) end += rest[0].length;
    }
    this.statementEdits.push({ start: onlyOnLine ? lineStart : start, end, text: '' });
  }

  // ---- statements around the pipelines ----

  private addImport(): void {
    const { newline, semicolon } = this.style;
    const specifier =
      this.contextClass === 'StreamingContext'
        ? 'StreamingContext'
        : `StreamingContext as ${this.contextClass}`;
    const declaration = `import { ${specifier} } from ${quoteString(streamingModule, this.style)}${semicolon}`;
    const imports = this.input.analysis.imports;
    const last = imports[imports.length - 1];
    if (last) {
      this.statementEdits.push({
        start: last.getEnd(),
        end: last.getEnd(),
        text: `${newline}${declaration}`,
      });
    } else {
      const first = this.sf.statements[0];
      const at = first ? first.getStart(this.sf) : 0;
      this.statementEdits.push({
        start: at,
        end: at,
        text: `${declaration}${newline}${first ? newline : ''}`,
      });
    }
  }

  /** The SparkContext expression the StreamingContext is built from, and where it is declared. */
  private context(): { expr: string; declStatement?: ts.Statement; sameAlias: boolean } {
    const pipelines = this.input.pipelines.map((p) => p.model);
    // The context is passed by the very variable the sources read it from (`ctx2` for `ctx2.textFile(...)`),
    // so an alias that only served the source is still used after the conversion.
    const alias = pipelines[0].source.contextBinding;
    const sameAlias =
      alias !== undefined &&
      pipelines.every(
        (p) =>
          p.source.contextBinding?.name === alias.name &&
          p.source.contextBinding.statement === alias.statement,
      );
    return sameAlias
      ? { expr: alias.name, declStatement: alias.statement, sameAlias }
      : { ...pipelines[0].source.context, sameAlias };
  }

  private contextExpr(): string {
    return this.context().expr;
  }

  private seconds(): number {
    return this.input.options.triggerSeconds ?? 5;
  }

  private checkpointDir(): string {
    const root = this.input.options.checkpointRoot ?? 'checkpoint/';
    const job = this.input.fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'job';
    const dir = `${root.replace(/\/?$/, '/')}${job}${this.checkpointSuffix}`;
    if (!this.checkpointNoted) {
      this.checkpointNoted = true;
      this.notes.push(
        `Running totals are checkpointed in ${dir} (updateStateByKey requires a checkpoint directory); a restarted job resumes from it; delete it to start from zero.`,
      );
    }
    return dir;
  }

  private addStreamingContext(stateful: boolean): void {
    const { newline, semicolon } = this.style;
    const pipelines = this.input.pipelines.map((p) => p.model);
    const context = this.context();
    const sameAlias = context.sameAlias;
    const lines = [
      `const ${this.ssc} = new ${this.contextClass}(${context.expr}, ${this.seconds()})${semicolon}`,
    ];
    if (stateful) {
      lines.push(`${this.ssc}.checkpoint(${quoteString(this.checkpointDir(), this.style)})${semicolon}`);
    }
    const sourceStatements = pipelines.map((p) => p.source.statement);
    const declared = context.declStatement;
    if (
      declared &&
      (sameAlias || pipelines.every((p) => p.source.context.declStatement === declared)) &&
      sourceStatements.every((s) => encloses(declared.parent, s) && s.getStart(this.sf) > declared.getEnd())
    ) {
      const indent = lineIndent(this.text, declared.getStart(this.sf));
      this.statementEdits.push({
        start: declared.getEnd(),
        end: declared.getEnd(),
        text: lines.map((l) => `${newline}${indent}${l}`).join(''),
      });
      return;
    }
    // No shared binding: create it just before the first source, in the block that holds every source.
    const anchor = this.commonAnchor(sourceStatements);
    const indent = lineIndent(this.text, anchor.getStart(this.sf));
    this.insertBeforeStatement(anchor, lines.map((l) => `${indent}${l}${newline}`).join(''));
  }

  /** Adds `ssc.start()` and the await after the last sink; returns that text instead when `returnText`. */
  private addStartAndAwait(returnText: boolean): string {
    const { newline, semicolon } = this.style;
    const statements = this.input.pipelines.map((p) => p.model.sink.statement);
    const last = statements.reduce((a, b) => (b.getStart(this.sf) > a.getStart(this.sf) ? b : a));
    const indent = lineIndent(this.text, last.getStart(this.sf));
    const fn = enclosingFunction(last);
    if (statements.some((statement) => enclosingFunction(statement) !== fn)) {
      // Spark allows one StreamingContext, started once after every output is registered.
      this.notes.push(
        `The converted pipelines are in different functions: ${this.ssc}.start() follows the last one (line ${this.line(last)}); make sure the others run before it.`,
      );
    }
    // Top level: the job imports the runtime, so it is an ES module and may await at top level (the task
    // runner bundles jobs as ESM). Inside a function: the function becomes async (see makeAsync).
    const awaitLine = `await ${this.ssc}.awaitTermination()${semicolon}`;
    if (fn) {
      const made = makeAsync(fn, this.sf);
      this.statementEdits.push(...made.edits);
      if (made.note) this.notes.push(made.note);
    }
    const text = `${newline}${newline}${indent}${this.ssc}.start()${semicolon}${newline}${indent}${awaitLine}`;
    if (!returnText) this.statementEdits.push({ start: last.getEnd(), end: last.getEnd(), text });
    return text;
  }

  // ---- helpers ----

  private commonAnchor(statements: readonly ts.Statement[]): ts.Statement {
    const first = statements.reduce((a, b) => (b.getStart(this.sf) < a.getStart(this.sf) ? b : a));
    for (let candidate: ts.Node | undefined = first; candidate; candidate = candidate.parent) {
      const list = candidate.parent;
      if (!list || !(ts.isSourceFile(list) || ts.isBlock(list) || ts.isModuleBlock(list))) continue;
      if (statements.every((s) => encloses(list, s))) return candidate as ts.Statement;
    }
    return first;
  }

  private insertBeforeStatement(statement: ts.Statement, text: string): void {
    const comments = ts.getLeadingCommentRanges(this.text, statement.getFullStart()) ?? [];
    const firstComment = comments.find((c) => c.pos >= statement.getFullStart());
    const anchor = firstComment ? firstComment.pos : statement.getStart(this.sf);
    const lineStart = this.text.lastIndexOf('\n', anchor - 1) + 1;
    this.statementEdits.push({ start: lineStart, end: lineStart, text });
  }

  /** How generated chains are laid out: the file's style, in the width left inside getOrCreate(). */
  private chainStyle(): ChainLayoutStyle {
    const { indentUnit, newline, printWidth } = this.style;
    return { indentUnit, newline, printWidth: printWidth - this.extraIndent };
  }

  private setInner(node: ts.Node, start: number, end: number, text: string): void {
    const key = `${keyOf(node)}:${start}:${end}`;
    if (this.inner.has(key)) return;
    this.inner.set(key, { start, end, text });
    this.anchors.set(key, node);
  }

  private boundName(statement: ts.Statement): string | undefined {
    if (!ts.isVariableStatement(statement)) return undefined;
    const declaration = statement.declarationList.declarations[0];
    return declaration && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
  }

  private line(node: ts.Node): number {
    return this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf)).line + 1;
  }
}

interface SetupRegion {
  readonly start: number;
  readonly end: number;
  readonly indent: string;
}

function collectBindingNames(name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text);
  else
    for (const element of name.elements)
      if (!ts.isOmittedExpression(element)) collectBindingNames(element.name, into);
}

/** A `return`, `await`, `yield`, or `arguments` that belongs to the enclosing function (not a nested one). */
function findFunctionLevel(node: ts.Node): ts.Node | undefined {
  if (ts.isReturnStatement(node) || ts.isAwaitExpression(node) || ts.isYieldExpression(node)) return node;
  if (ts.isForOfStatement(node) && node.awaitModifier) return node;
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return undefined;
  return ts.forEachChild(node, findFunctionLevel);
}

/** The first mention, after `from` in `scope`, of a name declared in the moved statements. */
function findLaterUse(
  scope: ts.Node,
  from: number,
  names: ReadonlySet<string>,
  removed: readonly PlannedEdit[],
  sf: ts.SourceFile,
): ts.Identifier | undefined {
  const visit = (node: ts.Node): ts.Identifier | undefined => {
    if (node.end <= from) return undefined;
    if (removed.some((e) => node.getStart(sf) >= e.start && node.end <= e.end)) return undefined;
    if (
      ts.isIdentifier(node) &&
      node.pos >= from &&
      names.has(node.text) &&
      !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)
    )
      return node;
    return ts.forEachChild(node, visit);
  };
  return visit(scope);
}

function keyOf(node: ts.Node): string {
  return `${node.pos}:${node.end}:${node.kind}`;
}

function encloses(ancestor: ts.Node, node: ts.Node): boolean {
  return node.pos >= ancestor.pos && node.end <= ancestor.end;
}

export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current) && 'body' in current) return current as ts.FunctionLikeDeclaration;
  }
  return undefined;
}

function isUntypedFunction(node: ts.Expression): boolean {
  return (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.parameters.some((p) => !p.type);
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function stringLiteralValue(node: ts.Expression | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    ? node.text
    : undefined;
}

export { listStatement };
