// Where "Apply as new file" writes: `<name><suffix>` beside the batch job (`batch.ts` → `batch.stream.ts`).
import { basename, dirname, extname, join } from 'node:path';

const scriptExtension = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/**
 * The suffix's script extension follows the source file's, so `batch.js` becomes `batch.stream.js` with
 * the default `.stream.ts`: a JavaScript job stays JavaScript.
 */
export function streamFileNameFor(jobPath: string, suffix: string): string {
  const ext = extname(jobPath);
  const stem = basename(jobPath, ext);
  const sourceIsScript = scriptExtension.test(ext);
  const adjusted =
    sourceIsScript && scriptExtension.test(suffix) ? suffix.replace(scriptExtension, ext) : suffix;
  return join(dirname(jobPath), stem + adjusted);
}
