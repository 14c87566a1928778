// Replays the saved equivalence cases (test/fixtures/equivalence/*.json): cases the property test found
// and shrank, and hand-written ones for values that have bitten stream/batch equivalence before.
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { checkEquivalence, loadEquivalenceFixtures, scratchRoot } from '../../support/equivalence';

describe('equivalence: saved cases replay', () => {
  let root: string;
  before(() => {
    root = scratchRoot();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const fixtures = loadEquivalenceFixtures();
  it('there are saved cases to replay', () => assert.ok(fixtures.length > 0));
  for (const { name, fixture } of fixtures) {
    it(`${name}: ${fixture.description}`, async () => {
      const result = await checkEquivalence(root, fixture.case);
      assert.deepEqual(result.differences, [], result.streamSource);
    });
  }
});
