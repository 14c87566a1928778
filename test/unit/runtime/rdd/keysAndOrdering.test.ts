import { strict as assert } from 'node:assert';
import { comparePython, encodeKey, KeyMap, portableHash, pythonEquals } from '@streamshift/runtime';
import { partitionOf } from '../../../../runtime/src/portableHash';

describe('Python ordering (comparePython)', () => {
  it('orders numbers numerically, booleans as ints, strings by code point', () => {
    assert.ok(comparePython(2, 10) < 0);
    assert.ok(comparePython(true, 0) > 0);
    assert.equal(comparePython(1, true), 0);
    assert.ok(comparePython('B', 'a') < 0);
    assert.ok(comparePython('ab', 'abc') < 0);
    // U+FF21 (fullwidth A) sorts before U+1F600 in Python; UTF-16 unit order would say the opposite.
    assert.ok(comparePython('\uff21', '😀') < 0);
    assert.ok(comparePython(1n, 2) < 0);
  });

  it('orders tuples element by element, then by length', () => {
    assert.ok(comparePython([1, 'b'], [1, 'c']) < 0);
    assert.ok(comparePython([2], [1, 'z']) > 0);
    assert.ok(comparePython([1], [1, 0]) < 0);
    assert.equal(comparePython(['a', null], ['a', null]), 0);
    assert.ok(comparePython([['a', 2]], [['a', 10]]) < 0);
  });

  it('refuses orders Python refuses, with its message', () => {
    assert.throws(
      () => comparePython('a', 1),
      /^TypeError: '<' not supported between instances of 'str' and 'int'$/,
    );
    assert.throws(() => comparePython(null, 1.5), /'NoneType' and 'float'/);
    assert.throws(() => comparePython([1, 'a'], [1, 2]), /'str' and 'int'/);
  });

  it('pythonEquals compares structurally', () => {
    assert.ok(pythonEquals([1, ['a']], [1, ['a']]));
    assert.ok(pythonEquals({ a: 1 }, { a: 1 }));
    assert.ok(pythonEquals(null, undefined));
    assert.ok(!pythonEquals([1, 2], [1, 2, 3]));
    assert.ok(!pythonEquals('1', 1));
  });
});

describe('KeyMap and key encoding', () => {
  it('finds composite keys by value and keeps the first key object', () => {
    const map = new KeyMap<unknown, number>();
    const first = ['a', 1];
    map.set(first, 1);
    map.set(['a', 1], 2);
    map.set('a', 3);
    map.set(1, 4);
    map.set('1', 5);
    map.set(null, 6);
    map.set(undefined, 7);
    assert.equal(map.size, 5);
    assert.equal(map.get(['a', 1]), 2);
    assert.ok(map.has(['a', 1]));
    assert.equal(map.get(['a', 2]), undefined);
    assert.equal(map.get(null), 7);
    assert.equal([...map.entries()].find(([key]) => Array.isArray(key))?.[0], first);
  });

  it('encodes keys injectively', () => {
    const keys: unknown[] = [
      ['a', 'b'],
      ['a,b'],
      ['a', ['b']],
      [['a'], 'b'],
      'a',
      ['a'],
      1,
      '1',
      [1],
      [1, 1],
      { a: 1 },
      { b: 1 },
      [null],
      [],
      true,
    ];
    const codes = keys.map(encodeKey);
    assert.equal(new Set(codes).size, keys.length);
    assert.equal(encodeKey({ x: 1, y: 2 }), encodeKey({ y: 2, x: 1 }));
    assert.equal(encodeKey(-0), encodeKey(0));
  });
});

describe('portableHash', () => {
  it('hashes ints to themselves and None to 0, and is stable', () => {
    assert.equal(portableHash(7), 7);
    assert.equal(portableHash(null), 0);
    assert.equal(portableHash('word'), portableHash('word'));
    assert.equal(portableHash(['a', 1]), portableHash(['a', 1]));
    assert.notEqual(portableHash(['a', 1]), portableHash([1, 'a']));
  });

  it("places keys with a non-negative modulo, as Python's %", () => {
    assert.equal(partitionOf(-1, 3), 2);
    assert.equal(partitionOf(5, 3), 2);
    for (const key of ['x', 'yy', ['a', 2], 3.5, { k: 1 }]) {
      const partition = partitionOf(key, 4);
      assert.ok(partition >= 0 && partition < 4);
    }
  });
});
