// `const result = counts.collect()` followed by statements that use `result`: in the stream those
// statements run on every micro-batch, inside the callback that computes `result`, so they move with it.
import type { ts } from 'ts-morph';

/** The later statements of the same block that mention `name`. */
export function followingUses(
  name: string | undefined,
  statement: ts.Statement,
  sf: ts.SourceFile,
): ts.Statement[] {
  if (!name) return [];
  const list = (statement.parent as ts.Block).statements;
  const pattern = new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  return list.slice(list.indexOf(statement) + 1).filter((s) => pattern.test(s.getText(sf)));
}
