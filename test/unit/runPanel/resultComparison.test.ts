import { strict as assert } from 'node:assert';
import { compareResults, keyedLine, resultTable } from '../../../src/runPanel/resultComparison';

describe('compareResults', () => {
  const spark = ["('C', 10)", "('A', 18)", "('B', 16)"];

  it('is equal for the same lines in another order', () => {
    const comparison = compareResults(spark, ["('A', 18)", "('B', 16)", "('C', 10)"]);
    assert.equal(comparison.equal, true);
    assert.deepEqual(comparison.differences, []);
  });

  it('lists a changed value, a missing key and an extra key by key, in key order', () => {
    const comparison = compareResults(spark, ["('A', 17)", "('C', 10)", "('D', 1)"]);
    assert.equal(comparison.equal, false);
    assert.deepEqual(comparison.differences, [
      { key: 'A', batch: '18', stream: '17' },
      { key: 'B', batch: '16' },
      { key: 'D', stream: '1' },
    ]);
  });

  it('counts repeated lines: a line twice is not the same as once', () => {
    const comparison = compareResults(['x,1', 'x,1'], ['x,1']);
    assert.equal(comparison.equal, false);
    assert.deepEqual(comparison.differences, [{ key: 'x', batch: '1; 1', stream: '1' }]);
  });

  it('is equal for two empty results and different when one side is empty', () => {
    assert.equal(compareResults([], []).equal, true);
    assert.deepEqual(compareResults([], ["('A', 1)"]).differences, [{ key: 'A', stream: '1' }]);
  });

  it('keeps keys that only differ by quoting apart', () => {
    const comparison = compareResults(["('1', 2)"], ['(1, 2)']);
    assert.equal(comparison.equal, false);
    assert.equal(comparison.differences.length, 2);
  });
});

describe('keyedLine', () => {
  it('splits Python tuple reprs at the first top-level comma, keeping nested values whole', () => {
    assert.deepEqual(keyedLine("('A', 18)"), { key: 'A', rawKey: "'A'", value: '18' });
    assert.deepEqual(keyedLine("('a, b', (1, 2))"), { key: 'a, b', rawKey: "'a, b'", value: '(1, 2)' });
    assert.deepEqual(keyedLine("(('x', 1), [2, 3])"), {
      key: "('x', 1)",
      rawKey: "('x', 1)",
      value: '[2, 3]',
    });
    assert.deepEqual(keyedLine(`("it's", 1)`), { key: "it's", rawKey: `"it's"`, value: '1' });
  });

  it('splits CSV rows at their first comma and keeps a line without a comma as its own key', () => {
    assert.deepEqual(keyedLine('A,18,x'), { key: 'A', rawKey: 'A', value: '18,x' });
    assert.deepEqual(keyedLine('"A,B",3'), { key: 'A,B', rawKey: '"A,B"', value: '3' });
    assert.deepEqual(keyedLine('hello'), { key: 'hello', rawKey: 'hello', value: '' });
  });
});

describe('resultTable', () => {
  it('sorts by key and reports the rows it leaves out', () => {
    const table = resultTable(["('C', 10)", "('A', 18)", "('B', 16)"], 2);
    assert.deepEqual(table.columns, ['key', 'value']);
    assert.deepEqual(table.rows, [
      ['A', '18'],
      ['B', '16'],
    ]);
    assert.equal(table.omittedRows, 1);
  });
});
