// Bundles a TypeScript job into one ES module node can run, with a source map so stack traces name
// the user's file and line. esbuild is injected: the extension loads its bundled copy (ADR 0003), tests
// use the package directly.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BuildFailure, BuildOptions, BuildResult, Message, Plugin } from 'esbuild';
import { runtimeResolverPlugin } from './runtimeResolution';
import {
  gracefulStopModule,
  gracefulStopSource,
  streamEntrySource,
  streamKindsOf,
  type StreamKinds,
} from './streamLauncher';
import type { ProblemLocation } from './problemFormat';

export type EsbuildBuild = (options: BuildOptions) => Promise<BuildResult>;

const esmRequireBanner =
  "import { createRequire as __streamshiftCreateRequire } from 'node:module';\n" +
  'const require = __streamshiftCreateRequire(import.meta.url);';

export interface BundleRequest {
  readonly jobPath: string;
  readonly outFile: string;
  readonly runtimeRoot: string;
  /**
   * Stream jobs: install the graceful-stop signal handler first (streamLauncher.ts), for the given
   * streaming APIs or, with `true`, for those the job's text uses.
   */
  readonly gracefulStop?: boolean | StreamKinds;
}

export type BundleOutcome =
  | { readonly ok: true; readonly outFile: string; readonly warnings: readonly ProblemLocation[] }
  | { readonly ok: false; readonly errors: readonly ProblemLocation[] };

export async function bundleJob(build: EsbuildBuild, request: BundleRequest): Promise<BundleOutcome> {
  const workingDir = dirname(request.jobPath);
  const kinds =
    request.gracefulStop === true
      ? streamKindsOf(readFileSync(request.jobPath, 'utf8'))
      : request.gracefulStop || undefined;
  try {
    const entry: Pick<BuildOptions, 'entryPoints' | 'stdin'> = kinds
      ? {
          stdin: {
            contents: streamEntrySource(request.jobPath),
            resolveDir: workingDir,
            sourcefile: 'streamshift-launcher.js',
          },
        }
      : { entryPoints: [request.jobPath] };
    const result = await build({
      ...entry,
      outfile: request.outFile,
      absWorkingDir: workingDir,
      bundle: true,
      platform: 'node',
      target: 'node20',
      // ESM so jobs may use top-level await (`await ssc.awaitTermination()`); the banner gives the
      // CommonJS parts of the bundle (the runtime's build, npm packages) a working `require`.
      format: 'esm',
      banner: { js: esmRequireBanner },
      sourcemap: 'linked',
      sourcesContent: false,
      logLevel: 'silent',
      plugins: [runtimeResolverPlugin(request.runtimeRoot), launcherPlugin(workingDir, kinds)],
    });
    return {
      ok: true,
      outFile: request.outFile,
      warnings: result.warnings.map((m) => toProblem(m, workingDir, 'warning')),
    };
  } catch (error) {
    const failure = error as Partial<BuildFailure>;
    if (Array.isArray(failure.errors) && failure.errors.length > 0) {
      return { ok: false, errors: failure.errors.map((m) => toProblem(m, workingDir, 'error')) };
    }
    return {
      ok: false,
      errors: [
        {
          file: request.jobPath,
          line: 1,
          column: 1,
          severity: 'error',
          message: `bundling failed: ${String(error)}`,
        },
      ],
    };
  }
}

/** esbuild locations are relative to the working dir with 0-based columns; problems are absolute, 1-based. */
function toProblem(message: Message, workingDir: string, severity: 'error' | 'warning'): ProblemLocation {
  const loc = message.location;
  if (!loc) return { file: undefined, line: 1, column: 1, severity, message: message.text };
  const file =
    loc.file.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(loc.file) ? loc.file : `${workingDir}/${loc.file}`;
  return { file, line: loc.line, column: loc.column + 1, severity, message: message.text };
}

/** Serves the graceful-stop module; its runtime import resolves like the job's (same runtime copy). */
function launcherPlugin(workingDir: string, kinds: StreamKinds | undefined): Plugin {
  return {
    name: 'streamshift-launcher',
    setup(build) {
      build.onResolve({ filter: /^streamshift:graceful-stop$/ }, () => ({
        path: gracefulStopModule,
        namespace: 'streamshift',
      }));
      build.onLoad({ filter: /.*/, namespace: 'streamshift' }, () => ({
        contents: gracefulStopSource(kinds ?? { dstream: false, structured: false }),
        loader: 'js',
        resolveDir: workingDir,
      }));
    },
  };
}
