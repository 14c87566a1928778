// Finds RDD pipelines by following values, not names: the walker gives every expression an abstract value
// (the runtime module, SparkSession, its builder, a session, the SparkContext, an RDD at some step, an
// action's result) and propagates it through variables, destructuring, re-assignments and imports under
// any name. An RDD value remembers the call that produced it, so an action (the sink) leads back to its
// source through every statement the chain was split across.
import { ts } from 'ts-morph';
import { rddActions, rddSourceMethods, rddStepKinds } from './methods';
import {
  dfActions,
  dfIgnored,
  dfSourceMethods,
  dfStepKinds,
  dfWriteMethods,
  groupedAggregates,
} from './dataframeMethods';
import type { StepKind } from './api';

const runtimeModule = /^@streamshift\/runtime(\/.*)?$/;

/** The SparkContext a pipeline reads from, and where it is first bound to a name (if it is). */
export interface ContextInfo {
  /** Text that evaluates to the SparkContext where the StreamingContext is created. */
  expr: string;
  /** The statement binding `expr` to a name; the StreamingContext is created right after it. */
  declStatement?: ts.Statement;
  /** True once the context itself (not just its session) is bound to a name. */
  bound?: boolean;
}

export interface SessionInfo {
  expr: string;
  declStatement?: ts.Statement;
  context?: ContextInfo;
}

export interface RddNode {
  readonly call: ts.CallExpression;
  readonly method: string;
  /** `source` for textFile/parallelize, otherwise the step's kind (`unknown` for a method we don't know). */
  readonly kind: StepKind | 'source' | 'unknown';
  readonly parent?: RddNode;
  readonly source: RddNode;
  readonly context: ContextInfo;
  /** The statement (in a statement list) that contains the call. */
  readonly statement: ts.Statement;
  /** For a source: the variable its SparkContext was read from and the statement declaring it. */
  readonly contextBinding?: { readonly name: string; readonly statement: ts.Statement };
  /** An RDD passed as the first argument (joins, union...). */
  readonly otherRdd?: RddNode;
  /** Places where this value leaves the code the converter follows (passed to a function, returned...). */
  readonly escapes: ts.Node[];
}

export interface SinkModel {
  readonly call: ts.CallExpression;
  readonly method: string;
  readonly rdd: RddNode;
  readonly statement: ts.Statement;
  /** `const result = await counts.collect()`: the name the result is bound to. */
  boundName?: string;
}

export interface RddPipelineModel {
  readonly id: string;
  readonly source: RddNode;
  /** Steps from the source (exclusive) to the sink (exclusive), in order. */
  readonly steps: readonly RddNode[];
  readonly sink: SinkModel;
}

/** `spark.read` and its option/format/schema calls, up to (not including) the call that loads. */
export interface DfReader {
  readonly read: ts.PropertyAccessExpression;
  readonly calls: readonly ts.CallExpression[];
}

export interface DfNode {
  /** The call producing this DataFrame: the loading call for a source, the aggregate call for groupBy. */
  readonly call: ts.CallExpression;
  /** `csv`/`json`/`text`/`load` for a source; the method otherwise (`groupBy` for grouped aggregations). */
  readonly method: string;
  readonly kind: StepKind | 'source' | 'unknown';
  readonly parent?: DfNode;
  readonly source: DfNode;
  readonly session: SessionInfo;
  readonly statement: ts.Statement;
  readonly reader?: DfReader;
  /** groupBy(...) of a grouped aggregation; `call` is then its agg/count/sum... */
  readonly groupCall?: ts.CallExpression;
  readonly otherDf?: DfNode;
  readonly escapes: ts.Node[];
}

export interface DfSinkModel {
  readonly call: ts.CallExpression;
  /** `show`, a write format (`csv`, `json`, `text`, `save`, `parquet`) or an action (`collect`, `count`...). */
  readonly method: string;
  /** For `df.write…csv(path)`: the `write` access and the writer's calls before the format call. */
  readonly write?: {
    readonly access: ts.PropertyAccessExpression;
    readonly calls: readonly ts.CallExpression[];
  };
  readonly df: DfNode;
  readonly statement: ts.Statement;
  boundName?: string;
}

export interface DfPipelineModel {
  readonly id: string;
  readonly source: DfNode;
  readonly steps: readonly DfNode[];
  readonly sink: DfSinkModel;
}

