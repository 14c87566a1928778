// Lays out a method chain the converter generated (`df.groupBy(...).agg(...).writeStream.outputMode(...)
// ...start()`) the way Prettier would, so a job formatted with Prettier stays Prettier-clean after the
// conversion and one formatted by hand gets a layout people recognise. The converter cannot run Prettier
// itself: Prettier 3 only formats asynchronously and `convert` is synchronous (the lightbulb calls it).
//
// The rules follow Prettier's member-chain printer: the chain splits into groups (the head, then each run of
// property accesses ending in calls: `.write.mode('overwrite')` is one group); a chain of at most two groups
// (three when the head is `this`, a capitalised factory or a short name) stays on one line; otherwise it is
// printed on one line only when it fits, no group but the last spans several lines, and — with more than two
// calls — every argument is "simple"; else every group after the head goes on its own line, one level deeper.
// Arguments are never reformatted: they keep the text (and relative indentation) they had.
import { ts } from 'ts-morph';
import { skipTrivia } from './style';

export interface ChainLayoutStyle {
  readonly indentUnit: string;
  readonly newline: string;
  /** The line width to fit in (Prettier's printWidth). */
  readonly printWidth: number;
}

/**
 * `text` with the outermost member chain that `chain` belongs to laid out as Prettier would print it.
 * `text` is one or more whole lines (the chain's line starts at a line start). Other code is unchanged.
 */
export function layOutChainIn(text: string, chainStart: number, style: ChainLayoutStyle): string {
  const sf = ts.createSourceFile('chain.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const chain = outermostChainAt(sf, chainStart);
  if (!chain) return text;
  const laidOut = layOutChain(sf, chain, style);
  if (laidOut === undefined) return text;
  return text.slice(0, chain.getStart(sf)) + laidOut + text.slice(chain.getEnd());
}

/** The chain's new text, or undefined when it has comments inside a group (left as written). */
export function layOutChain(
  sf: ts.SourceFile,
  chain: ts.Expression,
  style: ChainLayoutStyle,
): string | undefined {
  const text = sf.text;
  const { head, links } = flatten(chain);
  const groups = groupLinks(head, links);
  const printed: string[] = [];
  const leadingComments: string[][] = [];
  let trailingComment = false;
  for (const [index, group] of groups.entries()) {
    const comments: string[] = [];
    let out = '';
    for (const [position, node] of group.entries()) {
      const from = position === 0 && index === 0 ? node.getStart(sf) : pieceStart(node, sf);
      const tokenStart = skipTrivia(text, from);
      const trivia = text.slice(from, tokenStart);
      const triviaComments = commentsIn(trivia);
      if (triviaComments.length > 0) {
        // A comment before a group keeps its own line above it; one inside a group is left as written.
        if (position !== 0) return undefined;
        // A comment on the previous group's line (`rdd // per key`) stays there, as Prettier keeps it.
        const sameLine = /^[ \t]*(\/\/[^\r\n]*|\/\*[\s\S]*?\*\/)/.exec(trivia);
        if (sameLine && index > 0) {
          printed[index - 1] += ` ${sameLine[1]}`;
          triviaComments.shift();
          trailingComment = true;
        }
        comments.push(...triviaComments);
      }
      out += text.slice(tokenStart, node.getEnd());
    }
    printed.push(out);
    leadingComments.push(comments);
  }

  const statementIndent = lineIndentAt(text, chain.getStart(sf));
  const column = chain.getStart(sf) - (text.lastIndexOf('\n', chain.getStart(sf) - 1) + 1);
  const groupStart = (index: number) => skipTrivia(text, pieceStart(groups[index][0], sf));
  const reindented = (index: number, indent: string) =>
    reindent(printed[index], lineIndentAt(text, groupStart(index)), indent, style.newline);

  const merge = shouldMerge(groups, sf, chain);
  const cutoff = merge ? 3 : 2;
  const hasComments = trailingComment || leadingComments.some((c) => c.length > 0);
  const oneLine = printed.map((_, index) => (index === 0 ? printed[0] : reindented(index, statementIndent)));
  const oneLineText = oneLine.join('');
  if (groups.length <= cutoff && !hasComments) return oneLineText;

  const calls = links.filter(ts.isCallExpression);
  const complexArguments =
    calls.length > 2 && calls.some((call) => !call.arguments.every((arg) => isSimpleArgument(arg, 0)));
  const earlyBreak = oneLine.slice(0, -1).some((group) => group.includes('\n'));
  const firstLine = oneLineText.split('\n')[0];
  const trailing = oneLineText.includes('\n') ? 0 : trailingLength(text, chain.getEnd());
  const fits = column + firstLine.length + trailing <= style.printWidth;
  if (!hasComments && !complexArguments && !earlyBreak && fits) return oneLineText;

  const inner = statementIndent + style.indentUnit;
  let expanded = printed[0];
  for (let index = 1; index < groups.length; index++) {
    if (index === 1 && merge && leadingComments[1].length === 0) {
      expanded += reindented(1, statementIndent);
      continue;
    }
    for (const comment of leadingComments[index]) expanded += `${style.newline}${inner}${comment}`;
    expanded += `${style.newline}${inner}${reindented(index, inner)}`;
  }
  return expanded;
}

/** The line width a file seems to be written for: Prettier's default 80, or its longest code line. */
export function detectPrintWidth(text: string): number {
  let widest = 0;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trimStart();
    if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) continue;
    if (line.length > widest) widest = line.length;
  }
  for (const width of [80, 100, 110, 120, 140, 160]) if (widest <= width) return width;
  return widest;
}

