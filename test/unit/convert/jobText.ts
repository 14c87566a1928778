// Small job snippets for the converter's tests: the imports and SparkContext every RDD job starts with.
import type { JobFile, TextSpan } from '../../../src/convert/index';

export function rddJob(body: string): JobFile {
  return {
    fileName: 'jobs/batch.ts',
    text: `import { SparkSession } from '@streamshift/runtime';\n\nconst sc = SparkSession.builder.getOrCreate().sparkContext;\n${body}\n`,
  };
}

/**
 * A job whose text marks the cursor with `/*|*\/` or a selection with `/*[*\/ … /*]*\/`; the markers are
 * removed and their position returned as the range.
 */
export function withCursor(text: string): { file: JobFile; range: TextSpan } {
  const cursor = text.indexOf('/*|*/');
  if (cursor >= 0) {
    return {
      file: { fileName: 'jobs/batch.ts', text: text.replace('/*|*/', '') },
      range: { start: cursor, end: cursor },
    };
  }
  const start = text.indexOf('/*[*/');
  const withoutStart = text.replace('/*[*/', '');
  const end = withoutStart.indexOf('/*]*/');
  if (start < 0 || end < 0) throw new Error('no cursor or selection marker in the job text');
  return {
    file: { fileName: 'jobs/batch.ts', text: withoutStart.replace('/*]*/', '') },
    range: { start, end },
  };
}
