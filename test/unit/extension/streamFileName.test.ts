import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { streamFileNameFor } from '../../../src/streamFileName';

describe('streamFileNameFor', () => {
  it('puts the suffix after the name, beside the job', () => {
    assert.equal(
      streamFileNameFor(join('/w', 'wordcount', 'batch.ts'), '.stream.ts'),
      join('/w', 'wordcount', 'batch.stream.ts'),
    );
  });

  it('keeps a JavaScript job in JavaScript', () => {
    assert.equal(streamFileNameFor(join('/w', 'job.mjs'), '.stream.ts'), join('/w', 'job.stream.mjs'));
  });

  it('uses a custom suffix as given', () => {
    assert.equal(streamFileNameFor(join('/w', 'batch.ts'), '.live.ts'), join('/w', 'batch.live.ts'));
    assert.equal(streamFileNameFor(join('/w', 'batch.ts'), '_stream.ts'), join('/w', 'batch_stream.ts'));
  });
});
