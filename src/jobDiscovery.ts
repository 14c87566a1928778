// Finding job files and telling batch jobs from stream jobs, from their text alone (no parsing: this
// runs over every candidate file in the workspace when VS Code asks for tasks).

export type JobMode = 'batch' | 'stream';

/** `import ... from '@streamshift/runtime'` or a sub-path, `require(...)`, or a dynamic import. */
const runtimeImport =
  /(?:from\s*|require\s*\(\s*|import\s*\(\s*|import\s+)['"]@streamshift\/runtime(?:\/[\w/]+)?['"]/;

export function importsRuntime(text: string): boolean {
  return runtimeImport.test(text);
}

/**
 * A job that builds a StreamingContext (DStream) or reads a stream (Structured Streaming) is a stream
 * job; every other runtime job is a batch job.
 */
export function jobModeOf(text: string): JobMode {
  return /\bnew\s+StreamingContext\b|\.readStream\b|\bStreamingContext\.getOrCreate\b/.test(text)
    ? 'stream'
    : 'batch';
}

/** Files we never treat as jobs: declarations, dependencies, build output. */
export const jobSearchExclude = '{**/node_modules/**,**/dist/**,**/out/**,**/.streamshift/**,**/*.d.ts}';
export const jobSearchInclude = '**/*.{ts,mts,cts,js,mjs,cjs}';
