// The problem matchers contributed in package.json, applied the way VS Code applies them to a task's
// terminal (line by line) on the text a real JobRun writes: the `$streamshift` pattern finds exactly the
// problems the runner reports, at the same file, line, column, severity and message, and nothing else;
// `$streamshift-watch` finds no problem (the runner places a stream's, ADR 0006), only the run's
// bundling and running lines.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { JobRun, type JobDefinition } from '../../../src/jobRun';
import { problemMatcherOf, problemsLeftByMatcher, type ProblemLocation } from '../../../src/problemFormat';

interface ContributedMatcher {
  name: string;
  owner?: string;
  fileLocation?: string[];
  pattern?: { regexp: string; file: number; line: number; column: number; severity: number; message: number };
  background?: { activeBegins: boolean; beginsPattern: string; endsPattern: string };
}

const packageJson = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { problemMatchers: ContributedMatcher[] };
};
const matchers = packageJson.contributes.problemMatchers;
const jobs = join(__dirname, 'fixtures', 'jobs');

function matcher(name: string): ContributedMatcher {
  const found = matchers.find((m) => `$${m.name}` === name);
  assert.ok(found, `package.json contributes no problem matcher ${name}`);
  return found;
}

/** What VS Code's matcher makes of each terminal line: a problem where the pattern matches. */
function matchedProblems(text: string, name: string = problemMatcherOf.batch): ProblemLocation[] {
  const { pattern } = matcher(name);
  assert.ok(pattern);
  const regexp = new RegExp(pattern.regexp);
  return text.split('\n').flatMap((line) => {
    const m = regexp.exec(line);
    if (!m) return [];
    return [
      {
        file: m[pattern.file],
        line: Number(m[pattern.line]),
        column: Number(m[pattern.column]),
        severity: m[pattern.severity] as 'error' | 'warning',
        message: m[pattern.message]!,
      },
    ];
  });
}

describe('problem matchers on the lines the runner prints', () => {
  let workDir: string;
  beforeEach(() => (workDir = mkdtempSync(join(tmpdir(), 'streamshift-matcher-'))));
  afterEach(() => rmSync(workDir, { recursive: true, force: true }));

  async function run(definition: JobDefinition) {
    let text = '';
    const reported: ProblemLocation[] = [];
    await new JobRun(
      definition,
      {
        isTrusted: () => true,
        loadEsbuild: async () => build,
        runtimeRoot: join(__dirname, 'fixtures', 'runtime'),
        workDir,
        execPath: process.execPath,
        env: process.env,
        nonUserRoots: [join(__dirname, 'fixtures', 'runtime'), workDir],
        onProblems: (_definition, problems) => reported.push(...problems),
      },
      { write: (chunk) => (text += chunk), close: () => undefined },
    ).start();
    return { text, reported };
  }

  it('are contributed with absolute file locations', () => {
    assert.deepEqual(matcher(problemMatcherOf.batch).fileLocation, ['absolute']);
    assert.deepEqual(matcher(problemMatcherOf.stream).fileLocation, ['absolute']);
  });

  it('own their problems apart from every diagnostic collection of the extension', () => {
    // VS Code keys problems by owner and file: a collection with the matcher's owner would replace the
    // matcher's problems (and a task's end would clear the collection's), and the extension host would
    // not see the matcher's problems at all (it takes them for its own).
    const src = join(__dirname, '../../../src');
    const collections = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [
        ...readFileSync(join(src, file), 'utf8').matchAll(/createDiagnosticCollection\(\s*'([^']+)'/g),
      ])
      .map((m) => m[1]);
    assert.ok(collections.includes('streamshift-jobs'), `collections found: ${collections.join(', ')}`);
    for (const m of matchers) {
      if (m.owner !== undefined) assert.ok(!collections.includes(m.owner), `${m.name} owner ${m.owner}`);
    }
  });

  for (const [title, job] of [
    ['a syntax error (esbuild)', 'syntax-error.ts'],
    ['an unknown runtime sub-path (esbuild)', 'unknown-subpath.ts'],
    ["an uncaught error (the stack's first frame in the user's file)", 'throws.ts'],
  ] as const) {
    it(`find exactly the problems the runner reports for ${title}`, async () => {
      const jobPath = join(jobs, job);
      const { text, reported } = await run({ jobPath, mode: 'batch' });
      assert.ok(reported.length > 0, `the runner reported no problem:\n${text}`);
      assert.ok(
        reported.every((problem) => problem.file === jobPath),
        JSON.stringify(reported),
      );
      assert.deepEqual(matchedProblems(text), reported, text);
      assert.deepEqual(matchedProblems(text, problemMatcherOf.stream), [], 'the watch matcher places none');
      // All placed: in a batch task nothing is left for the runner to publish itself.
      assert.deepEqual(problemsLeftByMatcher(reported, { isBackground: false }), []);
    });
  }

  it('find nothing in the output of a job that succeeds', async () => {
    const { text, reported } = await run({ jobPath: join(jobs, 'batch.ts'), mode: 'batch' });
    assert.match(text, /job exited with code 0/);
    assert.deepEqual(reported, []);
    assert.deepEqual(matchedProblems(text), []);
  });

  it('see a run begin at "bundling" and become active at "running" or "build failed"', async () => {
    const { background } = matcher(problemMatcherOf.stream);
    assert.ok(background?.activeBegins, 'a stream task is busy from its start');
    const begins = new RegExp(background.beginsPattern);
    const ends = new RegExp(background.endsPattern);
    for (const [job, endLine] of [
      ['batch.ts', /^streamshift: running batch job/],
      ['syntax-error.ts', /^streamshift: build failed$/],
    ] as const) {
      const lines = (await run({ jobPath: join(jobs, job), mode: 'batch' })).text.split('\n');
      assert.deepEqual(
        lines.filter((line) => begins.test(line)),
        [`streamshift: bundling ${job}…`],
      );
      const ending = lines.filter((line) => ends.test(line));
      assert.equal(ending.length, 1, lines.join('\n'));
      assert.match(ending[0]!, endLine);
    }
  });
});

describe('problemsLeftByMatcher', () => {
  const placed: ProblemLocation = {
    file: '/w/job.ts',
    line: 7,
    column: 9,
    severity: 'error',
    message: 'Error: expected 3 columns\n    at somewhere',
  };
  const unplaced: ProblemLocation = {
    file: undefined,
    line: 1,
    column: 1,
    severity: 'error',
    message: 'esbuild service stopped',
  };

  it('leaves the runner only what the matcher cannot place when the task is not a background task', () => {
    assert.deepEqual(problemsLeftByMatcher([placed, unplaced], { isBackground: false }), [unplaced]);
  });

  it('leaves the runner everything of a background task, whose matcher problems VS Code removes at its end', () => {
    assert.deepEqual(problemsLeftByMatcher([placed, unplaced], { isBackground: true }), [placed, unplaced]);
  });
});