export interface FileAnalysis {
  readonly sourceFile: ts.SourceFile;
  /** The file already uses a streaming API: nothing to offer. */
  readonly streaming: boolean;
  readonly imports: readonly ts.ImportDeclaration[];
  readonly rddPipelines: readonly RddPipelineModel[];
  readonly dfPipelines: readonly DfPipelineModel[];
  /** RDD nodes used as the other side of a join/union: their sources must stay batch reads. */
  readonly staticSides: ReadonlySet<RddNode>;
  /** Every identifier spelled in the file: generated names avoid all of them. */
  readonly identifiers: ReadonlySet<string>;
}

type Value =
  | { readonly k: 'module' }
  | { readonly k: 'sessionClass' }
  | { readonly k: 'contextClass' }
  | { readonly k: 'builder' }
  | { readonly k: 'session'; readonly info: SessionInfo }
  | { readonly k: 'context'; readonly info: ContextInfo }
  | { readonly k: 'rdd'; readonly node: RddNode }
  | { readonly k: 'result'; readonly sink: SinkModel }
  | { readonly k: 'reader'; readonly reader: DfReader; readonly session: SessionInfo }
  | { readonly k: 'df'; readonly node: DfNode }
  | { readonly k: 'grouped'; readonly call: ts.CallExpression; readonly parent: DfNode }
  | {
      readonly k: 'writer';
      readonly access: ts.PropertyAccessExpression;
      readonly calls: readonly ts.CallExpression[];
      readonly df: DfNode;
    }
  | { readonly k: 'dfResult'; readonly sink: DfSinkModel };

interface Scope {
  readonly parent?: Scope;
  readonly vars: Map<string, Value | undefined>;
}

const streamingNames = new Set([
  'StreamingContext',
  'textFileStream',
  'readStream',
  'writeStream',
  'foreachRDD',
]);

export function analyzeRdd(sourceFile: ts.SourceFile): FileAnalysis {
  return new Analyzer(sourceFile).run();
}

class Analyzer {
  private readonly memo = new Map<ts.Node, Value | undefined>();
  private readonly consumed = new Set<ts.Node>();
  private readonly sinks: SinkModel[] = [];
  private readonly dfSinks: DfSinkModel[] = [];
  private readonly imports: ts.ImportDeclaration[] = [];
  private readonly staticSides = new Set<RddNode>();
  private readonly identifiers = new Set<string>();
  /** The statement declaring each variable bound to a SparkContext, by the variable's declaration scope. */
  private readonly contextStatements = new WeakMap<Scope, Map<string, ts.Statement>>();
  private streaming = false;

  constructor(private readonly sourceFile: ts.SourceFile) {}

  run(): FileAnalysis {
    const scope: Scope = { vars: new Map() };
    this.visitStatements(this.sourceFile.statements, scope);
    const rddPipelines = this.sinks.map((sink): RddPipelineModel => {
      const chain: RddNode[] = [];
      for (let node: RddNode | undefined = sink.rdd; node; node = node.parent) chain.unshift(node);
      const [source, ...steps] = chain;
      return {
        id: `rdd:${source.call.getStart(this.sourceFile)}:${sink.call.getStart(this.sourceFile)}`,
        source,
        steps,
        sink,
      };
    });
    const dfPipelines = this.dfSinks.map((sink): DfPipelineModel => {
      const chain: DfNode[] = [];
      for (let node: DfNode | undefined = sink.df; node; node = node.parent) chain.unshift(node);
      const [source, ...steps] = chain;
      return {
        id: `df:${source.call.getStart(this.sourceFile)}:${sink.call.getStart(this.sourceFile)}`,
        source,
        steps,
        sink,
      };
    });
    return {
      sourceFile: this.sourceFile,
      streaming: this.streaming,
      imports: this.imports,
      rddPipelines,
      dfPipelines,
      staticSides: this.staticSides,
      identifiers: this.identifiers,
    };
  }

  // ---- statements and scopes ----

  private visitStatements(statements: readonly ts.Statement[], scope: Scope): void {
    // Function bodies run after the statements around them have bound their names (e.g. `main()` called at
    // the end of the module), so they are walked last.
    const deferred: ts.FunctionDeclaration[] = [];
    for (const statement of statements) {
      if (ts.isFunctionDeclaration(statement)) {
        if (statement.name) scope.vars.set(statement.name.text, undefined);
        deferred.push(statement);
      } else {
        this.visit(statement, scope);
      }
    }
    for (const fn of deferred) this.visitFunction(fn, scope);
  }

