// Runs a TypeScript job given as source text inside the test process, fast: esbuild strips the types,
// the job's imports are served from a table of module objects (so a test can hand it a StreamingContext
// on a manual clock), and its body runs as an async function (jobs use top-level await).
//
// Why not a child process with tsx: a fresh process costs ~0.5 s, and the property tests run a thousand
// jobs. What this gives up: the job shares the test process's globals (one active SparkContext at a time),
// so runs are sequential and each one stops its contexts.
import { transformSync } from 'esbuild';

/** Module specifier → the object its named imports are read from. */
export type ModuleTable = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** A compiled job: call it to run; it settles when the job's top-level code has finished. */
export type CompiledJob = (
  modules: ModuleTable,
  console: Pick<Console, 'log' | 'error' | 'warn'>,
) => Promise<void>;

// `async function` bodies may use `await` at their top level, which is what a job module's body needs.
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => CompiledJob;

/** Compiles a job's TypeScript source; throws with esbuild's message (file name and line) on bad syntax. */
export function compileJob(source: string, fileName = 'job.ts'): CompiledJob {
  const { code } = transformSync(source, {
    loader: 'ts',
    format: 'esm',
    target: 'es2022',
    // Unicode identifiers stay as they are (the import rewrite below reads them).
    charset: 'utf8',
    sourcefile: fileName,
  });
  const body = code.replace(
    /^import\s+(.*?)\s+from\s+"([^"]+)";$/gm,
    (_all, clause: string, specifier: string) => importAsConst(clause.trim(), specifier),
  );
  if (/^\s*(import|export)\s/m.test(body))
    throw new Error(`${fileName}: the job uses an import/export form the test runner does not support`);
  return new AsyncFunction('__modules', 'console', `"use strict";\n${body}`);
}

/** `import { a, b as c } from "m"` → `const { a, b: c } = __module("m")`; likewise `* as ns`. */
function importAsConst(clause: string, specifier: string): string {
  const module = `__modules[${JSON.stringify(specifier)}]`;
  const lookup = `(${module} ?? (() => { throw new Error(${JSON.stringify(`module not available to the job: ${specifier}`)}); })())`;
  const namespace = /^\*\s+as\s+([\p{L}\p{N}_$]+)$/u.exec(clause);
  if (namespace) return `const ${namespace[1]} = ${lookup};`;
  const named = /^\{(.*)\}$/s.exec(clause);
  if (!named) throw new Error(`unsupported import form: import ${clause} from "${specifier}"`);
  const bindings = named[1]
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => part.replace(/\s+as\s+/, ': '));
  return `const { ${bindings.join(', ')} } = ${lookup};`;
}
