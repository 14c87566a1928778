import { strict as assert } from 'node:assert';
import { diffLines, unifiedDiff } from '../../../src/cli/unifiedDiff';
import { applyUnifiedDiff } from './patch';

describe('cli: unified diff', () => {
  it('equal texts give no diff', () => {
    assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', { fromFile: 'a', toFile: 'b' }), '');
  });

  it('matches diff -u for a one-line change with context', () => {
    const before = '1\n2\n3\n4\n5\n6\n7\n8\n9\n';
    const after = '1\n2\n3\n4\nfive\n6\n7\n8\n9\n';
    assert.equal(
      unifiedDiff(before, after, { fromFile: 'a.ts', toFile: 'b.ts' }),
      '--- a.ts\n+++ b.ts\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n',
    );
  });

  it('separate hunks for distant changes, one hunk for close ones', () => {
    const before = Array.from({ length: 30 }, (_, i) => `${i}`).join('\n') + '\n';
    const after = before.replace('2\n', 'two\n').replace('25\n', 'twenty-five\n');
    assert.equal(unifiedDiff(before, after, { fromFile: 'a', toFile: 'b' }).match(/^@@/gm)?.length, 2);
    const close = before.replace('2\n', 'two\n').replace('6\n', 'six\n');
    assert.equal(unifiedDiff(before, close, { fromFile: 'a', toFile: 'b' }).match(/^@@/gm)?.length, 1);
  });

  it('marks a missing final newline like diff does', () => {
    const diff = unifiedDiff('a\nb', 'a\nc', { fromFile: 'x', toFile: 'y' });
    assert.equal(
      diff,
      '--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
    assert.notEqual(unifiedDiff('a', 'a\n', { fromFile: 'x', toFile: 'y' }), '');
  });

  it('insertions into and deletions from an empty file', () => {
    assert.equal(
      unifiedDiff('', 'x\n', { fromFile: 'a', toFile: 'b' }),
      '--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n',
    );
    assert.equal(
      unifiedDiff('x\n', '', { fromFile: 'a', toFile: 'b' }),
      '--- a\n+++ b\n@@ -1,1 +0,0 @@\n-x\n',
    );
  });

  it('is a shortest edit script and round-trips through patch on random texts (seeded)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(next() * 25) }, () => 'abcde'[Math.floor(next() * 5)]);
      const b = a.flatMap((line) =>
        next() < 0.2 ? [] : next() < 0.2 ? [line, 'xyz'[Math.floor(next() * 3)]] : [line],
      );
      const ops = diffLines(a, b);
      assert.deepEqual(
        ops.filter((o) => o.kind !== 'insert').map((o) => o.line),
        a,
      );
      assert.deepEqual(
        ops.filter((o) => o.kind !== 'delete').map((o) => o.line),
        b,
      );
      // Never worse than deleting everything and inserting everything.
      assert.ok(ops.filter((o) => o.kind !== 'equal').length <= a.length + b.length);
      const before = a.join('\n') + (a.length ? '\n' : '');
      const after = b.join('\n') + (b.length ? '\n' : '');
      const diff = unifiedDiff(before, after, { fromFile: 'a', toFile: 'b', context: round % 4 });
      if (before !== after) assert.equal(applyUnifiedDiff(before, diff), after, `round ${round}\n${diff}`);
    }
  });
});
