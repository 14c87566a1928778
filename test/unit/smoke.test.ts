import { strict as assert } from 'node:assert';
import { main, type CliIo } from '../../src/cli/main';

describe('cli', () => {
  it('prints usage on stderr and exits 2 without a command', () => {
    let stderr = '';
    const io: CliIo = {
      cwd: '/',
      readFile: () => assert.fail('nothing to read'),
      writeFile: () => assert.fail('nothing to write'),
      stdout: () => assert.fail('nothing on stdout'),
      stderr: (text) => (stderr += text),
    };
    assert.equal(main([], io), 2);
    assert.match(stderr, /^usage: streamshift convert <batch\.ts>/);
  });
});
