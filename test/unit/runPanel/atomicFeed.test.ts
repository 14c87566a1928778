import { strict as assert } from 'node:assert';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feedFileAtomically } from '../../../src/runPanel/atomicFeed';
import { PathEscapeError } from '../../../src/runPanel/safePaths';

describe('feedFileAtomically', () => {
  let root: string;
  let jobDir: string;
  let outside: string;
  let sample: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'streamshift-feed-'));
    jobDir = join(root, 'job');
    outside = join(root, 'outside');
    mkdirSync(join(jobDir, 'feed'), { recursive: true });
    mkdirSync(outside);
    sample = join(jobDir, 'feed', 'data1.csv');
    writeFileSync(sample, '2025-04-22 21:01:48,A,76\n2025-04-22 21:02:01,C,19\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the watched folder and places an exact copy under the same name, leaving no temporary file', () => {
    const placed = feedFileAtomically({ sourcePath: sample, jobDir, watchedFolder: 'stream_input/' });
    assert.equal(placed, join(jobDir, 'stream_input', 'data1.csv'));
    assert.equal(readFileSync(placed, 'utf8'), readFileSync(sample, 'utf8'));
    assert.deepEqual(readdirSync(join(jobDir, 'stream_input')), ['data1.csv']);
  });

  it('writes a hidden dot-file in the watched folder first and renames it into place', () => {
    const renames: [string, string][] = [];
    // Observe the rename without changing it: the file must appear under its name only through it.
    feedFileAtomically(
      { sourcePath: sample, jobDir, watchedFolder: 'stream_input' },
      {
        rename: (from, to) => {
          renames.push([from, to]);
          assert.ok(!existsSync(to), 'the target does not exist before the rename');
          assert.equal(
            readFileSync(from, 'utf8'),
            readFileSync(sample, 'utf8'),
            'complete before the rename',
          );
          renameSync(from, to);
        },
      },
    );
    assert.equal(renames.length, 1);
    const [from, to] = renames[0]!;
    assert.equal(to, join(jobDir, 'stream_input', 'data1.csv'));
    assert.equal(
      join(from, '..'),
      join(jobDir, 'stream_input'),
      'the temporary file is in the watched folder',
    );
    assert.match(from.slice(join(jobDir, 'stream_input').length + 1), /^\.data1\.csv\..+/);
  });

  it('refuses a watched folder that climbs out of the job folder', () => {
    assert.throws(
      () => feedFileAtomically({ sourcePath: sample, jobDir, watchedFolder: '../outside' }),
      (error: Error) => error instanceof PathEscapeError && /outside the job's folder/.test(error.message),
    );
    assert.deepEqual(readdirSync(outside), []);
  });

  it('refuses file names with separators or dot segments', () => {
    for (const name of ['../escape.csv', 'sub/escape.csv', '..', '.', 'a\\b.csv']) {
      assert.throws(
        () => feedFileAtomically({ sourcePath: sample, jobDir, watchedFolder: 'stream_input', name }),
        PathEscapeError,
        name,
      );
    }
    assert.deepEqual(readdirSync(outside), []);
    assert.ok(!existsSync(join(jobDir, 'escape.csv')));
  });

  it('refuses a watched folder that is a symlink leading outside the job folder', () => {
    symlinkSync(outside, join(jobDir, 'stream_input'));
    assert.throws(
      () => feedFileAtomically({ sourcePath: sample, jobDir, watchedFolder: 'stream_input' }),
      (error: Error) => error instanceof PathEscapeError && /symlink/.test(error.message),
    );
    assert.deepEqual(readdirSync(outside), []);
  });

  it('refuses to feed through a symlink already sitting at the target name', () => {
    mkdirSync(join(jobDir, 'stream_input'));
    const victim = join(outside, 'victim.csv');
    writeFileSync(victim, 'keep me\n');
    symlinkSync(victim, join(jobDir, 'stream_input', 'data1.csv'));
    assert.throws(
      () => feedFileAtomically({ sourcePath: sample, jobDir, watchedFolder: 'stream_input' }),
      PathEscapeError,
    );
    assert.equal(readFileSync(victim, 'utf8'), 'keep me\n');
  });

  it('allows a symlinked watched folder that stays inside the job folder', () => {
    mkdirSync(join(jobDir, 'real_input'));
    symlinkSync(join(jobDir, 'real_input'), join(jobDir, 'stream_input'));
    feedFileAtomically({ sourcePath: sample, jobDir, watchedFolder: 'stream_input' });
    assert.deepEqual(readdirSync(join(jobDir, 'real_input')), ['data1.csv']);
  });

  it('names the missing sample file and leaves nothing behind when it cannot be read', () => {
    assert.throws(
      () =>
        feedFileAtomically({
          sourcePath: join(jobDir, 'feed', 'nope.csv'),
          jobDir,
          watchedFolder: 'stream_input',
        }),
      /nope\.csv/,
    );
    assert.deepEqual(readdirSync(join(jobDir, 'stream_input')), []);
  });
});