  private visitFunction(fn: ts.SignatureDeclaration & { body?: ts.Node }, scope: Scope): void {
    const inner: Scope = { parent: scope, vars: new Map() };
    for (const parameter of fn.parameters) {
      this.declareUnknown(parameter.name, inner);
      if (parameter.initializer) this.visit(parameter.initializer, inner);
    }
    if (!fn.body) return;
    if (ts.isBlock(fn.body)) this.visitStatements(fn.body.statements, inner);
    else this.visit(fn.body, inner);
  }

  private declareUnknown(name: ts.BindingName, scope: Scope): void {
    if (ts.isIdentifier(name)) {
      scope.vars.set(name.text, undefined);
      this.identifiers.add(name.text);
      return;
    }
    for (const element of name.elements)
      if (!ts.isOmittedExpression(element)) this.declareUnknown(element.name, scope);
  }

  private lookup(name: string, scope: Scope): { found: boolean; value?: Value } {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.vars.has(name)) return { found: true, value: s.vars.get(name) };
    }
    return { found: false };
  }

  private assign(name: string, value: Value | undefined, scope: Scope): void {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.vars.has(name)) {
        s.vars.set(name, value);
        return;
      }
    }
  }

  private visit(node: ts.Node, scope: Scope): void {
    switch (node.kind) {
      case ts.SyntaxKind.ImportDeclaration:
        this.visitImport(node as ts.ImportDeclaration, scope);
        return;
      case ts.SyntaxKind.VariableDeclaration:
        this.visitVariable(node as ts.VariableDeclaration, scope);
        return;
      case ts.SyntaxKind.Block:
      case ts.SyntaxKind.ModuleBlock:
      case ts.SyntaxKind.CaseClause:
      case ts.SyntaxKind.DefaultClause: {
        const inner: Scope = { parent: scope, vars: new Map() };
        const statements = (node as ts.Block).statements;
        if (ts.isCaseClause(node)) this.visit(node.expression, scope);
        this.visitStatements(statements, inner);
        return;
      }
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
      case ts.SyntaxKind.CatchClause: {
        const inner: Scope = { parent: scope, vars: new Map() };
        ts.forEachChild(node, (child) => this.visit(child, inner));
        return;
      }
      case ts.SyntaxKind.FunctionDeclaration:
        this.visitFunction(node as ts.FunctionDeclaration, scope);
        return;
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.MethodDeclaration:
      case ts.SyntaxKind.Constructor:
      case ts.SyntaxKind.GetAccessor:
      case ts.SyntaxKind.SetAccessor:
        this.visitFunction(node as ts.FunctionLikeDeclaration, scope);
        return;
      case ts.SyntaxKind.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        if (binary.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(binary.left)) {
          const value = this.evaluate(binary.right, scope);
          this.consumeIfTracked(binary.right, value);
          this.visit(binary.right, scope);
          this.identifiers.add(binary.left.text);
          this.assign(binary.left.text, value, scope);
          return;
        }
        break;
      }
      case ts.SyntaxKind.Identifier:
        this.visitIdentifier(node as ts.Identifier, scope);
        return;
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.PropertyAccessExpression:
      case ts.SyntaxKind.NewExpression:
        this.evaluate(node as ts.Expression, scope);
        break;
    }
    ts.forEachChild(node, (child) => this.visit(child, scope));
  }

  private visitImport(node: ts.ImportDeclaration, scope: Scope): void {
    this.imports.push(node);
    if (!ts.isStringLiteral(node.moduleSpecifier) || !runtimeModule.test(node.moduleSpecifier.text)) return;
    const clause = node.importClause;
    if (!clause) return;
    if (node.moduleSpecifier.text.includes('streaming')) this.streaming = true;
    if (clause.name) scope.vars.set(clause.name.text, { k: 'module' });
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (ts.isNamespaceImport(bindings)) {
      scope.vars.set(bindings.name.text, { k: 'module' });
      return;
    }
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      this.identifiers.add(element.name.text);
      if (streamingNames.has(imported)) this.streaming = true;
      scope.vars.set(element.name.text, this.member({ k: 'module' }, imported));
    }
  }

  private visitVariable(node: ts.VariableDeclaration, scope: Scope): void {
    const value = node.initializer ? this.evaluate(node.initializer, scope) : undefined;
    if (node.initializer) {
      this.consumeIfTracked(node.initializer, value);
      this.visit(node.initializer, scope);
    }
    const statement = listStatement(node);
    if (ts.isIdentifier(node.name)) {
      this.identifiers.add(node.name.text);
      scope.vars.set(node.name.text, this.bind(value, node.name.text, statement));
      if (value?.k === 'context' && statement) this.recordContextStatement(scope, node.name.text, statement);
      return;
    }
    if (ts.isObjectBindingPattern(node.name)) {
      for (const element of node.name.elements) {
        const key = element.propertyName ?? element.name;
        const property = ts.isIdentifier(key) ? key.text : undefined;
        const member =
          value && property && !element.dotDotDotToken ? this.member(value, property) : undefined;
        if (ts.isIdentifier(element.name)) {
          this.identifiers.add(element.name.text);
          scope.vars.set(element.name.text, this.bind(member, element.name.text, statement));
          if (member?.k === 'context' && statement)
            this.recordContextStatement(scope, element.name.text, statement);
        } else {
          this.declareUnknown(element.name, scope);
        }
      }
      return;
    }
    this.declareUnknown(node.name, scope);
  }

  /** Binding a session or context to a name makes that name the way later code refers to it. */
  private bind(
    value: Value | undefined,
    name: string,
    statement: ts.Statement | undefined,
  ): Value | undefined {
    if (!value) return value;
    if (value.k === 'context' && !value.info.bound) {
      value.info.expr = name;
      value.info.declStatement = statement;
      value.info.bound = true;
    }
    if (value.k === 'session' && !value.info.declStatement) {
      value.info.expr = name;
      value.info.declStatement = statement;
      if (value.info.context && !value.info.context.bound) {
        value.info.context.expr = `${name}.sparkContext`;
        value.info.context.declStatement = statement;
      }
    }
    if ((value.k === 'result' || value.k === 'dfResult') && statement && ts.isVariableStatement(statement)) {
      value.sink.boundName = name;
    }
    return value;
  }

  private recordContextStatement(scope: Scope, name: string, statement: ts.Statement): void {
    const map = this.contextStatements.get(scope) ?? new Map<string, ts.Statement>();
    map.set(name, statement);
    this.contextStatements.set(scope, map);
  }

  /** The statement declaring `name` as a SparkContext variable, in the scope that resolves `name`. */
  private contextStatement(name: string, scope: Scope): ts.Statement | undefined {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.vars.has(name)) return this.contextStatements.get(s)?.get(name);
    }
    return undefined;
  }

  private visitIdentifier(node: ts.Identifier, scope: Scope): void {
    const name = node.text;
    this.identifiers.add(name);
    if (this.consumed.has(node) || !isExpressionIdentifier(node)) return;
    const { value } = this.lookup(name, scope);
    if (value?.k === 'rdd' || value?.k === 'df') value.node.escapes.push(node.parent);
  }

  private consumeIfTracked(expression: ts.Expression, value: Value | undefined): void {
    if (value?.k !== 'rdd' && value?.k !== 'df') return;
    const inner = skipWrappers(expression);
    if (ts.isIdentifier(inner)) this.consumed.add(inner);
  }

  // ---- expressions ----

  private evaluate(node: ts.Expression, scope: Scope): Value | undefined {
    if (this.memo.has(node)) return this.memo.get(node);
    const value = this.evaluateUncached(node, scope);
    this.memo.set(node, value);
    return value;
  }

  private evaluateUncached(node: ts.Expression, scope: Scope): Value | undefined {
    switch (node.kind) {
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.AwaitExpression:
      case ts.SyntaxKind.SatisfiesExpression:
      case ts.SyntaxKind.TypeAssertionExpression:
        return this.evaluate((node as ts.ParenthesizedExpression).expression, scope);
      case ts.SyntaxKind.Identifier:
        return this.lookup((node as ts.Identifier).text, scope).value;
      case ts.SyntaxKind.PropertyAccessExpression: {
        const access = node as ts.PropertyAccessExpression;
        if (streamingNames.has(access.name.text)) this.streaming = true;
        const target = this.evaluate(access.expression, scope);
        return target ? this.member(target, access.name.text, node) : undefined;
      }
      case ts.SyntaxKind.NewExpression: {
        const created = node as ts.NewExpression;
        const constructor = this.evaluate(created.expression, scope);
        if (constructor?.k === 'contextClass')
          return { k: 'context', info: { expr: node.getText(this.sourceFile) } };
        return undefined;
      }
      case ts.SyntaxKind.CallExpression:
        return this.evaluateCall(node as ts.CallExpression, scope);
      default:
        return undefined;
    }
  }

  private member(target: Value, name: string, node?: ts.Node): Value | undefined {
    switch (target.k) {
      case 'module':
        if (name === 'SparkSession') return { k: 'sessionClass' };
        if (name === 'SparkContext') return { k: 'contextClass' };
        return undefined;
      case 'sessionClass':
        return name === 'builder' ? { k: 'builder' } : undefined;
      case 'session':
        if (name === 'read' && node && ts.isPropertyAccessExpression(node)) {
          return { k: 'reader', reader: { read: node, calls: [] }, session: target.info };
        }
        if (name !== 'sparkContext') return undefined;
        target.info.context ??= {
          expr: target.info.declStatement
            ? `${target.info.expr}.sparkContext`
            : (node?.getText(this.sourceFile) ?? ''),
          declStatement: target.info.declStatement,
        };
        return { k: 'context', info: target.info.context };
      case 'df':
        if (name === 'write' && node && ts.isPropertyAccessExpression(node)) {
          this.consumeIfTracked(node.expression, target);
          return { k: 'writer', access: node, calls: [], df: target.node };
        }
        return undefined;
      default:
        return undefined;
    }
  }

  private evaluateCall(call: ts.CallExpression, scope: Scope): Value | undefined {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    if (streamingNames.has(method)) this.streaming = true;
    const receiver = this.evaluate(callee.expression, scope);
    if (!receiver) return undefined;
    switch (receiver.k) {
      case 'builder':
        if (method === 'getOrCreate') return { k: 'session', info: { expr: call.getText(this.sourceFile) } };
        return ['appName', 'master', 'config', 'enableHiveSupport'].includes(method) ? receiver : undefined;
      case 'sessionClass':
        return method === 'getActiveSession'
          ? { k: 'session', info: { expr: call.getText(this.sourceFile) } }
          : undefined;
      case 'contextClass':
        return method === 'getOrCreate'
          ? { k: 'context', info: { expr: call.getText(this.sourceFile) } }
          : undefined;
      case 'context': {
        if (!rddSourceMethods.has(method)) return undefined;
        const node = this.rddNode(call, method, 'source', undefined, receiver.info);
        const bare = skipWrappers(callee.expression);
        const statement = ts.isIdentifier(bare) ? this.contextStatement(bare.text, scope) : undefined;
        if (ts.isIdentifier(bare) && statement) {
          (node as { contextBinding?: RddNode['contextBinding'] }).contextBinding = {
            name: bare.text,
            statement,
          };
        }
        return { k: 'rdd', node };
      }
      case 'rdd': {
        this.consumeIfTracked(callee.expression, receiver);
        if (rddActions.has(method)) {
          const statement = listStatement(call);
          if (!statement) return undefined;
          const sink: SinkModel = { call, method, rdd: receiver.node, statement };
          this.sinks.push(sink);
          return { k: 'result', sink };
        }
        const kind = rddStepKinds.get(method) ?? 'unknown';
        let other: RddNode | undefined;
        if (kind === 'join' && call.arguments.length > 0) {
          const argument = call.arguments[0];
          const value = this.evaluate(argument, scope);
          this.consumeIfTracked(argument, value);
          if (value?.k === 'rdd') {
            other = value.node;
            this.staticSides.add(value.node);
          }
        }
        return {
          k: 'rdd',
          node: this.rddNode(call, method, kind, receiver.node, receiver.node.context, other),
        };
      }
      case 'reader':
        if (['format', 'option', 'options', 'schema'].includes(method)) {
          return {
            ...receiver,
            reader: { read: receiver.reader.read, calls: [...receiver.reader.calls, call] },
          };
        }
        if (!dfSourceMethods.has(method)) return undefined;
        return {
          k: 'df',
          node: this.dfNode(call, method, 'source', undefined, receiver.session, { reader: receiver.reader }),
        };
      case 'df': {
        this.consumeIfTracked(callee.expression, receiver);
        if (method === 'groupBy' || method === 'groupby')
          return { k: 'grouped', call, parent: receiver.node };
        if (dfActions.has(method)) {
          const statement = listStatement(call);
          if (!statement) return undefined;
          const sink: DfSinkModel = { call, method, df: receiver.node, statement };
          this.dfSinks.push(sink);
          return { k: 'dfResult', sink };
        }
        if (dfIgnored.has(method)) return undefined;
        const kind = dfStepKinds.get(method) ?? 'unknown';
        let other: DfNode | undefined;
        if (kind === 'join' && call.arguments.length > 0) {
          const value = this.evaluate(call.arguments[0], scope);
          this.consumeIfTracked(call.arguments[0], value);
          if (value?.k === 'df') other = value.node;
        }
        const otherDf = other ? { otherDf: other } : {};
        return {
          k: 'df',
          node: this.dfNode(call, method, kind, receiver.node, receiver.node.session, otherDf),
        };
      }
      case 'grouped': {
        if (!groupedAggregates.has(method)) return undefined;
        const windowed = receiver.call.arguments.some((a) =>
          /\bwindow\s*\(/.test(a.getText(this.sourceFile)),
        );
        const node = this.dfNode(
          call,
          'groupBy',
          windowed ? 'window' : 'aggregation',
          receiver.parent,
          receiver.parent.session,
          {
            groupCall: receiver.call,
          },
        );
        return { k: 'df', node };
      }
      case 'writer': {
        if (['mode', 'format', 'option', 'options', 'partitionBy'].includes(method)) {
          return { ...receiver, calls: [...receiver.calls, call] };
        }
        if (!dfWriteMethods.has(method)) return undefined;
        const statement = listStatement(call);
        if (!statement) return undefined;
        const sink: DfSinkModel = {
          call,
          method,
          write: { access: receiver.access, calls: receiver.calls },
          df: receiver.df,
          statement,
        };
        this.dfSinks.push(sink);
        return { k: 'dfResult', sink };
      }
      default:
        return undefined;
    }
  }

  private dfNode(
    call: ts.CallExpression,
    method: string,
    kind: DfNode['kind'],
    parent: DfNode | undefined,
    session: SessionInfo,
    extra: { reader?: DfReader; groupCall?: ts.CallExpression; otherDf?: DfNode },
  ): DfNode {
    const statement = listStatement(call) ?? (this.sourceFile.statements[0] as ts.Statement);
    const node: { -readonly [K in keyof DfNode]: DfNode[K] } = {
      call,
      method,
      kind,
      parent,
      source: undefined as unknown as DfNode,
      session,
      statement,
      escapes: [],
      ...extra,
    };
    node.source = parent ? parent.source : node;
    return node;
  }

  private rddNode(
    call: ts.CallExpression,
    method: string,
    kind: RddNode['kind'],
    parent: RddNode | undefined,
    context: ContextInfo,
    otherRdd?: RddNode,
  ): RddNode {
    const statement = listStatement(call) ?? (this.sourceFile.statements[0] as ts.Statement);
    const node: { -readonly [K in keyof RddNode]: RddNode[K] } = {
      call,
      method,
      kind,
      parent,
      source: undefined as unknown as RddNode,
      context,
      statement,
      otherRdd,
      escapes: [],
    };
    node.source = parent ? parent.source : node;
    return node;
  }
}

/** The statement, directly inside a statement list, that contains the node. */
export function listStatement(node: ts.Node): ts.Statement | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    const parent = current.parent;
    if (
      parent &&
      (ts.isSourceFile(parent) ||
        ts.isBlock(parent) ||
        ts.isModuleBlock(parent) ||
        ts.isCaseOrDefaultClause(parent)) &&
      ts.isStatement(current as ts.Node as ts.Statement)
    ) {
      return current as ts.Statement;
    }
  }
  return undefined;
}

export function skipWrappers(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isAwaitExpression(current) ||
    ts.isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/** An identifier that reads a variable (not a property name, a declaration name or a label). */
function isExpressionIdentifier(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (
    (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) &&
    parent.name === node
  )
    return false;
  if (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) return false;
  if (ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isInterfaceDeclaration(parent))
    return false;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isQualifiedName(parent) || ts.isTypeQueryNode(parent))
    return false;
  return true;
}
