import { strict as assert } from 'node:assert';
import { pythonNumberRepr, pythonRepr, pythonReprTruncated, pythonStr } from '@streamshift/runtime';

describe('pythonRepr / pythonStr', () => {
  it('writes a top-level string as itself and tuples as Python does', () => {
    assert.equal(pythonStr('hello'), 'hello');
    assert.equal(pythonStr(['A', 18]), "('A', 18)");
    assert.equal(
      pythonStr([
        ['A', 'x'],
        [1, 2.5],
      ]),
      "(('A', 'x'), (1, 2.5))",
    );
  });

  it('writes one-element and empty tuples like Python', () => {
    assert.equal(pythonRepr([1]), '(1,)');
    assert.equal(pythonRepr([]), '()');
  });

  it('quotes strings with Python quote selection and escapes', () => {
    assert.equal(pythonRepr('plain'), "'plain'");
    assert.equal(pythonRepr("it's"), '"it\'s"');
    assert.equal(pythonRepr('say "hi"'), `'say "hi"'`);
    assert.equal(pythonRepr(`both ' and "`), `'both \\' and "'`);
    assert.equal(pythonRepr('a\\b'), "'a\\\\b'");
    assert.equal(pythonRepr('tab\tnl\ncr\r'), "'tab\\tnl\\ncr\\r'");
    assert.equal(pythonRepr('\x00\x1f\x7f'), "'\\x00\\x1f\\x7f'");
  });

  it('keeps printable non-ASCII text and escapes non-printable code points', () => {
    assert.equal(pythonRepr('café – 東京 😀'), "'café – 東京 😀'");
    assert.equal(pythonRepr('\u00a0'), "'\\xa0'");
    assert.equal(pythonRepr('\u200b'), "'\\u200b'");
    assert.equal(pythonRepr('\u{e0001}'), "'\\U000e0001'");
  });

  it('writes ints as ints and floats in Python repr form', () => {
    assert.equal(pythonRepr(18), '18');
    assert.equal(pythonRepr(-3), '-3');
    assert.equal(pythonRepr(2.5), '2.5');
    assert.equal(pythonRepr(0.1), '0.1');
    assert.equal(pythonRepr(1 / 3), '0.3333333333333333');
    assert.equal(pythonNumberRepr(0.0001), '0.0001');
    assert.equal(pythonNumberRepr(0.00001), '1e-05');
    assert.equal(pythonNumberRepr(1.5e-7), '1.5e-07');
    assert.equal(pythonNumberRepr(-2.5e-10), '-2.5e-10');
    assert.equal(pythonNumberRepr(1e21), '1000000000000000000000');
    assert.equal(pythonNumberRepr(NaN), 'nan');
    assert.equal(pythonNumberRepr(Infinity), 'inf');
    assert.equal(pythonNumberRepr(-Infinity), '-inf');
    assert.equal(pythonRepr(12345678901234567890n), '12345678901234567890');
  });

  it('writes None, booleans, dicts, sets, bytes and datetimes', () => {
    assert.equal(pythonRepr(null), 'None');
    assert.equal(pythonRepr(undefined), 'None');
    assert.equal(pythonRepr([true, false]), '(True, False)');
    assert.equal(pythonRepr({ k: 1, "it's": ['a', null] }), `{'k': 1, "it's": ('a', None)}`);
    assert.equal(
      pythonRepr(
        new Map<unknown, unknown>([
          [1, 'x'],
          [['a', 2], 3.5],
        ]),
      ),
      "{1: 'x', ('a', 2): 3.5}",
    );
    assert.equal(pythonRepr(new Set([1, 2])), '{1, 2}');
    assert.equal(pythonRepr(new Set()), 'set()');
    assert.equal(pythonRepr(Buffer.from("a'\n\x00")), `b"a'\\n\\x00"`);
    assert.equal(
      pythonRepr(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))),
      'datetime.datetime(2024, 1, 2, 3, 4, 5)',
    );
    assert.equal(pythonRepr(new Date(Date.UTC(2024, 0, 2))), 'datetime.datetime(2024, 1, 2, 0, 0)');
    assert.equal(
      pythonRepr(new Date(Date.UTC(2024, 0, 2, 0, 0, 1, 250))),
      'datetime.datetime(2024, 1, 2, 0, 0, 1, 250000)',
    );
  });

  it('does not loop on cyclic structures', () => {
    const cycle: unknown[] = [1];
    cycle.push(cycle);
    assert.equal(pythonRepr(cycle), '(1, ...)');
  });

  it('truncates long reprs for error messages', () => {
    const text = pythonReprTruncated('x'.repeat(500), 20);
    assert.equal(text.length, 20);
    assert.ok(text.endsWith('...'));
    assert.equal(pythonReprTruncated('short', 20), "'short'");
  });
});
