// Property: for random RDD batch jobs and random data split randomly into files and micro-batches, the
// converted stream job's result after the last micro-batch equals the batch job's result over all data.
//
// Seeded and reproducible: STREAMSHIFT_PROPERTY_SEED=<n> replays a run (the seed is printed on failure),
// STREAMSHIFT_PROPERTY_RUNS=<n> sets the number of cases (default 1000). A failing case is shrunk by
// fast-check and saved under test/fixtures/equivalence/, which rddEquivalenceFixtures.test.ts replays.
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import {
  checkEquivalence,
  saveEquivalenceFixture,
  scratchRoot,
  type EquivalenceCase,
} from '../../support/equivalence';
import {
  dataArbitrary,
  isAggregated,
  rddJobArbitrary,
  renderFiles,
  renderRddJob,
  splitIntoMicroBatches,
} from '../../support/rddJobGenerator';
import { propertySettings } from '../../support/propertySettings';

const caseArbitrary: fc.Arbitrary<EquivalenceCase> = fc
  .record({
    job: rddJobArbitrary,
    data: dataArbitrary,
    triggerSeconds: fc.constantFrom(5, 1, 0.5),
  })
  .map(({ job, data, triggerSeconds }) => ({
    jobSource: renderRddJob(job),
    files: renderFiles(data, job.concatenated),
    microBatches: splitIntoMicroBatches(data),
    concatenated: job.concatenated,
    aggregated: isAggregated(job),
    triggerSeconds,
  }));

describe('equivalence: converted RDD jobs stream to the batch result (property)', function () {
  const settings = propertySettings<[EquivalenceCase]>(1000);
  // A liveness bound for the whole property (about 60 ms a case on this machine), not a speed assertion.
  this.timeout(Math.max(300_000, settings.numRuns * 1_000));
  let root: string;

  before(() => {
    root = scratchRoot();
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it(`${settings.numRuns} random jobs × data × micro-batch splits (seed ${settings.seed})`, async () => {
    const property = fc.asyncProperty(caseArbitrary, async (testCase) => {
      const result = await checkEquivalence(root, testCase);
      if (result.differences.length > 0)
        throw new Error(`${result.differences.join('\n')}\n--- stream job ---\n${result.streamSource ?? ''}`);
    });
    const details = await fc.check(property, settings);
    if (!details.failed) return;
    const [counterexample] = details.counterexample ?? [];
    const fixture = counterexample
      ? saveEquivalenceFixture({
          description: 'found by rddStreamEquivalence.test.ts (shrunk)',
          seed: details.seed,
          path: details.counterexample ? (details.counterexamplePath ?? undefined) : undefined,
          case: counterexample,
        })
      : '(no counterexample)';
    const error =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    assert.fail(
      `${fc.defaultReportMessage(details)}\n\n${error}\n\nseed ${details.seed}; replay with STREAMSHIFT_PROPERTY_SEED=${details.seed}; ` +
        `shrunk case saved as ${fixture}`,
    );
  });
});
