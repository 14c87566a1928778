// Rewrites test/fixtures/convert/*/*/expected.ts with what the converter makes of each input.ts today, and
// lists the cases that changed. Run after a deliberate change to the converter's output, then read the
// diff (`git diff test/fixtures`) before committing: the fixtures are the converter's specification.
//   npx tsx scripts/update-convert-fixtures.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convert } from '../src/convert/index';
import { fixtureCases, fixtureJobPath, fixtureRoot, loadFixture } from '../test/unit/convert/fixtureFiles';

let changed = 0;
for (const name of fixtureCases()) {
  const { input, expected, options } = loadFixture(name);
  const text = convert({ fileName: fixtureJobPath(name), text: input }, options).text;
  if (text === expected) continue;
  writeFileSync(join(fixtureRoot, name, 'expected.ts'), text);
  console.log(`updated ${name}`);
  changed++;
}
console.log(changed === 0 ? 'every fixture is up to date' : `${changed} fixture(s) updated`);
