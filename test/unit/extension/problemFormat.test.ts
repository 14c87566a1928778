import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, problemFromStderr, problemPattern } from '../../../src/problemFormat';

describe('problem format', () => {
  it('is the pattern of the $streamshift problem matcher contributed in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
    const matcher = pkg.contributes.problemMatchers.find((m: { name: string }) => m.name === 'streamshift');
    assert.equal(matcher.pattern.regexp, problemPattern);
    const line = formatProblem({
      file: '/w/job.ts',
      line: 12,
      column: 5,
      severity: 'error',
      message: 'boom\nsecond line',
    });
    const match = new RegExp(matcher.pattern.regexp).exec(line);
    assert.ok(match, line);
    const { file, line: l, column, severity, message } = matcher.pattern;
    assert.deepEqual(
      [match[file], match[l], match[column], match[severity], match[message]],
      ['/w/job.ts', '12', '5', 'error', 'boom second line'],
    );
  });

  it('writes a problem without a place as a plain line', () => {
    assert.equal(
      formatProblem({ file: undefined, line: 1, column: 1, severity: 'warning', message: 'careful' }),
      'warning: careful',
    );
  });
});

describe('problemFromStderr', () => {
  const stderr = [
    '/tmp/work/jobs/batch.ts-123/batch.cjs:40',
    '    throw new Error("no such file: batch_input/data.csv");',
    '    ^',
    '',
    'Error: no such file: batch_input/data.csv',
    '    at readLines (/ext/runtime/src/io.ts:10:11)',
    '    at SparkContext.textFile (/ext/runtime/src/context.ts:22:5)',
    '    at Object.<anonymous> (/w/wordcount/batch.ts:8:16)',
    '    at Module._compile (node:internal/modules/cjs/loader:1554:14)',
    '',
    'Node.js v20.19.0',
  ].join('\n');

  it("places the error on the first frame in the user's code", () => {
    assert.deepEqual(
      problemFromStderr(stderr, (path) => !path.startsWith('/ext/')),
      {
        file: '/w/wordcount/batch.ts',
        line: 8,
        column: 16,
        severity: 'error',
        message: 'Error: no such file: batch_input/data.csv',
      },
    );
  });

  it('finds nothing when no frame is in user code, or there is no stack', () => {
    assert.equal(
      problemFromStderr(stderr, () => false),
      undefined,
    );
    assert.equal(
      problemFromStderr('killed\n', () => true),
      undefined,
    );
  });
});
