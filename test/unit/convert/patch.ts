// Applies a unified diff to a text (a minimal `patch`), so tests can check a printed diff round-trips.
export function applyUnifiedDiff(original: string, diff: string): string {
  const source = original.split('\n');
  const lines = diff.split('\n');
  const out: string[] = [];
  let at = 0;
  let dropNewline = false;
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/.exec(lines[i]);
    if (!header) continue;
    const start = Number(header[2] === '0' ? header[1] : Number(header[1]) - 1);
    while (at < start) out.push(source[at++]);
    for (i++; i < lines.length && !lines[i].startsWith('@@'); i++) {
      const line = lines[i];
      if (line.startsWith(' ')) {
        if (source[at] !== line.slice(1)) throw new Error(`context mismatch at line ${at + 1}`);
        out.push(source[at++]);
      } else if (line.startsWith('-')) {
        if (source[at] !== line.slice(1)) throw new Error(`deleted line mismatch at line ${at + 1}`);
        at++;
      } else if (line.startsWith('+')) out.push(line.slice(1));
      else if (line.startsWith('\\'))
        dropNewline = lines[i - 1].startsWith('+') || lines[i - 1].startsWith(' ');
    }
    i--;
  }
  while (at < source.length) out.push(source[at++]);
  const text = out.join('\n');
  return dropNewline && text.endsWith('\n') ? text.slice(0, -1) : text;
}
