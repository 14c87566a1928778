// Before/after fixtures: test/fixtures/convert/rdd/<case>/input.ts converts to expected.ts exactly.
// Each case is one rewrite rule or one way of writing a job (aliases, split chains, functions...).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { convert, detect, type ConvertOptions } from '../../../src/convert/index';
import { applyEdits } from '../../../src/convert/edits';

export const rddFixtureRoot = join(__dirname, '..', '..', 'fixtures', 'convert', 'rdd');

export function fixtureCases(): string[] {
  return readdirSync(rddFixtureRoot).filter((name) => existsSync(join(rddFixtureRoot, name, 'input.ts')));
}

export function loadFixture(name: string): { input: string; expected: string; options: ConvertOptions } {
  const dir = join(rddFixtureRoot, name);
  const optionsPath = join(dir, 'options.json');
  return {
    input: readFileSync(join(dir, 'input.ts'), 'utf8'),
    expected: readFileSync(join(dir, 'expected.ts'), 'utf8'),
    options: existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as ConvertOptions) : {},
  };
}

describe('convert: RDD → DStream fixtures', () => {
  const cases = fixtureCases();

  it('has fixtures to run', () => {
    assert.ok(cases.length >= 20, `only ${cases.length} fixtures found in ${rddFixtureRoot}`);
  });

  for (const name of cases) {
    describe(name, () => {
      const { input, expected, options } = loadFixture(name);
      const file = { fileName: 'jobs/batch.ts', text: input };

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
        const converted = { fileName: 'jobs/batch.ts', text: expected };
        assert.deepEqual(detect(converted), []);
        assert.deepEqual(convert(converted).edits, []);
      });
    });
  }
});
