// A streaming job awaits its query until it terminates, so the function holding the pipeline must be able
// to await: it becomes async (a `T` return type becomes `Promise<T>`), and the preview says so because its
// callers now receive a Promise.
import { ts } from 'ts-morph';
import type { PlannedEdit } from './edits';

export function makeAsync(
  fn: ts.FunctionLikeDeclaration,
  sf: ts.SourceFile,
): { edits: PlannedEdit[]; note?: string } {
  if (fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return { edits: [] };
  let at: number;
  if (ts.isArrowFunction(fn)) at = fn.getStart(sf);
  else if (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) {
    const keyword = fn.getChildren(sf).find((c) => c.kind === ts.SyntaxKind.FunctionKeyword);
    at = keyword ? keyword.getStart(sf) : fn.getStart(sf);
  } else if (fn.name) at = fn.name.getStart(sf);
  else return { edits: [] };
  const edits: PlannedEdit[] = [{ start: at, end: at, text: 'async ' }];
  if (fn.type) {
    const typeText = fn.type.getText(sf);
    if (!/^Promise\s*</.test(typeText)) {
      edits.push({ start: fn.type.getStart(sf), end: fn.type.getEnd(), text: `Promise<${typeText}>` });
    }
  }
  const declared =
    ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name : undefined;
  const identifier = fn.name && ts.isIdentifier(fn.name) ? fn.name : declared;
  const line = sf.getLineAndCharacterOfPosition(fn.getStart(sf)).line + 1;
  const name = identifier ? `${identifier.text}()` : `The function at line ${line}`;
  return {
    edits,
    note: `${name} is now async: it awaits the stream's termination, so its callers receive a Promise.`,
  };
}
