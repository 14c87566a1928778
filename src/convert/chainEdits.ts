// Expression edits change a chain's shape (`sc.textFile(p)` → `ssc.textFileStream(dir)`, a step gains
// `.updateStateByKey(...)`), and a chain Prettier printed on one line may then need one call per line, or
// the reverse. So the edits of each statement are folded into one replacement of the statement, with every
// chain they touch laid out again (chainLayout.ts). Code of the statement outside those chains keeps its text.
import { ts } from 'ts-morph';
import { listStatement } from './analyze';
import { chainHead, isChainLink, layOutChainIn, type ChainLayoutStyle } from './chainLayout';
import { renderRange, type PlannedEdit } from './edits';
import { lineIndent } from './style';

export interface AnchoredEdit {
  readonly edit: PlannedEdit;
  /** The node the edit changes (a call, a method name, an argument, the receiver). */
  readonly anchor: ts.Node;
}

/** The statement replacements that carry `edits`, one per statement, with the touched chains laid out. */
export function layOutChangedStatements(
  sf: ts.SourceFile,
  edits: readonly AnchoredEdit[],
  style: ChainLayoutStyle,
): PlannedEdit[] {
  const text = sf.text;
  const byStatement = new Map<ts.Statement, { edits: PlannedEdit[]; heads: Set<number> }>();
  const loose: PlannedEdit[] = [];
  for (const { edit, anchor } of edits) {
    const chain = chainOf(anchor);
    const statement = listStatement(chain);
    if (!statement) {
      loose.push(edit);
      continue;
    }
    const entry = byStatement.get(statement) ?? { edits: [], heads: new Set<number>() };
    entry.edits.push(edit);
    entry.heads.add(chainHead(chain as ts.Expression).getStart(sf));
    byStatement.set(statement, entry);
  }
  const replacements: PlannedEdit[] = [];
  for (const [statement, { edits: inside, heads }] of byStatement) {
    const start = statement.getStart(sf);
    // An edit reaching outside the statement (an insertion at its very start or end) stays as it is.
    const within = inside.filter((e) => e.start >= start && e.end <= statement.getEnd());
    loose.push(...inside.filter((e) => !within.includes(e)));
    const indent = lineIndent(text, start);
    let rendered = `${indent}${renderRange(text, start, statement.getEnd(), within)}`;
    // Later chains first: laying one out never moves the chains before it.
    for (const head of [...heads].sort((a, b) => b - a)) {
      const at = indent.length + renderRange(text, start, head, within).length;
      rendered = layOutChainIn(rendered, at, style);
    }
    replacements.push({ start, end: statement.getEnd(), text: rendered.slice(indent.length) });
  }
  return [...replacements, ...loose];
}

/** The outermost chain the edited node belongs to (an argument belongs to its call's chain). */
function chainOf(anchor: ts.Node): ts.Node {
  let node = anchor;
  const parent = node.parent;
  if (parent && ts.isCallExpression(parent) && parent.arguments.some((arg) => arg === node)) node = parent;
  else if (parent && ts.isPropertyAccessExpression(parent) && parent.name === node) node = parent;
  while (isChainLink(node.parent) && node.parent.expression === node) node = node.parent;
  return node;
}
