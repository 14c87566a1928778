// orderBy/sort: evaluates sort keys once per row, then a stable sort with Spark's null ordering
// (ASC → NULLS FIRST, DESC → NULLS LAST unless asked otherwise).
import { Expr, Scope, SortOrder } from './expressions';
import { compareValues } from './ordering';
import { evaluator } from './execute';

export function sortRows(rows: unknown[][], orders: Expr[], scope: Scope): unknown[][] {
  const specs = orders.map((o) =>
    o instanceof SortOrder
      ? { key: evaluator(o.child, scope), asc: o.ascending, nullsFirst: o.nullsFirst }
      : { key: evaluator(o, scope), asc: true, nullsFirst: true },
  );
  const keyed = rows.map((r) => ({ r, k: specs.map((s) => s.key(r)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < specs.length; i++) {
      const x = a.k[i];
      const y = b.k[i];
      if (x === y) continue;
      if (x === null || y === null) {
        const c = x === null ? -1 : 1;
        return specs[i].nullsFirst ? c : -c;
      }
      const c = compareValues(x, y);
      if (c !== 0) return specs[i].asc ? c : -c;
    }
    return 0;
  });
  return keyed.map((k) => k.r);
}
