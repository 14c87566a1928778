// Source-to-source transformations that make a job hostile to a converter without changing what it does:
// comments between any two syntax nodes, unicode identifiers, unusual aliasing of the runtime's names,
// very long chains and unrelated code that looks like a pipeline. Built on TypeScript's own parser (via
// ts-morph's bundled `ts`), so every transformation keeps the program valid.
import { ts } from 'ts-morph';

/** Names the RDD job generator declares; each can be renamed consistently. */
const renameable = [
  'sc',
  'spark',
  'result',
  'lines',
  'firstPart',
  'main',
  'line',
  'fields',
  'field',
  'word',
  'key',
  'value',
  'total',
  'a',
  'b',
  'acc',
  'element',
];

/** Unicode identifiers (letters of several scripts, fullwidth forms, `$` and `_` starts). */
export const unicodeNames = [
  'σκ',
  'résultat',
  'ｌｉｎｅｓ',
  '变量',
  'ℵ',
  '$ʃ',
  '_ɐ',
  'Ωmega',
  'ĳ',
  'データ',
  'ǅ',
  'ᚠᚢ',
  'ⅷ',
  'x٣',
  'ſ',
  'ﬀ',
  'ɸ',
];

function parse(text: string): ts.SourceFile {
  return ts.createSourceFile('job.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function applyInsertions(text: string, insertions: { at: number; text: string }[]): string {
  const sorted = [...insertions].sort((x, y) => y.at - x.at);
  let out = text;
  for (const { at, text: inserted } of sorted) out = out.slice(0, at) + inserted + out.slice(at);
  return out;
}

/**
 * Inserts `/*cN*\/` before the start of a random choice of nodes (never inside a string, template or
 * regular expression literal), and `// cN` lines before statements. Returns the text and the markers.
 */
export function withCommentsEverywhere(
  text: string,
  chance: () => number,
  density: number,
): { text: string; markers: string[] } {
  const sf = parse(text);
  const starts = new Set<number>();
  const statementStarts = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node) ||
      ts.isRegularExpressionLiteral(node)
    ) {
      starts.add(node.getStart(sf));
      return;
    }
    starts.add(node.getStart(sf));
    if (ts.isStatement(node) && !ts.isBlock(node)) statementStarts.add(node.getStart(sf));
    node.forEachChild(visit);
  };
  sf.forEachChild(visit);
  starts.add(sf.getEnd());
  const insertions: { at: number; text: string }[] = [];
  const markers: string[] = [];
  let n = 0;
  for (const at of [...starts].sort((x, y) => x - y)) {
    if (chance() >= density) continue;
    const marker = `c${n++}`;
    markers.push(marker);
    insertions.push({
      at,
      text: statementStarts.has(at) && chance() < 0.5 ? `// ${marker}\n` : `/*${marker}*/ `,
    });
  }
  return { text: applyInsertions(text, insertions), markers };
}

/** Renames the generator's identifiers to unicode ones, consistently (property names are left alone). */
export function withUnicodeIdentifiers(text: string, pick: () => number): string {
  const sf = parse(text);
  const mapping = new Map<string, string>();
  const available = [...unicodeNames];
  for (const name of renameable) {
    if (available.length === 0) break;
    const [chosen] = available.splice(Math.floor(pick() * available.length), 1);
    mapping.set(name, chosen);
  }
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && mapping.has(node.text)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isBindingElement(parent) && parent.propertyName === node);
      if (!isPropertyName)
        edits.push({ start: node.getStart(sf), end: node.getEnd(), text: mapping.get(node.text)! });
    }
    node.forEachChild(visit);
  };
  sf.forEachChild(visit);
  let out = text;
  for (const edit of edits.sort((x, y) => y.start - x.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

export type AliasForm = 'renamedImport' | 'namespaceImport' | 'contextAlias' | 'destructuredContext';

/** Reaches the runtime's names in a roundabout way (the converter must follow values, not names). */
export function withAliasing(text: string, form: AliasForm): string {
  switch (form) {
    case 'renamedImport':
      return text
        .replace(/import \{ (SparkSession|SparkContext) \} from/, 'import { $1 as Ｒｕｎｔｉｍｅ } from')
        .replace(/\b(SparkSession|SparkContext)\.|new SparkContext\(/g, (m) =>
          m.startsWith('new') ? 'new Ｒｕｎｔｉｍｅ(' : 'Ｒｕｎｔｉｍｅ.',
        );
    case 'namespaceImport':
      return text
        .replace(/import \{ (SparkSession|SparkContext) \} from/, 'import * as ѕрагк from')
        .replace(/\b(SparkSession|SparkContext)\.|new SparkContext\(/g, (m) =>
          m.startsWith('new') ? 'new ѕрагк.SparkContext(' : `ѕрагк.${m}`,
        );
    case 'contextAlias': {
      // A second name for the context, declared right after it, used by the pipeline.
      const declaration = /^const sc = .*;$/m.exec(text);
      if (!declaration) return text;
      const at = declaration.index + declaration[0].length;
      return `${text.slice(0, at)}\nconst ctx = sc;\nconst ctx2 = ctx;${text.slice(at).replace(/\bsc\.textFile\(/g, 'ctx2.textFile(')}`;
    }
    case 'destructuredContext':
      return text.replace(
        /^const sc = SparkSession\.builder(.*)\.getOrCreate\(\)\.sparkContext;$/m,
        'const { sparkContext: sc } = SparkSession.builder$1.getOrCreate();',
      );
  }
}

/** Adds `count` identity steps right after the source: a very long chain. */
export function withLongChain(text: string, count: number): string {
  return text.replace(/(\.textFile\('[^']*'\))/, `$1${'\n  .map((line) => line)'.repeat(count)}`);
}

/** Code that resembles a pipeline but is not one (it must be left alone, byte for byte). */
export const unrelatedCode = [
  `const doubled = [1, 2, 3].map((n) => n * 2).filter((n) => n > 2);`,
  `function textFile(path: string): string[] {\n  return [path];\n}`,
  `class Pipeline {\n  reduceByKey(): number {\n    return 1;\n  }\n}`,
  `for (let i = 0; i < 2; i++) {\n  if (i > 5) console.log(textFile(String(i)), doubled, new Pipeline().reduceByKey());\n}`,
  `const lookalike = { textFile: (p: string) => ({ saveAsTextFile: (q: string) => p + q }) };\nvoid lookalike.textFile('x').saveAsTextFile('y');`,
];

/** Puts the unrelated code before and after the job's body. */
export function withUnrelatedCode(text: string): string {
  const lines = text.split('\n');
  const lastImport = lines.map((l) => l.startsWith('import ')).lastIndexOf(true);
  return [
    ...lines.slice(0, lastImport + 1),
    '',
    ...unrelatedCode.slice(0, 3),
    ...lines.slice(lastImport + 1),
    ...unrelatedCode.slice(3),
    '',
  ].join('\n');
}
