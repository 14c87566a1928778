// The notes shown with a preview are read by a person deciding whether to apply it, so each thing is said
// once: a change shared by several pipelines (a join on a common intermediate DataFrame, the file sink of
// four writes) becomes one note naming every line it applies to, not one copy per pipeline.
import type { ConversionChange } from './api';

/** One note per distinct change message, prefixed with the lines (1-based) of the code it concerns. */
export function changeNotes(
  changes: readonly ConversionChange[],
  lineOf: (offset: number) => number,
): string[] {
  const linesByMessage = new Map<string, Set<number>>();
  for (const change of changes) {
    const lines = linesByMessage.get(change.message) ?? new Set<number>();
    lines.add(lineOf(change.span.start));
    linesByMessage.set(change.message, lines);
  }
  return [...linesByMessage].map(([message, lines]) => `${lineList([...lines])}: ${message}`);
}

/** Notes in their first order, each exactly once. */
export function uniqueNotes(notes: readonly string[]): string[] {
  return [...new Set(notes)];
}

function lineList(lines: number[]): string {
  const sorted = lines.sort((a, b) => a - b);
  return sorted.length === 1 ? `line ${sorted[0]}` : `lines ${sorted.join(', ')}`;
}
