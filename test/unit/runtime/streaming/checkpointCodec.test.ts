import { strict as assert } from 'node:assert';
import {
  CheckpointEncodingError,
  decodeValue,
  encodeValue,
} from '../../../../runtime/src/streaming/checkpointCodec';

describe('checkpoint codec', () => {
  it('round-trips the values a job state holds, through JSON, exactly', () => {
    const value = [
      'text',
      42,
      -0,
      NaN,
      Infinity,
      undefined,
      null,
      true,
      10n ** 30n,
      new Date(Date.UTC(2025, 3, 22)),
      new Map<unknown, unknown>([[['A', 1], new Set([1, 'x'])]]),
      { nested: { list: [1, [2, 3]], $: 'not a tag' } },
      new Uint8Array([0, 255]),
    ];
    const decoded = decodeValue(JSON.parse(JSON.stringify(encodeValue(value, 'state')))) as unknown[];
    assert.deepStrictEqual(decoded, value);
    assert.ok(Object.is(decoded[2], -0));
  });

  it('refuses what it could not restore faithfully, saying where it is', () => {
    class Counter {
      n = 1;
    }
    assert.throws(
      () => encodeValue([['k', new Counter()]], 'state of updateStateByKey'),
      (error: Error) =>
        error instanceof CheckpointEncodingError &&
        error.message ===
          'cannot checkpoint state of updateStateByKey[0][1]: an instance of class Counter cannot be ' +
            'restored from a checkpoint (use plain objects, arrays, Maps or Sets)',
    );
    assert.throws(() => encodeValue({ f: () => 1 }, 'state'), /cannot checkpoint state\.f: a function/);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    assert.throws(() => encodeValue(cyclic, 'state'), /contains a cycle/);
  });
});
