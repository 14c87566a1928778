// Where the demo's narration goes. Lines are printed as they happen; waits show a status line so the
// terminal is never silent: on a terminal it is redrawn in place (with the seconds waited so far),
// elsewhere (piped, CI logs) it is printed once when the wait starts and again every few seconds.
import type { TerminalStyle } from './terminalStyle';

export interface DemoConsoleOptions {
  readonly write: (text: string) => void;
  readonly style: TerminalStyle;
  /** A terminal that understands carriage return and "erase line". */
  readonly interactive: boolean;
  /** Non-interactive: how often a wait repeats its status line. */
  readonly repeatStatusMs?: number;
  readonly now?: () => number;
}

export class DemoConsole {
  private statusShown = false;
  /** The status line on screen (interactive), so an unchanged one is not redrawn. */
  private drawn = '';
  private lastStatus: { text: string; at: number } | undefined;
  private readonly now: () => number;

  constructor(private readonly options: DemoConsoleOptions) {
    this.now = options.now ?? Date.now;
  }

  get style(): TerminalStyle {
    return this.options.style;
  }

  /** Prints complete lines (a trailing newline is added). */
  line(text = ''): void {
    this.clearStatus();
    this.options.write(`${text}\n`);
  }

  /** Prints text as it is, each line indented (for a job's own output). */
  indented(text: string, indent = '    '): void {
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (const l of lines) this.line(`${indent}${l}`);
  }

  /** Shows what the demo is waiting for; call again to refresh it (e.g. every poll). */
  status(text: string): void {
    if (this.options.interactive) {
      if (this.statusShown && this.drawn === text) return;
      this.options.write(`\r\u001b[K${this.options.style.dim(text)}`);
      this.statusShown = true;
      this.drawn = text;
      return;
    }
    const now = this.now();
    const repeat = this.options.repeatStatusMs ?? 5000;
    if (this.lastStatus && this.lastStatus.text === stripSeconds(text) && now - this.lastStatus.at < repeat)
      return;
    this.lastStatus = { text: stripSeconds(text), at: now };
    this.options.write(`${text}\n`);
  }

  /** Ends a status line (interactive): the next output starts on a clean line. */
  clearStatus(): void {
    if (!this.statusShown) return;
    this.options.write('\r\u001b[K');
    this.statusShown = false;
  }
}

/** "waiting … (3 s)" and "waiting … (4 s)" are the same status for the purpose of repeating it. */
function stripSeconds(text: string): string {
  return text.replace(/\(\d+(\.\d+)? s\)/g, '');
}
