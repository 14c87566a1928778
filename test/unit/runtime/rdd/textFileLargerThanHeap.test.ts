import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { useScratchDir } from './context';

const REPO = join(__dirname, '..', '..', '..', '..');
const HEAP_MB = 24;
const ROWS = 3_000_000;

function runJob(path: string, mode = ''): ReturnType<typeof spawnSync> {
  return spawnSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', join(__dirname, 'largeFileJob.ts'), path, mode],
    { cwd: REPO, encoding: 'utf8', timeout: 120_000 },
  );
}

describe('textFile over a file larger than the heap', function () {
  this.timeout(180_000);
  const dir = useScratchDir();

  it('completes textFile → map → filter → reduceByKey with a heap smaller than the file', () => {
    const path = join(dir(), 'big.csv');
    const fd = openSync(path, 'w');
    let chunk = '';
    let expectedTotal = 0;
    const expectedKeys = new Set<number>();
    for (let id = 0; id < ROWS; id++) {
      const value = id % 100;
      if (value > 50) {
        expectedTotal++;
        expectedKeys.add(id % 1000);
      }
      chunk += `${id},key${id % 1000},${value}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
    closeSync(fd);
    assert.ok(statSync(path).size > 2 * HEAP_MB * 1024 * 1024, 'the file is larger than the heap');

    const whole = runJob(path, 'whole');
    assert.notEqual(
      whole.status,
      0,
      'reading the whole file must not fit this heap (else the test proves nothing)',
    );

    const streamed = runJob(path);
    assert.equal(streamed.status, 0, String(streamed.stderr));
    const result = JSON.parse(String(streamed.stdout).trim()) as { keys: number; total: number };
    assert.equal(result.total, expectedTotal);
    assert.equal(result.keys, expectedKeys.size);
  });
});
