import { strict as assert } from 'node:assert';
import { UserFunctionError } from '@streamshift/runtime';
import { useSparkContext } from './context';

/** Runs `action` and returns the UserFunctionError it throws. */
function failure(action: () => unknown): UserFunctionError {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof UserFunctionError, `expected a UserFunctionError, got ${String(error)}`);
    return error;
  }
  assert.fail('the action did not fail');
}

describe('errors thrown by user functions', () => {
  const sc = useSparkContext();
  const explode = (): never => {
    throw new RangeError('bad value');
  };

  it('name the operation, the partition and the element, and keep the cause', () => {
    const error = failure(() =>
      sc()
        .parallelize(['ok', 'a,b', 'boom'], 2)
        .map((line) => (line === 'boom' ? explode() : line))
        .collect(),
    );
    assert.equal(error.message, "map failed in partition 1 on element 'boom': RangeError: bad value");
    assert.equal(error.operation, 'map');
    assert.equal(error.partition, 1);
    assert.equal(error.element, 'boom');
    assert.ok(error.cause instanceof RangeError);
  });

  it('show the element in Python form, truncated', () => {
    const long = 'x'.repeat(1000);
    const error = failure(() =>
      sc()
        .parallelize([[long, 1]], 1)
        .filter(explode)
        .count(),
    );
    assert.match(
      error.message,
      /^filter failed in partition 0 on element \('x{10,}\.\.\.: RangeError: bad value$/,
    );
    assert.ok(error.message.length < 300);
  });

  it('are reported for every kind of user function', () => {
    const pairs = () =>
      sc().parallelize<[string, number]>(
        [
          ['a', 1],
          ['a', 2],
        ],
        1,
      );
    const cases: [string, () => unknown][] = [
      ['flatMap', () => sc().parallelize([1]).flatMap(explode).collect()],
      ['mapValues', () => pairs().mapValues(explode).collect()],
      ['flatMapValues', () => pairs().flatMapValues(explode).collect()],
      ['keyBy', () => sc().parallelize([1]).keyBy(explode).collect()],
      ['reduceByKey', () => pairs().reduceByKey(explode).collect()],
      ['foldByKey', () => pairs().foldByKey(0, explode).collect()],
      ['groupBy', () => sc().parallelize([1]).groupBy(explode).collect()],
      ['sortBy', () => sc().parallelize([1]).sortBy(explode).collect()],
      ['reduce', () => sc().parallelize([1, 2], 1).reduce(explode)],
      ['fold', () => sc().parallelize([1], 1).fold(0, explode)],
      ['foreach', () => sc().parallelize([1]).foreach(explode)],
      ['mapPartitions', () => sc().parallelize([1]).mapPartitions(explode).collect()],
      ['foreachPartition', () => sc().parallelize([1]).foreachPartition(explode)],
    ];
    for (const [operation, action] of cases) {
      const error = failure(action);
      assert.equal(error.operation, operation, error.message);
      assert.match(error.message, new RegExp(`^${operation} failed in partition \\d+`));
    }
  });

  it('a generator that throws midway is reported as the flatMap that produced it', () => {
    const error = failure(() =>
      sc()
        .parallelize([3], 1)
        .flatMap(function* (n) {
          yield n;
          throw new Error('midway');
        })
        .collect(),
    );
    assert.equal(error.message, 'flatMap failed in partition 0 on element 3: Error: midway');
  });

  it('a flatMap function that returns a non-iterable is a clear error', () => {
    const error = failure(() =>
      sc()
        .parallelize([1], 1)
        .flatMap(() => 5 as unknown as number[])
        .collect(),
    );
    assert.match(error.message, /flatMap function must return an iterable, got 5/);
  });

  it('a downstream failure is not blamed on the upstream operation', () => {
    const error = failure(() =>
      sc()
        .parallelize([1, 2], 1)
        .flatMap((x) => [x, x])
        .map((x) => (x === 2 ? explode() : x))
        .collect(),
    );
    assert.equal(error.operation, 'map');
  });
});
