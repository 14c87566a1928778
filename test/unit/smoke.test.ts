import { strict as assert } from 'node:assert';
import { main } from '../../src/cli/main';

describe('cli', () => {
  it('prints usage and exits 2 without a command', () => {
    assert.equal(main([]), 2);
  });
});
