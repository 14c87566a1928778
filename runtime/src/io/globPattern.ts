/**
 * Hadoop-style glob patterns for one path component: `*`, `?`, `[abc]`, `[a-z]`, `[^abc]` / `[!abc]`,
 * `{a,b}` and `\` to escape. `**` has no special meaning (Hadoop has none either).
 */
export function hasGlobCharacters(text: string): boolean {
  return /[*?[{]/.test(text);
}

/** Compiles one path component's glob into an anchored RegExp. */
export function globComponentToRegExp(glob: string): RegExp {
  let source = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '\\' && i + 1 < glob.length) {
      source += escapeRegExp(glob[++i]!);
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) throw new Error(`Illegal file pattern: unclosed character class in ${glob}`);
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      source += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (char === '{') {
      braceDepth++;
      source += '(?:';
    } else if (char === '}' && braceDepth > 0) {
      braceDepth--;
      source += ')';
    } else if (char === ',' && braceDepth > 0) {
      source += '|';
    } else {
      source += escapeRegExp(char);
    }
  }
  if (braceDepth > 0) throw new Error(`Illegal file pattern: unclosed group in ${glob}`);
  return new RegExp(`^${source}$`, 'u');
}

/** Splits a comma-separated list of paths, leaving commas inside `{…}` groups alone (as Hadoop does). */
export function splitPathList(text: string): string[] {
  const paths: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}' && depth > 0) depth--;
    else if (char === ',' && depth === 0) {
      paths.push(text.slice(from, i));
      from = i + 1;
    }
  }
  paths.push(text.slice(from));
  return paths.filter((path) => path.length > 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
