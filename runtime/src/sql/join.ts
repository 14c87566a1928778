// Joins: a hash join on equality keys (USING columns, or the `a = b` conjuncts of a condition),
// with the rest of the condition checked per candidate pair; a nested loop when there are no keys.
// NULL keys never match, as in SQL.
import { GenContext, compile } from './codegen';
import { And, Cast, Comparison, Expr, Scope, commonType } from './expressions';
import { Join } from './plan';
import { compositeKey } from './ordering';
import { StructType } from './types';

type RowFn = (r: unknown[]) => unknown;

/** Scope of the combined row [left…, right…] used to bind join conditions. */
export function joinScope(plan: { left: { scope(): Scope }; right: { scope(): Scope } }): Scope {
  const l = plan.left.scope();
  const r = plan.right.scope();
  return {
    schema: new StructType([...l.schema.fields, ...r.schema.fields]),
    qualifiers: [
      ...(l.qualifiers ?? l.schema.fields.map(() => undefined)),
      ...(r.qualifiers ?? r.schema.fields.map(() => undefined)),
    ],
    owners: [...(l.owners ?? l.schema.fields.map(() => [])), ...(r.owners ?? r.schema.fields.map(() => []))],
  };
}

export function executeJoin(plan: Join, left: unknown[][], right: unknown[][]): unknown[][] {
  const nl = plan.left.schema.length;
  const nr = plan.right.schema.length;
  let leftKeys: RowFn[] = [];
  let rightKeys: RowFn[] = [];
  let condition: ((r: unknown[]) => unknown) | null = null;
  if (plan.using) {
    const l = plan.left.scope();
    const r = plan.right.scope();
    leftKeys = plan.using.map((k) => indexGetter(l, k));
    rightKeys = plan.using.map((k) => indexGetter(r, k));
  } else if (plan.condition) {
    const scope = joinScope(plan);
    const keys = equiKeys(plan.condition, scope, nl);
    leftKeys = keys.left;
    rightKeys = keys.right;
    const ctx = new GenContext((i) => `r[${i}]`);
    const code = plan.condition.bind(scope).gen(ctx);
    condition = compile(['r'], `${ctx.declarations()}return ${code};`, ctx.constants);
  }
  const combined = (l: unknown[], r: unknown[]): unknown[] => {
    const c = l.slice();
    for (const v of r) c.push(v);
    return c;
  };
  const matches = (l: unknown[], r: unknown[]): boolean =>
    condition === null || condition(combined(l, r)) === true;
  const keyOf = (fns: RowFn[], row: unknown[]): string | null => {
    const vals = fns.map((f) => f(row));
    return vals.some((v) => v === null) ? null : compositeKey(vals);
  };

  // Candidate right rows per left row: by hash when there are keys, else all.
  let candidates: (l: unknown[]) => number[];
  if (leftKeys.length > 0) {
    const index = new Map<string, number[]>();
    right.forEach((r, i) => {
      const k = keyOf(rightKeys, r);
      if (k === null) return;
      const list = index.get(k);
      if (list) list.push(i);
      else index.set(k, [i]);
    });
    candidates = (l) => {
      const k = keyOf(leftKeys, l);
      return k === null ? [] : (index.get(k) ?? []);
    };
  } else {
    const all = right.map((_, i) => i);
    candidates = () => all;
  }

  const how = plan.how;
  const out: unknown[][] = [];
  const rightMatched = how === 'right' || how === 'full' ? new Uint8Array(right.length) : null;
  const nullsL = new Array(nl).fill(null);
  const nullsR = new Array(nr).fill(null);
  const emit = plan.using ? usingEmitter(plan) : (l: unknown[], r: unknown[]) => combined(l, r);
  for (const l of left) {
    let matched = false;
    for (const ri of candidates(l)) {
      const r = right[ri];
      if (!matches(l, r)) continue;
      matched = true;
      if (how === 'left_semi' || how === 'left_anti') break;
      if (rightMatched) rightMatched[ri] = 1;
      out.push(emit(l, r));
    }
    if (how === 'left_semi' && matched) out.push(l);
    else if (how === 'left_anti' && !matched) out.push(l);
    else if (!matched && (how === 'left' || how === 'full')) out.push(emit(l, nullsR));
  }
  if (rightMatched) right.forEach((r, i) => rightMatched[i] || out.push(emit(nullsL, r)));
  return out;
}

function indexGetter(scope: Scope, name: string): RowFn {
  const lower = name.toLowerCase();
  const i = scope.schema.fields.findIndex((f) => f.name.toLowerCase() === lower);
  return (r) => r[i];
}

/** USING output: join keys (from whichever side has them), then left's other columns, then right's. */
function usingEmitter(plan: Join): (l: unknown[], r: unknown[]) => unknown[] {
  const keys = plan.using!.map((k) => k.toLowerCase());
  const ln = plan.left.schema.names.map((n) => n.toLowerCase());
  const rn = plan.right.schema.names.map((n) => n.toLowerCase());
  const lk = keys.map((k) => ln.indexOf(k));
  const rk = keys.map((k) => rn.indexOf(k));
  const lRest = ln.map((_, i) => i).filter((i) => !lk.includes(i));
  const rRest = rn.map((_, i) => i).filter((i) => !rk.includes(i));
  return (l, r) => {
    const row: unknown[] = [];
    for (let j = 0; j < keys.length; j++) row.push(l[lk[j]] !== null ? l[lk[j]] : r[rk[j]]);
    for (const i of lRest) row.push(l[i]);
    for (const i of rRest) row.push(r[i]);
    return row;
  };
}

/** Splits `a = b AND …` into key functions for each side (when each side uses only one input). */
function equiKeys(cond: Expr, scope: Scope, nl: number): { left: RowFn[]; right: RowFn[] } {
  const conjuncts: Expr[] = [];
  const split = (e: Expr): void => {
    if (e instanceof And) {
      split(e.left);
      split(e.right);
    } else conjuncts.push(e);
  };
  split(cond);
  const left: RowFn[] = [];
  const right: RowFn[] = [];
  for (const c of conjuncts) {
    if (!(c instanceof Comparison) || c.op !== '=') continue;
    const a = sideOf(c.left, scope, nl);
    const b = sideOf(c.right, scope, nl);
    if (a === null || b === null || a === b) continue;
    const t = commonType([c.left.bind(scope).type, c.right.bind(scope).type]);
    const [le, re] = a === 'L' ? [c.left, c.right] : [c.right, c.left];
    left.push(sideFn(new Cast(le, t), scope, 0));
    right.push(sideFn(new Cast(re, t), scope, nl));
  }
  return { left, right };
}

function sideOf(e: Expr, scope: Scope, nl: number): 'L' | 'R' | null {
  const used: number[] = [];
  const ctx = new GenContext((i) => {
    used.push(i);
    return 'x';
  });
  e.bind(scope).gen(ctx);
  if (used.length === 0) return null;
  if (used.every((i) => i < nl)) return 'L';
  if (used.every((i) => i >= nl)) return 'R';
  return null;
}

function sideFn(e: Expr, scope: Scope, offset: number): RowFn {
  const ctx = new GenContext((i) => `r[${i - offset}]`);
  const code = e.bind(scope).gen(ctx);
  return compile(['r'], `${ctx.declarations()}return ${code};`, ctx.constants);
}
