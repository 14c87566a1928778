// ANSI colours for the demo's terminal output, only when they will be shown as colours (stdout is a
// terminal and NO_COLOR is not set, https://no-color.org): piped or logged output stays plain text.

export interface TerminalStyle {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

export function terminalStyle(enabled: boolean): TerminalStyle {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
  };
}

/** Whether to colour: an explicit --color/--no-color wins, then NO_COLOR, then "is it a terminal". */
export function colourWanted(
  flag: boolean | undefined,
  env: NodeJS.ProcessEnv,
  isTerminal: boolean | undefined,
): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTerminal === true;
}

/** A unified diff with its headers bold, hunk lines cyan, removals red and additions green. */
export function colourDiff(diff: string, style: TerminalStyle): string {
  if (!style.enabled) return diff;
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('--- ') || line.startsWith('+++ ')) return style.bold(line);
      if (line.startsWith('@@')) return style.cyan(line);
      if (line.startsWith('-')) return style.red(line);
      if (line.startsWith('+')) return style.green(line);
      return line;
    })
    .join('\n');
}
