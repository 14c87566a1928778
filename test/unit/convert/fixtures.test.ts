// Before/after fixtures: test/fixtures/convert/rdd/<case>/input.ts converts to expected.ts exactly.
// Each case is one rewrite rule or one way of writing a job (aliases, split chains, functions...).
import { strict as assert } from 'node:assert';
import { convert, detect } from '../../../src/convert/index';
import { applyEdits } from '../../../src/convert/edits';
import { fixtureCases, fixtureJobPath, fixtureRoot, loadFixture } from './fixtureFiles';

describe('convert: RDD → DStream fixtures', () => {
  const cases = fixtureCases();

  it('has fixtures to run', () => {
    assert.ok(cases.length >= 20, `only ${cases.length} fixtures found in ${fixtureRoot}`);
  });

  for (const name of cases) {
    describe(name, () => {
      const { input, expected, options } = loadFixture(name);
      const file = { fileName: fixtureJobPath(name), text: input };

      it('converts to the expected text', () => {
        const conversion = convert(file, options);
        assert.equal(conversion.text, expected);
        assert.ok(conversion.converted.length > 0);
      });

      it('edits are ordered, disjoint, and leave everything else byte-for-byte', () => {
        const { edits, text } = convert(file, options);
        for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].span.end <= edits[i].span.start);
        assert.equal(applyEdits(input, edits), text);
        // Outside the edits the original text is kept verbatim.
        let at = 0;
        let outAt = 0;
        for (const edit of edits) {
          const kept = input.slice(at, edit.span.start);
          assert.equal(text.slice(outAt, outAt + kept.length), kept);
          outAt += kept.length + edit.newText.length;
          at = edit.span.end;
        }
        assert.equal(text.slice(outAt), input.slice(at));
      });

      it('offers nothing on its own output (idempotent)', () => {
        const converted = { fileName: fixtureJobPath(name), text: expected };
        assert.deepEqual(detect(converted), []);
        assert.deepEqual(convert(converted).edits, []);
      });
    });
  }
});
