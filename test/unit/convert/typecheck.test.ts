// Every fixture job, before and after conversion, type-checks against the runtime's real types (the
// repo's tsconfig maps @streamshift/runtime/* to runtime/src). The converted text is checked in memory;
// nothing is written to disk.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Project, ts } from 'ts-morph';
import { convert } from '../../../src/convert/index';
import { fixtureCases, fixtureJobPath, fixtureRoot, loadFixture } from './fixtureFiles';

const repoRoot = join(__dirname, '..', '..', '..');

describe('convert: converted fixtures type-check against the runtime', function () {
  this.timeout(180_000);
  const project = new Project({
    tsConfigFilePath: join(repoRoot, 'tsconfig.json'),
    skipAddingFilesFromTsConfig: true,
  });
  const cases = fixtureCases();
  const files = cases.flatMap((name) => {
    const { input, options } = loadFixture(name);
    const dir = join(fixtureRoot, name);
    const converted = convert({ fileName: fixtureJobPath(name), text: input }, options).text;
    // Module files (top-level await): an `export {}` is not needed, both have imports.
    return [
      {
        name,
        kind: 'batch',
        file: project.createSourceFile(join(dir, '__typecheck_batch.ts'), input, { overwrite: true }),
      },
      {
        name,
        kind: 'stream',
        file: project.createSourceFile(join(dir, '__typecheck_stream.ts'), converted, { overwrite: true }),
      },
    ];
  });

  for (const { name, kind, file } of files) {
    it(`${name} (${kind})`, () => {
      const diagnostics = file.getPreEmitDiagnostics().map((d) => {
        const line = d.getLineNumber();
        return `${kind} line ${line ?? '?'}: ${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ')}`;
      });
      assert.deepEqual(diagnostics, [], `\n${file.getFullText()}`);
    });
  }
});
