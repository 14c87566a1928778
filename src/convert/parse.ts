// One ts-morph Project for the whole process, in memory and without lib files: the converter only needs
// syntax (it follows data flow itself), and re-creating a Project or loading lib.d.ts would cost more than
// the analysis. Parsed files are cached by text, so the lightbulb re-asking for the same version is free.
import { Project, ts } from 'ts-morph';

let project: Project | undefined;
const cache = new Map<string, ts.SourceFile>();
const cacheLimit = 8;

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
  const key = `${fileName}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const virtualName = `/job/${fileName.replace(/^.*[\\/]/, '').replace(/\.(m|c)?js$/, '.$1ts') || 'job.ts'}`;
  const sourceFile = sharedProject().createSourceFile(virtualName, text, { overwrite: true }).compilerNode;
  cache.set(key, sourceFile);
  if (cache.size > cacheLimit) cache.delete(cache.keys().next().value as string);
  return sourceFile;
}
