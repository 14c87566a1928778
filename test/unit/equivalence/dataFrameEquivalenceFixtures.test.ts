// Replays the saved DataFrame equivalence cases (test/fixtures/equivalence-dataframe/*.json): shrunk
// counterexamples the property found (each pinned a runtime or converter bug) and hand-written ones.
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { scratchRoot } from '../../support/equivalence';
import { checkDataFrameEquivalence } from '../../support/dataFrameEquivalence';
import { loadDataFrameFixtures } from '../../support/dataFrameFixtures';

describe('equivalence: saved DataFrame cases replay', () => {
  let root: string;
  before(() => {
    root = scratchRoot();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const fixtures = loadDataFrameFixtures();
  it('there are saved cases to replay', () => assert.ok(fixtures.length > 0));
  for (const { name, fixture } of fixtures) {
    it(`${name}: ${fixture.description}`, async () => {
      const result = await checkDataFrameEquivalence(root, fixture.case);
      assert.deepEqual(result.differences, [], result.streamSource);
    });
  }
});
