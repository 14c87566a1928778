import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { runtimeModulePath } from '../../../src/runtimeResolution';

describe('runtimeModulePath', () => {
  const built = new Set([
    '/x/dist/runtime/index.js',
    '/x/dist/runtime/streaming/index.js',
    '/x/dist/runtime/sql/functions.js',
  ]);
  const exists = (path: string) => built.has(path);

  it('maps the package and its sub-paths like the package exports', () => {
    assert.equal(
      runtimeModulePath('/x/dist/runtime', '@streamshift/runtime', exists),
      join('/x/dist/runtime', 'index.js'),
    );
    assert.equal(
      runtimeModulePath('/x/dist/runtime', '@streamshift/runtime/streaming', exists),
      join('/x/dist/runtime', 'streaming/index.js'),
    );
    assert.equal(
      runtimeModulePath('/x/dist/runtime', '@streamshift/runtime/sql/functions', exists),
      join('/x/dist/runtime', 'sql/functions.js'),
    );
  });

  it('finds the TypeScript sources when the runtime is not built', () => {
    const sources = (path: string) => path === join('/repo/runtime/src', 'sql/types.ts');
    assert.equal(
      runtimeModulePath('/repo/runtime/src', '@streamshift/runtime/sql/types', sources),
      join('/repo/runtime/src', 'sql/types.ts'),
    );
  });

  it('answers undefined for a missing sub-path or another package', () => {
    assert.equal(runtimeModulePath('/x/dist/runtime', '@streamshift/runtime/nope', exists), undefined);
    assert.equal(runtimeModulePath('/x/dist/runtime', '@streamshift/runtimes', exists), undefined);
  });
});
