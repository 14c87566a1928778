import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pipeline } from '../../../src/convert/api';
import { batchJobPaths, streamJobPaths } from '../../../src/runPanel/jobPaths';

const span = { start: 0, end: 1 };
function pipeline(source: Pipeline['source'], sink?: Pipeline['sink']): Pipeline {
  return {
    id: 'p',
    api: 'rdd',
    label: 'p',
    span,
    source,
    steps: [],
    ...(sink ? { sink } : {}),
    verdict: { status: 'convertible' },
  } as Pipeline;
}

describe('job paths', () => {
  it("reads the converted wordcount job's watched folder and checkpoint", () => {
    const text = readFileSync(join(__dirname, '../../fixtures/convert/rdd/wordcount/expected.ts'), 'utf8');
    assert.deepEqual(streamJobPaths(text), { watched: 'stream_input/', checkpoint: 'checkpoint/batch' });
  });

  it('reads a Structured Streaming job: readStream source and checkpointLocation option', () => {
    const text = `const df = spark.readStream.schema(s).option('header', 'true').csv("stream_input/");
df.writeStream.option('checkpointLocation', 'checkpoint/df').start()`;
    assert.deepEqual(streamJobPaths(text), { watched: 'stream_input/', checkpoint: 'checkpoint/df' });
  });

  it('knows nothing of a job without literal paths', () => {
    assert.deepEqual(streamJobPaths('ssc.textFileStream(dir)'), {});
  });

  it("takes the batch job's input from the first file-reading pipeline and every sink path", () => {
    const paths = batchJobPaths([
      pipeline({ method: 'parallelize', span }, { method: 'collect', span }),
      pipeline(
        { method: 'textFile', path: 'batch_input/data.csv', span },
        { method: 'saveAsTextFile', path: 'batch_output/output.csv', span },
      ),
    ]);
    assert.deepEqual(paths, { input: 'batch_input/data.csv', outputs: ['batch_output/output.csv'] });
  });
});
