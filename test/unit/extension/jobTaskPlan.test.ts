import { strict as assert } from 'node:assert';
import { importsRuntime, jobModeOf } from '../../../src/jobDiscovery';
import { jobTaskName, planJobTasks } from '../../../src/jobTaskPlan';

const batchJob =
  "import { SparkContext } from '@streamshift/runtime';\nconst sc = new SparkContext('local', 'wc');";
const dstreamJob =
  "import { SparkContext } from '@streamshift/runtime';\nimport { StreamingContext } from '@streamshift/runtime/streaming';\nconst ssc = new StreamingContext(sc, 5);";
const structuredJob =
  'import { SparkSession } from "@streamshift/runtime/sql";\nconst lines = spark.readStream.csv(\'in\');';

describe('job discovery', () => {
  it('recognises imports of the runtime and its sub-paths, including require', () => {
    assert.equal(importsRuntime(batchJob), true);
    assert.equal(importsRuntime(structuredJob), true);
    assert.equal(importsRuntime("const rt = require('@streamshift/runtime/sql/functions');"), true);
    assert.equal(importsRuntime("import '@streamshift/runtime';"), true);
    assert.equal(importsRuntime("import x from '@streamshift/runtimes';"), false);
    assert.equal(importsRuntime("// uses spark\nimport { x } from 'pyspark';"), false);
  });

  it('tells stream jobs (DStream or Structured Streaming) from batch jobs', () => {
    assert.equal(jobModeOf(batchJob), 'batch');
    assert.equal(jobModeOf(dstreamJob), 'stream');
    assert.equal(jobModeOf(structuredJob), 'stream');
  });
});

describe('planJobTasks', () => {
  const files = [
    { path: '/w/wordcount/stream.ts', text: dstreamJob },
    { path: '/w/wordcount/batch.ts', text: batchJob },
    { path: '/w/util.ts', text: 'export const x = 1;' },
  ];

  it('offers one task per job file, in path order, with the mode read from the file', () => {
    assert.deepEqual(planJobTasks(files), [
      { jobPath: '/w/wordcount/batch.ts', mode: 'batch' },
      { jobPath: '/w/wordcount/stream.ts', mode: 'stream' },
    ]);
  });

  it('lists the just-converted pair first, without duplicates', () => {
    const tasks = planJobTasks(files, {
      batchPath: '/w/wordcount/batch.ts',
      streamPath: '/w/wordcount/batch.stream.ts',
    });
    assert.deepEqual(tasks, [
      { jobPath: '/w/wordcount/batch.ts', mode: 'batch' },
      { jobPath: '/w/wordcount/batch.stream.ts', mode: 'stream' },
      { jobPath: '/w/wordcount/stream.ts', mode: 'stream' },
    ]);
  });

  it('after an in-place conversion offers the file as a stream job only', () => {
    const tasks = planJobTasks([], { batchPath: '/w/job.ts', streamPath: '/w/job.ts' });
    assert.deepEqual(tasks, [{ jobPath: '/w/job.ts', mode: 'stream' }]);
  });

  it('names tasks the way the walkthrough and the docs say', () => {
    assert.equal(jobTaskName('batch', 'wordcount/batch.ts'), 'Run batch job: wordcount/batch.ts');
    assert.equal(jobTaskName('stream', 'batch.stream.ts'), 'Run stream job: batch.stream.ts');
  });
});
