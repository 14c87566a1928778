// `npm run demo <sample>` exits 0 for every sample under samples/: the stream's result equals the batch's,
// or differs from it exactly as the sample documents (late rows dropped by a watermark).
import { strict as assert } from 'node:assert';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DemoConsole } from '../../../src/demo/demoConsole';
import { runDemo } from '../../../src/demo/runDemo';
import { listSamples, readSampleSpec } from '../../../src/demo/sampleSpec';
import { terminalStyle } from '../../../src/demo/terminalStyle';
import { samplesRoot, scratchDir, toolchain } from './toolchain';

describe('npm run demo, every sample', function () {
  this.timeout(240_000);
  const tempRoot = join(scratchDir('demo-every'), 'tmp');
  beforeEach(() => mkdirSync(tempRoot, { recursive: true }));
  after(() => rmSync(scratchDir('demo-every'), { recursive: true, force: true }));

  it('lists the four samples', () => {
    assert.deepEqual(listSamples(samplesRoot), ['events', 'orders', 'sensors', 'wordcount']);
  });

  for (const name of listSamples(samplesRoot)) {
    it(`${name}: exit 0`, async () => {
      let output = '';
      const code = await runDemo({
        sampleDir: join(samplesRoot, name),
        toolchain,
        tempRoot,
        console: new DemoConsole({
          write: (text) => (output += text),
          style: terminalStyle(false),
          interactive: false,
        }),
      });
      assert.equal(code, 0, output);
      const documented = readSampleSpec(join(samplesRoot, name)).outputs.filter((o) => o.streamExpected);
      if (documented.length === 0) assert.match(output, /^stream result = batch result ✓/m);
      else {
        assert.match(output, /^stream result = batch result, but for the documented late rows ✓/m);
        assert.match(output, /late rows dropped by the watermark/);
        for (const o of documented)
          assert.match(output, new RegExp(`${o.path}: differs from the batch as documented`));
      }
      assert.deepEqual(readdirSync(tempRoot), [], 'the working copy is removed');
    });
  }
});
