// Saved DataFrame equivalence cases (test/fixtures/equivalence-dataframe/*.json): shrunk counterexamples
// the property found, and hand-written ones; each is self-contained (the job's source and its files).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFrameEquivalenceCase } from './dataFrameEquivalence';

export const dataFrameFixtureRoot = join(__dirname, '..', 'fixtures', 'equivalence-dataframe');

export interface DataFrameFixture {
  readonly description: string;
  readonly seed?: number;
  readonly path?: string;
  readonly case: DataFrameEquivalenceCase;
}

export function saveDataFrameFixture(fixture: DataFrameFixture): string {
  mkdirSync(dataFrameFixtureRoot, { recursive: true });
  const file = join(dataFrameFixtureRoot, `found-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(fixture, null, 2)}\n`);
  return file;
}

export function loadDataFrameFixtures(): { name: string; fixture: DataFrameFixture }[] {
  if (!existsSync(dataFrameFixtureRoot)) return [];
  return readdirSync(dataFrameFixtureRoot)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      name,
      fixture: JSON.parse(readFileSync(join(dataFrameFixtureRoot, name), 'utf8')) as DataFrameFixture,
    }));
}
