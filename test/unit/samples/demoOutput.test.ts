// The demo's small pieces of terminal output: reading job results, colours, status lines.
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DemoConsole } from '../../../src/demo/demoConsole';
import { readOutputRows } from '../../../src/demo/sparkOutput';
import { colourDiff, colourWanted, terminalStyle } from '../../../src/demo/terminalStyle';
import { scratchDir } from './toolchain';

describe('demo: reading a result', () => {
  const root = scratchDir('output');
  beforeEach(() => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads the part files of a committed Spark output folder, skipping bookkeeping files', () => {
    const folder = join(root, 'output.csv');
    mkdirSync(folder);
    writeFileSync(join(folder, 'part-00001'), "('B', 2)\n");
    writeFileSync(join(folder, 'part-00000'), "('A', 1)\n('C', 3)\n");
    writeFileSync(join(folder, '.part-00000.crc'), 'checksum');
    assert.equal(readOutputRows(folder), undefined, 'not committed yet: no _SUCCESS');
    writeFileSync(join(folder, '_SUCCESS'), '');
    assert.deepEqual(readOutputRows(folder), ["('A', 1)", "('C', 3)", "('B', 2)"]);
  });

  it('reads a single file, with or without a final newline; nothing at a missing path', () => {
    writeFileSync(join(root, 'a.txt'), 'x\r\ny');
    assert.deepEqual(readOutputRows(join(root, 'a.txt')), ['x', 'y']);
    assert.equal(readOutputRows(join(root, 'missing')), undefined);
  });
});

describe('demo: terminal output', () => {
  it('colours only for a terminal, unless told otherwise or NO_COLOR is set', () => {
    assert.equal(colourWanted(undefined, {}, true), true);
    assert.equal(colourWanted(undefined, {}, false), false);
    assert.equal(colourWanted(undefined, { NO_COLOR: '1' }, true), false);
    assert.equal(colourWanted(true, { NO_COLOR: '1' }, false), true);
    assert.equal(colourWanted(false, {}, true), false);
  });

  it('colours a diff by line kind, and leaves it alone without colours', () => {
    const diff = '--- a.ts\n+++ b.ts\n@@ -1 +1 @@\n-old\n+new\n same';
    assert.equal(colourDiff(diff, terminalStyle(false)), diff);
    const coloured = colourDiff(diff, terminalStyle(true)).split('\n');
    assert.deepEqual(coloured, [
      '\u001b[1m--- a.ts\u001b[22m',
      '\u001b[1m+++ b.ts\u001b[22m',
      '\u001b[36m@@ -1 +1 @@\u001b[39m',
      '\u001b[31m-old\u001b[39m',
      '\u001b[32m+new\u001b[39m',
      ' same',
    ]);
  });

  it('piped: a wait prints its status once, then again only every few seconds', () => {
    let text = '';
    let now = 0;
    const out = new DemoConsole({
      write: (t) => (text += t),
      style: terminalStyle(false),
      interactive: false,
      repeatStatusMs: 5000,
      now: () => now,
    });
    out.status('waiting for x (0.1 s)');
    now = 1000;
    out.status('waiting for x (1.0 s)');
    now = 6000;
    out.status('waiting for x (6.0 s)');
    out.status('waiting for y (0.0 s)');
    assert.equal(text, 'waiting for x (0.1 s)\nwaiting for x (6.0 s)\nwaiting for y (0.0 s)\n');
  });

  it('on a terminal: the status line is redrawn in place and erased before the next line', () => {
    let text = '';
    const out = new DemoConsole({
      write: (t) => (text += t),
      style: terminalStyle(false),
      interactive: true,
    });
    out.status('waiting (1 s)');
    out.status('waiting (2 s)');
    out.line('done');
    assert.equal(text, '\r\u001b[Kwaiting (1 s)\r\u001b[Kwaiting (2 s)\r\u001b[Kdone\n');
  });
});
