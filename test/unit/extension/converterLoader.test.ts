import { strict as assert } from 'node:assert';
import { createLazyConverter } from '../../../src/converterLoader';

describe('createLazyConverter', () => {
  it('loads the converter on first use only, once', () => {
    let loads = 0;
    const converter = createLazyConverter(() => {
      loads += 1;
      return { detect: () => [], convert: () => ({ edits: [], text: '', notes: [], converted: [] }) };
    });
    assert.equal(converter.isLoaded, false);
    assert.equal(loads, 0);
    assert.deepEqual(converter.tryDetect({ fileName: 'a.ts', text: '' }), []);
    converter.get();
    assert.equal(loads, 1);
    assert.equal(converter.isLoaded, true);
  });

  it('turns a detect failure into "no answer" and reports it', () => {
    const errors: unknown[] = [];
    const converter = createLazyConverter(
      () => ({
        detect: () => {
          throw new SyntaxError('unexpected token');
        },
        convert: () => ({ edits: [], text: '', notes: [], converted: [] }),
      }),
      (error) => errors.push(error),
    );
    assert.equal(converter.tryDetect({ fileName: 'a.ts', text: 'const = ;' }), undefined);
    assert.equal(errors.length, 1);
  });
});
