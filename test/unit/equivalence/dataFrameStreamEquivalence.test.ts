// Property: for random DataFrame batch jobs (per-row steps, dropDuplicates, a stream–static join, groupBy
// + agg by key or by a watermarked event-time window) and random data split randomly into files and
// micro-batches, the converted Structured Streaming job's final result equals the batch result; for
// watermarked windows the update-mode query's late-row report equals the late rows computed from the data.
//
// Seeded and reproducible like the RDD property (STREAMSHIFT_PROPERTY_SEED / _RUNS / _PATH). A failing
// case is shrunk and saved under test/fixtures/equivalence-dataframe/, which the replay suite runs.
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { scratchRoot } from '../../support/equivalence';
import { checkDataFrameEquivalence, type DataFrameEquivalenceCase } from '../../support/dataFrameEquivalence';
import { saveDataFrameFixture } from '../../support/dataFrameFixtures';
import {
  dataFrameDataArbitrary,
  dataFrameJobArbitrary,
  dataFrameMicroBatches,
  renderDataFrameFiles,
  renderDataFrameJob,
} from '../../support/dataFrameJobGenerator';
import { propertySettings } from '../../support/propertySettings';

/** This suite's share of the equivalence budget (the RDD property has the rest). */
export const dataFrameDefaultRuns = 1000;

const caseArbitrary: fc.Arbitrary<DataFrameEquivalenceCase> = fc
  .record({ job: dataFrameJobArbitrary, data: dataFrameDataArbitrary, triggerSeconds: fc.constantFrom(5, 1) })
  .map(({ job, data, triggerSeconds }) => ({
    job,
    data,
    jobSource: renderDataFrameJob(job),
    files: renderDataFrameFiles(data),
    microBatches: dataFrameMicroBatches(data),
    triggerSeconds,
  }));

describe('equivalence: converted DataFrame jobs stream to the batch result (property)', function () {
  const settings = propertySettings<[DataFrameEquivalenceCase]>(dataFrameDefaultRuns);
  // A liveness bound, not a speed assertion.
  this.timeout(Math.max(300_000, settings.numRuns * 2_000));
  let root: string;
  before(() => {
    root = scratchRoot();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it(`${settings.numRuns} random DataFrame jobs × data × micro-batch splits (seed ${settings.seed})`, async () => {
    const property = fc.asyncProperty(caseArbitrary, async (testCase) => {
      const result = await checkDataFrameEquivalence(root, testCase);
      if (result.differences.length > 0)
        throw new Error(
          `${result.differences.join('\n')}\n--- batch job ---\n${testCase.jobSource}\n--- stream job ---\n${result.streamSource ?? ''}`,
        );
    });
    const details = await fc.check(property, settings);
    if (!details.failed) return;
    const [counterexample] = details.counterexample ?? [];
    const fixture = counterexample
      ? saveDataFrameFixture({
          description: 'found by dataFrameStreamEquivalence.test.ts (shrunk)',
          seed: details.seed,
          path: details.counterexamplePath ?? undefined,
          case: counterexample,
        })
      : '(no counterexample)';
    const error =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    assert.fail(
      `${fc.defaultReportMessage(details)}\n\n${error}\n\nseed ${details.seed}; replay with STREAMSHIFT_PROPERTY_SEED=${details.seed}; shrunk case saved as ${fixture}`,
    );
  });
});
