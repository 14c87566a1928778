// Partition discovery when reading a directory written with partitionBy: sub-directories named
// `column=value` become columns (typed int, bigint, double or string as Spark infers them;
// __HIVE_DEFAULT_PARTITION__ is NULL), appended after the data columns.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isHiddenName, toLocalPath } from '../io/inputPaths';
import { AnalysisException, Alias, Expr, Literal, SlotRef } from './expressions';
import { Plan, Union } from './plan';
import { planSelect } from './analysis';
import { DataType, DoubleType, IntegerType, LongType, StringType, StructField, StructType } from './types';

export interface PartitionGroup {
  values: unknown[];
  files: string[];
}

export interface PartitionedFiles {
  columns: StructField[];
  groups: PartitionGroup[];
}

const DIR = /^([^=]+)=(.*)$/;

/** Partitions under a directory, or null when it has no `k=v` sub-directories. */
export function discoverPartitions(path: string | string[]): PartitionedFiles | null {
  if (typeof path !== 'string') return null;
  const root = toLocalPath(path);
  let st;
  try {
    st = statSync(root);
  } catch {
    return null;
  }
  if (!st.isDirectory()) return null;
  const hasPartitionDirs = readdirSync(root).some(
    (n) => !isHiddenName(n) && DIR.test(n) && statSync(join(root, n)).isDirectory(),
  );
  if (!hasPartitionDirs) return null;
  const leaves: { names: string[]; raw: string[]; file: string }[] = [];
  const walk = (dir: string, names: string[], raw: string[]): void => {
    for (const n of readdirSync(dir).sort()) {
      if (isHiddenName(n)) continue;
      const p = join(dir, n);
      if (statSync(p).isDirectory()) {
        const m = DIR.exec(n);
        if (!m)
          throw new AnalysisException(
            `Conflicting directory structures detected: ${p} is not a column=value directory.`,
          );
        walk(p, [...names, unescape(m[1])], [...raw, unescape(m[2])]);
      } else leaves.push({ names, raw, file: p });
    }
  };
  walk(root, [], []);
  if (leaves.length === 0) return null;
  const names = leaves[0].names;
  for (const l of leaves)
    if (l.names.join('/') !== names.join('/'))
      throw new AnalysisException(
        `Conflicting directory structures detected. Suspicious paths: ${leaves[0].file}, ${l.file}. Partition columns must be the same in every directory.`,
      );
  const types = names.map((_, i) => inferPartitionType(leaves.map((l) => l.raw[i])));
  const groups = new Map<string, PartitionGroup>();
  for (const l of leaves) {
    const key = JSON.stringify(l.raw);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { values: l.raw.map((v, i) => partitionValue(v, types[i])), files: [] }));
    g.files.push(l.file);
  }
  return { columns: names.map((n, i) => new StructField(n, types[i], true)), groups: [...groups.values()] };
}

/** A plan over partition groups: each group's scan plus its partition values as literal columns. */
export function partitionedPlan(
  parts: PartitionedFiles,
  dataSchema: StructType,
  scan: (files: string[]) => Plan,
): Plan {
  const schema = new StructType([...dataSchema.fields, ...parts.columns]);
  const inputs = parts.groups.map((g) => {
    const exprs: Expr[] = [
      ...dataSchema.fields.map((f, i) => new SlotRef(i, f.dataType, f.nullable, f.name)),
      ...parts.columns.map((c, i) => new Alias(new Literal(g.values[i], c.dataType), c.name)),
    ];
    return planSelect(scan(g.files), exprs);
  });
  return new Union(inputs, schema);
}

/** Data columns of a user schema (partition columns come from directory names). */
export function withoutPartitionColumns(schema: StructType, parts: PartitionedFiles): StructType {
  const names = parts.columns.map((c) => c.name.toLowerCase());
  return new StructType(schema.fields.filter((f) => !names.includes(f.name.toLowerCase())));
}

const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';

function inferPartitionType(values: string[]): DataType {
  const present = values.filter((v) => v !== NULL_PARTITION);
  if (present.length === 0) return StringType();
  if (present.every((v) => /^-?\d+$/.test(v) && Math.abs(Number(v)) <= 2147483647)) return IntegerType();
  if (present.every((v) => /^-?\d+$/.test(v))) return LongType();
  if (present.every((v) => /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v))) return DoubleType();
  return StringType();
}

function partitionValue(raw: string, t: DataType): unknown {
  if (raw === NULL_PARTITION) return null;
  return t === StringType() ? raw : Number(raw);
}

function unescape(s: string): string {
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