/** One step of a member chain: `.name`, `[index]`, `(args)` or `!`. */
export type ChainLink =
  ts.PropertyAccessExpression | ts.ElementAccessExpression | ts.CallExpression | ts.NonNullExpression;

export function isChainLink(node: ts.Node | undefined): node is ChainLink {
  return (
    node !== undefined &&
    (ts.isPropertyAccessExpression(node) ||
      ts.isElementAccessExpression(node) ||
      ts.isCallExpression(node) ||
      ts.isNonNullExpression(node))
  );
}

/** The innermost expression of the member chain `node` is part of (`spark` in `spark.read.csv(...)`). */
export function chainHead(node: ts.Expression): ts.Expression {
  let head = node;
  while (isChainLink(head)) head = head.expression;
  return head;
}

/** The chain's innermost expression and the accesses/calls applied to it, innermost first. */
function flatten(chain: ts.Expression): { head: ts.Expression; links: ChainLink[] } {
  const links: ChainLink[] = [];
  let node: ts.Expression = chain;
  while (isChainLink(node)) {
    links.unshift(node);
    node = node.expression;
  }
  return { head: node, links };
}

/** Where a link's own text begins: right after the expression it applies to. */
function pieceStart(node: ts.Expression, sf: ts.SourceFile): number {
  return isChainLink(node) ? node.expression.getEnd() : node.getStart(sf);
}

function isMemberish(node: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isNonNullExpression(node)
  );
}

function isLiteralAccess(node: ts.Node): boolean {
  return (
    ts.isElementAccessExpression(node) &&
    (ts.isStringLiteral(node.argumentExpression) || ts.isNumericLiteral(node.argumentExpression))
  );
}

