// Text edits against the original text. The rewrite is planned as edits at three levels: expression
// edits (a source call, a step, an argument), statement insertions (imports, the StreamingContext,
// hoisted functions) and statement replacements (a sink statement becomes foreachRDD). A replacement's
// new text is rendered from the expression edits inside it, so the levels compose without re-parsing.
import type { TextEdit } from './api';

export interface PlannedEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** `text[start, end)` with the edits that lie inside it applied (insertions at either end included). */
export function renderRange(text: string, start: number, end: number, edits: readonly PlannedEdit[]): string {
  const inside = sortEdits(edits.filter((e) => e.start >= start && e.end <= end));
  let out = '';
  let at = start;
  for (const edit of inside) {
    if (edit.start < at) throw new Error(`overlapping edits at ${edit.start}`);
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at, end);
}

/** Edits in text order; an insertion comes before a replacement starting at the same place. Stable. */
export function sortEdits(edits: readonly PlannedEdit[]): PlannedEdit[] {
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort(
      (a, b) =>
        a.edit.start - b.edit.start ||
        Number(a.edit.end > a.edit.start) - Number(b.edit.end > b.edit.start) ||
        a.index - b.index,
    )
    .map(({ edit }) => edit);
}

/**
 * Final edits: sorted, those at the same position merged, overlaps refused (an overlap is a converter bug,
 * and applying overlapping edits would corrupt the user's file).
 */
export function finalizeEdits(edits: readonly PlannedEdit[]): TextEdit[] {
  const merged: { start: number; end: number; text: string }[] = [];
  for (const edit of sortEdits(edits)) {
    const last = merged[merged.length - 1];
    if (last && edit.start < last.end)
      throw new Error(`converter produced overlapping edits at offset ${edit.start}`);
    if (last && last.end === edit.start && last.start === last.end) {
      // An insertion directly followed by an edit at the same offset: one edit.
      last.end = edit.end;
      last.text += edit.text;
    } else if (last && last.end === edit.start && edit.start === edit.end) {
      last.text += edit.text;
    } else {
      merged.push({ ...edit });
    }
  }
  return merged.map((e) => ({ span: { start: e.start, end: e.end }, newText: e.text }));
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.span.start) + edit.newText;
    at = edit.span.end;
  }
  return out + text.slice(at);
}
