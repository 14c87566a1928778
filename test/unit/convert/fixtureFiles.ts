// The before/after fixtures: test/fixtures/convert/{rdd,dataframe}/<case>/ hold input.ts, expected.ts,
// an optional options.json, and the data files a DataFrame job reads (for schema inference).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConvertOptions } from '../../../src/convert/index';

export const fixtureRoot = join(__dirname, '..', '..', 'fixtures', 'convert');

/** Case names like `rdd/wordcount` or `dataframe/aggregate-show`. */
export function fixtureCases(): string[] {
  return ['rdd', 'dataframe'].flatMap((api) =>
    readdirSync(join(fixtureRoot, api))
      .filter((name) => existsSync(join(fixtureRoot, api, name, 'input.ts')))
      .map((name) => `${api}/${name}`),
  );
}

/** The job's file name: in its fixture folder, so relative data paths resolve there. */
export function fixtureJobPath(name: string): string {
  return join(fixtureRoot, name, 'batch.ts');
}

export function loadFixture(name: string): { input: string; expected: string; options: ConvertOptions } {
  const dir = join(fixtureRoot, name);
  const optionsPath = join(dir, 'options.json');
  return {
    input: readFileSync(join(dir, 'input.ts'), 'utf8'),
    expected: existsSync(join(dir, 'expected.ts')) ? readFileSync(join(dir, 'expected.ts'), 'utf8') : '',
    options: existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as ConvertOptions) : {},
  };
}
