import { strict as assert } from 'node:assert';
import { formatPythonDateTime } from '../../../../runtime/src/streaming/pythonDateTime';

describe("str(datetime) for pprint's Time line", () => {
  const previous = process.env.TZ;
  before(() => {
    process.env.TZ = 'UTC';
  });
  after(() => {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  });

  it('prints whole seconds without a fraction and fractional seconds with six digits, as Python does', () => {
    assert.equal(formatPythonDateTime(Date.UTC(2025, 3, 22, 21, 1, 48)), '2025-04-22 21:01:48');
    assert.equal(formatPythonDateTime(Date.UTC(2025, 3, 22, 21, 1, 48, 500)), '2025-04-22 21:01:48.500000');
    assert.equal(formatPythonDateTime(Date.UTC(999, 0, 2, 3, 4, 5, 60)), '0999-01-02 03:04:05.060000');
  });
});
