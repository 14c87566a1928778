// The runtime types copy in a user's folder: written only inside it, resolvable by TypeScript for every
// sub-path, refreshed when it is ours and outdated, never replacing a package it did not write, undone
// completely by removal.
import { strict as assert } from 'node:assert';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import {
  installRuntimeTypes,
  removeRuntimeTypes,
  runtimePackageDir,
  runtimeSubpaths,
  runtimeTypesStatus,
} from '../../../src/runtimeTypes/runtimeTypesInstall';

describe('runtime types in a user folder', () => {
  let root: string;
  let runtimeDir: string;
  let folder: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'streamshift-types-'));
    // A miniature shipped runtime with the same layout as dist/runtime.
    runtimeDir = join(root, 'shipped');
    const modules: Record<string, string> = {
      index: 'export declare class SparkContext { textFile(path: string): string[]; }',
      'streaming/index': 'export declare class StreamingContext {}',
      'sql/index': 'export declare class SparkSession {}',
      'sql/functions': 'export declare function col(name: string): unknown;',
      'sql/types': 'export declare class StructType {}',
      'sql/streaming/index': 'export declare class DataStreamReader {}',
    };
    for (const [name, dts] of Object.entries(modules)) {
      mkdirSync(join(runtimeDir, name, '..'), { recursive: true });
      writeFileSync(join(runtimeDir, `${name}.d.ts`), dts);
      writeFileSync(join(runtimeDir, `${name}.js`), '"use strict";');
      writeFileSync(join(runtimeDir, `${name}.js.map`), '{}');
    }
    folder = join(root, 'workspace');
    mkdirSync(join(folder, 'jobs'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is missing in a fresh folder, current after setup, and resolves every sub-path for TypeScript', () => {
    assert.deepEqual(runtimeTypesStatus(folder, join(folder, 'jobs'), '1.0.0'), { kind: 'missing' });
    const target = installRuntimeTypes(folder, { runtimeDir, extensionVersion: '1.0.0' });
    assert.equal(target, join(folder, runtimePackageDir));
    assert.deepEqual(runtimeTypesStatus(folder, join(folder, 'jobs'), '1.0.0'), { kind: 'current' });
    assert.equal(
      readdirSync(target, { recursive: true }).some((name) => String(name).endsWith('.map')),
      false,
      'no source maps copied',
    );
    const job = join(folder, 'jobs', 'batch.ts');
    for (const resolution of ['node10', 'bundler', 'nodenext'] as const) {
      for (const sub of runtimeSubpaths) {
        const options: ts.CompilerOptions = {
          moduleResolution:
            resolution === 'node10'
              ? ts.ModuleResolutionKind.Node10
              : resolution === 'bundler'
                ? ts.ModuleResolutionKind.Bundler
                : ts.ModuleResolutionKind.NodeNext,
          module: resolution === 'nodenext' ? ts.ModuleKind.NodeNext : ts.ModuleKind.ESNext,
        };
        const resolved = ts.resolveModuleName(
          `@streamshift/runtime${sub}`,
          job,
          options,
          ts.sys,
        ).resolvedModule;
        assert.ok(resolved?.resolvedFileName.endsWith('.d.ts'), `${resolution}: @streamshift/runtime${sub}`);
      }
    }
  });

  it('refreshes an outdated copy of its own and reports a package it did not write as provided', () => {
    installRuntimeTypes(folder, { runtimeDir, extensionVersion: '0.9.0' });
    assert.deepEqual(runtimeTypesStatus(folder, folder, '1.0.0'), { kind: 'outdated', version: '0.9.0' });
    installRuntimeTypes(folder, { runtimeDir, extensionVersion: '1.0.0' });
    assert.deepEqual(runtimeTypesStatus(folder, folder, '1.0.0'), { kind: 'current' });

    const other = mkdtempSync(join(root, 'other-'));
    mkdirSync(join(other, runtimePackageDir), { recursive: true });
    writeFileSync(join(other, runtimePackageDir, 'package.json'), '{"name":"@streamshift/runtime"}');
    assert.equal(runtimeTypesStatus(other, other, '1.0.0').kind, 'provided');
    assert.throws(
      () => installRuntimeTypes(other, { runtimeDir, extensionVersion: '1.0.0' }),
      /did not write/,
    );
    assert.equal(removeRuntimeTypes(other), false);
    assert.equal(
      readFileSync(join(other, runtimePackageDir, 'package.json'), 'utf8'),
      '{"name":"@streamshift/runtime"}',
    );
  });

  it('counts a tsconfig that maps the runtime (this repository) as provided', () => {
    writeFileSync(
      join(folder, 'tsconfig.json'),
      '{"compilerOptions":{"paths":{"@streamshift/runtime":["./x"]}}}',
    );
    assert.deepEqual(runtimeTypesStatus(folder, join(folder, 'jobs'), '1.0.0'), {
      kind: 'provided',
      by: 'tsconfig.json',
    });
  });

  it('is undone by removal, which leaves no empty node_modules behind but keeps other packages', () => {
    installRuntimeTypes(folder, { runtimeDir, extensionVersion: '1.0.0' });
    assert.equal(removeRuntimeTypes(folder), true);
    assert.equal(existsSync(join(folder, 'node_modules')), false);

    mkdirSync(join(folder, 'node_modules', 'left-pad'), { recursive: true });
    installRuntimeTypes(folder, { runtimeDir, extensionVersion: '1.0.0' });
    assert.equal(removeRuntimeTypes(folder), true);
    assert.deepEqual(readdirSync(join(folder, 'node_modules')), ['left-pad']);
    assert.equal(removeRuntimeTypes(folder), false, 'nothing left to remove');
  });

  it('refuses a build without declarations', () => {
    rmSync(join(runtimeDir, 'index.d.ts'));
    assert.throws(
      () => installRuntimeTypes(folder, { runtimeDir, extensionVersion: '1.0.0' }),
      /no runtime declarations/,
    );
    assert.equal(existsSync(join(folder, 'node_modules')), false);
  });
});
