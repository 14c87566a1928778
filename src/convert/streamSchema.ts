// The schema a streaming file source needs (Spark does not infer schemas on streams): the batch's own
// schema when it gives one, otherwise inferred now from the batch's input file — with the runtime's own CSV
// inference, so the stream parses values exactly as the batch job did — and emitted as a DDL string.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { inferCsvSchema } from '../../runtime/src/sql/csv';
import { csvOptions, type OptionValue } from '../../runtime/src/sql/csvOptions';
import type { DfNode } from './analyze';

export type SchemaResult =
  | { readonly kind: 'given' }
  | { readonly kind: 'not-needed' }
  | { readonly kind: 'inferred'; readonly ddl: string; readonly from: string }
  | { readonly kind: 'failed'; readonly message: string };

/** Literal options of a reader chain and its loading call (`option(k, v)`, `options({...})`, `csv(p, {...})`). */
export function readerOptions(source: DfNode): Record<string, OptionValue> {
  const options: Record<string, OptionValue> = {};
  const addObject = (node: ts.Expression | undefined) => {
    if (!node || !ts.isObjectLiteralExpression(node)) return;
    for (const property of node.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const key =
        ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
      const value = literal(property.initializer);
      if (key !== undefined && value !== undefined) options[key] = value;
    }
  };
  for (const call of source.reader?.calls ?? []) {
    const name = (call.expression as ts.PropertyAccessExpression).name.text;
    if (name === 'option' && call.arguments.length >= 2) {
      const key = literal(call.arguments[0]);
      const value = literal(call.arguments[1]);
      if (typeof key === 'string' && value !== undefined) options[key] = value;
    } else if (name === 'options') addObject(call.arguments[0]);
  }
  addObject(source.call.arguments[1]);
  return options;
}

export function streamSchema(
  source: DfNode,
  format: string,
  jobFile: string,
  readDataFile: ((absolutePath: string) => string | undefined) | undefined,
): SchemaResult {
  if (format === 'text') return { kind: 'not-needed' };
  const given = (source.reader?.calls ?? []).some(
    (c) => (c.expression as ts.PropertyAccessExpression).name.text === 'schema',
  );
  const options = source.call.arguments[1];
  const inOptions =
    options &&
    ts.isObjectLiteralExpression(options) &&
    options.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'schema');
  if (given || inOptions) return { kind: 'given' };
  const pathArg = source.call.arguments[0];
  const relative =
    pathArg && (ts.isStringLiteral(pathArg) || ts.isNoSubstitutionTemplateLiteral(pathArg))
      ? pathArg.text
      : undefined;
  if (relative === undefined) {
    return {
      kind: 'failed',
      message: 'its input path is not a string literal, so its schema cannot be inferred: add .schema(...)',
    };
  }
  const absolute = path.resolve(path.dirname(jobFile), relative);
  const read = readDataFile ?? ((p: string) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined));
  let text: string | undefined;
  try {
    text = read(absolute);
  } catch (error) {
    return {
      kind: 'failed',
      message: `cannot read ${relative} to infer its schema (${(error as Error).message}): add .schema(...)`,
    };
  }
  if (text === undefined)
    return {
      kind: 'failed',
      message: `${relative} does not exist, so its schema cannot be inferred: add .schema(...)`,
    };
  try {
    const fields =
      format === 'json'
        ? inferJsonFields(text)
        : inferCsvSchema(
            [absolute],
            csvOptions(readerOptions(source)),
            new Map([[absolute, text]]),
          ).fields.map((f) => [f.name, f.dataType.simpleString()] as const);
    return {
      kind: 'inferred',
      ddl: fields.map(([name, type]) => `${ddlName(name)} ${type}`).join(', '),
      from: relative,
    };
  } catch (error) {
    return { kind: 'failed', message: `cannot infer the schema of ${relative}: ${(error as Error).message}` };
  }
}

/** JSON Lines inference as Spark does it for flat records: fields sorted by name, bigint/double/boolean/string. */
function inferJsonFields(text: string): (readonly [string, string])[] {
  const types = new Map<string, string>();
  const widen = (a: string | undefined, b: string): string => {
    if (a === undefined || a === b) return b;
    if ((a === 'bigint' && b === 'double') || (a === 'double' && b === 'bigint')) return 'double';
    return 'string';
  };
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new Error(`line ${index + 1} is not JSON`);
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record))
      throw new Error(`line ${index + 1} is not a JSON object`);
    for (const [key, value] of Object.entries(record)) {
      if (value === null) {
        if (!types.has(key)) types.set(key, 'null');
        continue;
      }
      const type =
        typeof value === 'number'
          ? Number.isInteger(value)
            ? 'bigint'
            : 'double'
          : typeof value === 'boolean'
            ? 'boolean'
            : typeof value === 'string'
              ? 'string'
              : undefined;
      if (type === undefined) throw new Error(`field "${key}" is nested; give the schema with .schema(...)`);
      const known = types.get(key);
      types.set(key, known === 'null' ? type : widen(known, type));
    }
  });
  return [...types.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, type]) => [name, type === 'null' ? 'string' : type]);
}

function ddlName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, '``')}\``;
}

function literal(node: ts.Expression): OptionValue | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}
