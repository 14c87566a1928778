// The folders a pair of jobs uses, read from their code: where the batch job reads and writes (from the
// converter's detection), which folder the stream job watches and where it checkpoints (from the calls
// the converter writes). Paths are relative to the job's folder, as the job resolves them when run.
import type { Pipeline } from '../convert/api';

export interface BatchJobPaths {
  /** The input path of the pipeline that was converted (undefined when not a literal). */
  readonly input?: string;
  /** Where the batch job writes; the converted stream job writes to the same places. */
  readonly outputs: readonly string[];
}

export interface StreamJobPaths {
  readonly watched?: string;
  readonly checkpoint?: string;
}

/** Paths of the first pipeline with a literal input path (the one a conversion turns into the stream). */
export function batchJobPaths(pipelines: readonly Pipeline[]): BatchJobPaths {
  const withInput = pipelines.find((p) => p.source.path !== undefined && p.source.method !== 'parallelize');
  const outputs = pipelines.flatMap((p) => (p.sink?.path !== undefined ? [p.sink.path] : []));
  return { ...(withInput?.source.path !== undefined ? { input: withInput.source.path } : {}), outputs };
}

const watchedPatterns = [
  /\.textFileStream\(\s*(['"`])([^'"`]+)\1/,
  /\.readStream\b[\s\S]*?\.(?:csv|json|text|load|parquet)\(\s*(['"`])([^'"`]+)\1/,
];
const checkpointPatterns = [
  /\.checkpoint\(\s*(['"`])([^'"`]+)\1/,
  /(['"`])checkpointLocation\1\s*,\s*(['"`])([^'"`]+)\2/,
];

/** The watched folder and checkpoint of a stream job, when written as literals. */
export function streamJobPaths(text: string): StreamJobPaths {
  const watched = firstMatch(text, watchedPatterns);
  const checkpoint = firstMatch(text, checkpointPatterns);
  return {
    ...(watched !== undefined ? { watched } : {}),
    ...(checkpoint !== undefined ? { checkpoint } : {}),
  };
}

function firstMatch(text: string, patterns: readonly RegExp[]): string | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return match[match.length - 1];
  }
  return undefined;
}
