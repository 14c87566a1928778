// A job formatted with Prettier stays Prettier-clean after the conversion: the generated code is laid out
// the way Prettier lays it out (chains, arrow bodies, trailing commas) at the project's line width.
// Every before/after fixture and every sample is first formatted with Prettier (at 110 and at 80 columns,
// in the fixture's own quote/indent/semicolon style), converted, and the result must be a Prettier fixpoint.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as prettier from 'prettier';
import { convert } from '../../../src/convert/index';
import { fixtureCases, fixtureJobPath, loadFixture } from './fixtureFiles';

const samplesDir = join(__dirname, '..', '..', '..', 'samples');
const samples = ['wordcount', 'events', 'orders', 'sensors'];

describe('convert: Prettier-formatted jobs stay Prettier-clean', function () {
  this.timeout(60_000);
  const cases = [
    ...fixtureCases().map((name) => ({ name, fileName: fixtureJobPath(name), ...loadFixture(name) })),
    ...samples.map((name) => {
      const fileName = join(samplesDir, name, 'batch.ts');
      return { name: `samples/${name}`, fileName, input: readFileSync(fileName, 'utf8'), options: {} };
    }),
  ];

  for (const printWidth of [110, 80]) {
    for (const { name, fileName, input, options } of cases) {
      it(`${name} at ${printWidth} columns`, async () => {
        const format = formatLike(input, printWidth);
        const batch = await format(input);
        const conversion = convert(
          { fileName, text: batch },
          // The width comes from the project's Prettier config; hide it when testing another width.
          { ...options, readDataFile: printWidth === 110 ? undefined : withoutPrettierConfig },
        );
        assert.ok(conversion.converted.length > 0, conversion.notes.join('\n'));
        const reformatted = await format(conversion.text);
        assert.equal(conversion.text, reformatted, `${name}: Prettier changes the converted job`);
      });
    }
  }

  it('the job is formatted differently at the two widths (the width is really taken into account)', async () => {
    const fileName = join(samplesDir, 'sensors', 'batch.ts');
    const input = readFileSync(fileName, 'utf8');
    const batch80 = await formatLike(input, 80)(input);
    const at80 = convert({ fileName, text: batch80 }, { readDataFile: withoutPrettierConfig });
    const at110 = convert({ fileName, text: await formatLike(input, 110)(input) });
    const kept = new Set(batch80.split('\n'));
    const generated = at80.text.split('\n').filter((line) => !kept.has(line));
    assert.ok(generated.length > 10);
    assert.deepEqual(
      generated.filter((line) => line.length > 80),
      [],
    );
    assert.notEqual(at80.text, at110.text);
  });
});

/** Prettier with the job's own conventions (quotes, tabs, semicolons) at `printWidth`. */
function formatLike(text: string, printWidth: number): (source: string) => Promise<string> {
  const options: prettier.Options = {
    parser: 'typescript',
    printWidth,
    singleQuote: (text.match(/'/g)?.length ?? 0) >= (text.match(/"/g)?.length ?? 0),
    useTabs: /^\t/m.test(text),
    semi: /;\s*$/m.test(text),
    trailingComma: 'all',
  };
  return (source) => prettier.format(source, options);
}

/** Reads data files as the converter would, but finds no Prettier config (so the file's lines decide). */
function withoutPrettierConfig(path: string): string | undefined {
  if (['.prettierrc', '.prettierrc.json', 'package.json'].includes(basename(path))) return undefined;
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
