// The before/after fixtures under test/fixtures/convert/rdd/<case>/ (input.ts, expected.ts, options.json).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConvertOptions } from '../../../src/convert/index';

export const rddFixtureRoot = join(__dirname, '..', '..', 'fixtures', 'convert', 'rdd');

export function fixtureCases(): string[] {
  return readdirSync(rddFixtureRoot).filter((name) => existsSync(join(rddFixtureRoot, name, 'input.ts')));
}

export function loadFixture(name: string): { input: string; expected: string; options: ConvertOptions } {
  const dir = join(rddFixtureRoot, name);
  const optionsPath = join(dir, 'options.json');
  return {
    input: readFileSync(join(dir, 'input.ts'), 'utf8'),
    expected: readFileSync(join(dir, 'expected.ts'), 'utf8'),
    options: existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as ConvertOptions) : {},
  };
}
