// The file's own formatting conventions, so generated code looks like the code around it.
import { ts } from 'ts-morph';
import { detectPrintWidth } from './chainLayout';

export interface CodeStyle {
  /** One level of indentation: a tab or N spaces. */
  readonly indentUnit: string;
  readonly quote: "'" | '"';
  readonly semicolon: ';' | '';
  readonly newline: '\n' | '\r\n';
  /** The line width generated code fits in (Prettier's printWidth). */
  readonly printWidth: number;
  /** Whether a list broken over several lines ends with a comma (Prettier's default since 3.0). */
  readonly trailingComma: boolean;
}

export function detectStyle(sourceFile: ts.SourceFile): CodeStyle {
  const text = sourceFile.text;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  let single = 0;
  let double = 0;
  let withSemicolon = 0;
  let withoutSemicolon = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node)) {
      if (text.charCodeAt(node.getStart(sourceFile)) === 39) single++;
      else double++;
      return;
    }
    if (
      ts.isExpressionStatement(node) ||
      ts.isVariableStatement(node) ||
      ts.isImportDeclaration(node) ||
      ts.isReturnStatement(node)
    ) {
      if (text.charCodeAt(node.getEnd() - 1) === 59) withSemicolon++;
      else withoutSemicolon++;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return {
    indentUnit: detectIndentUnit(text),
    quote: double > single ? '"' : "'",
    semicolon: withoutSemicolon > withSemicolon ? '' : ';',
    newline,
    printWidth: detectPrintWidth(text),
    trailingComma: detectTrailingComma(text),
  };
}

/** A comma before a closing bracket on the next line says yes; a last item without one says no. */
function detectTrailingComma(text: string): boolean {
  if (/,[ \t]*\r?\n[ \t]*[)\]}]/.test(text)) return true;
  return !/[\w'"`)\]][ \t]*\r?\n[ \t]*[)\]]/.test(text);
}

/** The smallest indentation step used in the file (tabs win when lines start with tabs). */
function detectIndentUnit(text: string): string {
  let tabs = 0;
  let spaceLines = 0;
  let smallest = Infinity;
  for (const match of text.matchAll(/^([ \t]+)\S/gm)) {
    const indent = match[1];
    if (indent.startsWith('\t')) tabs++;
    else {
      spaceLines++;
      if (indent.length >= 2 && indent.length < smallest) smallest = indent.length;
    }
  }
  if (tabs > spaceLines) return '\t';
  return ' '.repeat(Number.isFinite(smallest) ? Math.min(smallest, 8) : 2);
}

/** The whitespace at the start of the line containing `position`. */
export function lineIndent(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart, position + 1));
  return match ? match[0] : '';
}

/** Quotes a string in the file's quote style. */
export function quoteString(value: string, style: CodeStyle): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(new RegExp(style.quote, 'g'), `\\${style.quote}`);
  return `${style.quote}${escaped}${style.quote}`;
}

/** A name not used anywhere in the file (nor already handed out). */
export function freshName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
  taken.add(name);
  return name;
}

/** The offset of the next token at or after `position` (skips whitespace and comments). */
export function skipTrivia(text: string, position: number): number {
  let at = position;
  while (at < text.length) {
    const char = text[at];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') at++;
    else if (text.startsWith('//', at)) {
      const end = text.indexOf('\n', at);
      at = end < 0 ? text.length : end;
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      at = end < 0 ? text.length : end + 2;
    } else break;
  }
  return at;
}

/**
 * The folder a stream source watches. With several sources each gets a sub-folder named after the file or
 * folder the batch read (`stream_input/clicks/`): two sources watching one folder would read each
 * other's files.
 */
export function watchedFolder(
  base: string,
  batchPath: string | undefined,
  several: boolean,
  used: Set<string>,
): string {
  if (!several) return base;
  const stem =
    (batchPath ?? 'input')
      .replace(/\/+$/, '')
      .replace(/^.*\//, '')
      .replace(/\.[^.]*$/, '') || 'input';
  let sub = stem;
  for (let n = 2; used.has(sub); n++) sub = `${stem}${n}`;
  used.add(sub);
  return `${base.replace(/\/?$/, '/')}${sub}/`;
}
