import { strict as assert } from 'node:assert';
import { compareRows, formatDifferences, rowKey } from '../../../src/demo/rowComparison';

describe('demo: comparing the stream result with the batch result', () => {
  it('keys rows by their first field: Python tuples, CSV lines, quoted commas', () => {
    assert.equal(rowKey("('A', 18)"), "'A'");
    assert.equal(rowKey("('x, y', 3)"), "'x, y'");
    assert.equal(rowKey("(('a', 1), [2, 3])"), "('a', 1)");
    assert.equal(rowKey('sensor-1,21.5,3'), 'sensor-1');
    assert.equal(rowKey('"Smith, J",42'), '"Smith, J"');
    assert.equal(rowKey('just one field'), 'just one field');
  });

  it('equal as multisets, whatever the order', () => {
    const result = compareRows(
      ["('C', 10)", "('A', 18)", "('B', 16)"],
      ["('A', 18)", "('B', 16)", "('C', 10)"],
    );
    assert.deepEqual(result, { equal: true, differences: [] });
  });

  it('a row held a different number of times is a difference', () => {
    const result = compareRows(['x', 'x'], ['x']);
    assert.deepEqual(result.differences, [{ key: 'x', batch: ['x'], stream: [] }]);
  });

  it('lists, per key, only the rows that differ: changed values, missing and extra keys', () => {
    const result = compareRows(
      ["('A', 18)", "('B', 16)", "('C', 10)"],
      ["('A', 12)", "('B', 16)", "('D', 1)"],
    );
    assert.equal(result.equal, false);
    assert.deepEqual(result.differences, [
      { key: "'A'", batch: ["('A', 18)"], stream: ["('A', 12)"] },
      { key: "'C'", batch: ["('C', 10)"], stream: [] },
      { key: "'D'", batch: [], stream: ["('D', 1)"] },
    ]);
  });

  it('formats the differences as a table with — for a missing row', () => {
    const table = formatDifferences([
      { key: "'A'", batch: ["('A', 18)"], stream: ["('A', 12)"] },
      { key: "'C'", batch: ["('C', 10)"], stream: [] },
    ]);
    assert.equal(
      table,
      [
        'key │ batch     │ stream',
        '────┼───────────┼──────────',
        "'A' │ ('A', 18) │ ('A', 12)",
        "'C' │ ('C', 10) │ —",
        '',
      ].join('\n'),
    );
  });
});
