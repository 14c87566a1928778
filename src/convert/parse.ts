// One ts-morph Project for the whole process, in memory and without lib files: the converter only needs
// syntax (it follows data flow itself), and re-creating a Project or loading lib.d.ts would cost more than
// the analysis. A file's first version is parsed by the Project; later versions of the same file (the
// lightbulb asks after every keystroke) are re-parsed incrementally from the previous tree over the changed
// range, as TypeScript's language service does — a fraction of a full parse for a small edit.
import { Project, ts } from 'ts-morph';

let project: Project | undefined;
/** The latest tree of each file, most recently used last. An updated tree's predecessor is dead. */
const latest = new Map<string, { text: string; sourceFile: ts.SourceFile }>();
const fileLimit = 8;

function sharedProject(): Project {
  project ??= new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: { allowJs: true, noLib: true, target: ts.ScriptTarget.ES2022 },
  });
  return project;
}

/** The syntax tree of a job file (TypeScript's own nodes: cheaper to walk than ts-morph's wrappers). */
export function parseJob(fileName: string, text: string): ts.SourceFile {
  const previous = latest.get(fileName);
  latest.delete(fileName);
  let sourceFile: ts.SourceFile;
  if (previous?.text === text) {
    sourceFile = previous.sourceFile;
  } else if (previous) {
    // The incremental parser reuses (and moves) the old tree's nodes: the old tree must not be used again,
    // which is why only the latest tree of a file is kept.
    sourceFile = ts.updateSourceFile(previous.sourceFile, text, changeRange(previous.text, text));
  } else {
    // The tree is detached from the Project at once: the Project never grows, and it never sees the tree
    // again after the incremental parser has moved its nodes on.
    const wrapper = sharedProject().createSourceFile('/job/job.ts', text, { overwrite: true });
    sourceFile = wrapper.compilerNode;
    sharedProject().removeSourceFile(wrapper);
  }
  latest.set(fileName, { text, sourceFile });
  if (latest.size > fileLimit) latest.delete(latest.keys().next().value as string);
  return sourceFile;
}

/** The span of `before` replaced to make `after`: everything between their common prefix and suffix. */
function changeRange(before: string, after: string): ts.TextChangeRange {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  // Whole blocks first (native string comparison), then character by character.
  const block = 512;
  while (
    start + block <= shorter &&
    before.slice(start, start + block) === after.slice(start, start + block)
  ) {
    start += block;
  }
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore - block >= start &&
    endAfter - block >= start &&
    before.slice(endBefore - block, endBefore) === after.slice(endAfter - block, endAfter)
  ) {
    endBefore -= block;
    endAfter -= block;
  }
  while (
    endBefore > start &&
    endAfter > start &&
    before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)
  ) {
    endBefore--;
    endAfter--;
  }
  return ts.createTextChangeRange(ts.createTextSpan(start, endBefore - start), endAfter - start);
}