/** Prettier's grouping: [head + its calls/literal indexes + leading property accesses], then `.a.b(…)(…)` runs. */
function groupLinks(head: ts.Expression, links: ChainLink[]): ts.Expression[][] {
  const first: ts.Expression[] = [head];
  let i = 0;
  for (; i < links.length; i++) {
    const node = links[i];
    if (ts.isNonNullExpression(node) || ts.isCallExpression(node) || isLiteralAccess(node)) first.push(node);
    else break;
  }
  if (!ts.isCallExpression(head)) {
    for (; i + 1 < links.length; i++) {
      if (isMemberish(links[i]) && isMemberish(links[i + 1])) first.push(links[i]);
      else break;
    }
  }
  const groups: ts.Expression[][] = [first];
  let current: ts.Expression[] = [];
  let seenCall = false;
  for (; i < links.length; i++) {
    const node = links[i];
    if (seenCall && isMemberish(node)) {
      if (ts.isElementAccessExpression(node) && !isLiteralAccess(node)) {
        current.push(node);
        continue;
      }
      groups.push(current);
      current = [];
      seenCall = false;
    }
    if (ts.isCallExpression(node)) seenCall = true;
    current.push(node);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function shouldMerge(groups: ts.Expression[][], sf: ts.SourceFile, chain: ts.Expression): boolean {
  if (groups.length < 2) return false;
  const isFactory = (name: string) => /^[A-Z]|^[$_]+$/.test(name);
  const first = groups[0];
  if (first.length === 1) {
    const head = first[0];
    if (head.kind === ts.SyntaxKind.ThisKeyword) return true;
    if (!ts.isIdentifier(head)) return false;
    const statement = ts.isExpressionStatement(chain.parent);
    return isFactory(head.text) || (statement && head.getText(sf).length <= 2);
  }
  const last = first[first.length - 1];
  return ts.isPropertyAccessExpression(last) && isFactory(last.name.text);
}

/** Prettier's "simple call argument": short literals, names, small objects/arrays, shallow calls. */
function isSimpleArgument(node: ts.Expression, depth: number): boolean {
  if (depth >= 2) return false;
  if (
    ts.isStringLiteral(node) ||
    ts.isNumericLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isRegularExpressionLiteral(node) ||
    ts.isIdentifier(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword ||
    node.kind === ts.SyntaxKind.ThisKeyword
  )
    return !ts.isNoSubstitutionTemplateLiteral(node) || !node.text.includes('\n');
  if (ts.isTemplateExpression(node))
    return (
      !node.getText().includes('\n') &&
      node.templateSpans.every((s) => isSimpleArgument(s.expression, depth + 1))
    );
  if (ts.isObjectLiteralExpression(node))
    return node.properties.every(
      (p) =>
        ts.isShorthandPropertyAssignment(p) ||
        (ts.isPropertyAssignment(p) &&
          !ts.isComputedPropertyName(p.name) &&
          isSimpleArgument(p.initializer, depth + 1)),
    );
  if (ts.isArrayLiteralExpression(node)) return node.elements.every((e) => isSimpleArgument(e, depth + 1));
  if (ts.isCallExpression(node) || ts.isNewExpression(node))
    return (
      isSimpleArgument(node.expression, depth) &&
      (node.arguments ?? []).every((a) => isSimpleArgument(a, depth + 1))
    );
  if (ts.isPropertyAccessExpression(node) || ts.isNonNullExpression(node))
    return isSimpleArgument(node.expression, depth);
  if (ts.isElementAccessExpression(node))
    return isSimpleArgument(node.expression, depth) && isSimpleArgument(node.argumentExpression, depth);
  if (ts.isPrefixUnaryExpression(node)) return isSimpleArgument(node.operand, depth);
  if (ts.isFunctionExpression(node)) return true;
  if (ts.isArrowFunction(node)) return ts.isBlock(node.body);
  return false;
}

function commentsIn(trivia: string): string[] {
  return [...trivia.matchAll(/\/\/[^\r\n]*|\/\*[\s\S]*?\*\//g)].map((m) => m[0]);
}

/** The whitespace at the start of the line holding `position`. */
function lineIndentAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** A group's continuation lines keep their indentation relative to the line the group starts on. */
function reindent(group: string, from: string, to: string, newline: string): string {
  if (!group.includes('\n') || from === to) return group;
  return group
    .split(/\r?\n/)
    .map((line, index) => {
      if (index === 0 || line.trim() === '') return line;
      if (line.startsWith(from)) return to + line.slice(from.length);
      return line;
    })
    .join(newline);
}

/** What follows the chain on its line and must fit too (`;`, `)`…), up to the line end. */
function trailingLength(text: string, end: number): number {
  const lineEnd = text.indexOf('\n', end);
  return (lineEnd < 0 ? text.length : lineEnd) - end;
}

function outermostChainAt(sf: ts.SourceFile, position: number): ts.Expression | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (node.getStart(sf) === position && ts.isExpression(node)) {
      found = node;
      return;
    }
    if (node.getStart(sf) <= position && position < node.getEnd()) ts.forEachChild(node, visit);
  };
  visit(sf);
  if (!found) return undefined;
  let chain = found as ts.Expression;
  while (isChainLink(chain.parent) && chain.parent.expression === chain) chain = chain.parent;
  return isChainLink(chain) ? chain : undefined;
}
