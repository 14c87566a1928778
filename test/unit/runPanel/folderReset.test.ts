import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetStreamFolders } from '../../../src/runPanel/folderReset';

describe('resetStreamFolders', () => {
  let root: string;
  let jobDir: string;
  let outside: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'streamshift-reset-'));
    jobDir = join(root, 'job');
    outside = join(root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'precious.csv'), 'x');
    for (const dir of ['stream_input', 'checkpoint/batch', 'batch_output/output.csv', 'feed']) {
      mkdirSync(join(jobDir, dir), { recursive: true });
    }
    writeFileSync(join(jobDir, 'stream_input', 'data1.csv'), 'a');
    writeFileSync(join(jobDir, 'stream_input', '.data2.csv.tmp.feeding'), 'b');
    writeFileSync(join(jobDir, 'checkpoint', 'batch', 'checkpoint-1'), 'c');
    writeFileSync(join(jobDir, 'batch_output', 'output.csv', 'part-00000'), 'd');
    writeFileSync(join(jobDir, 'feed', 'data1.csv'), 'a');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('empties the watched folder and removes the checkpoint and outputs, keeping the feed files', () => {
    const removed = resetStreamFolders({
      jobDir,
      watchedFolder: 'stream_input/',
      checkpointFolder: 'checkpoint/batch',
      outputPaths: ['batch_output/output.csv'],
    });
    assert.equal(removed.length, 4);
    assert.deepEqual(readdirSync(join(jobDir, 'stream_input')), []);
    assert.ok(!existsSync(join(jobDir, 'checkpoint', 'batch')));
    assert.ok(!existsSync(join(jobDir, 'batch_output', 'output.csv')));
    assert.deepEqual(readdirSync(join(jobDir, 'feed')), ['data1.csv']);
  });

  it('deletes nothing when one of the paths leaves the job folder', () => {
    assert.throws(
      () =>
        resetStreamFolders({
          jobDir,
          watchedFolder: 'stream_input/',
          checkpointFolder: '../outside',
          outputPaths: ['batch_output/output.csv'],
        }),
      /outside the job's folder/,
    );
    assert.deepEqual(readdirSync(join(jobDir, 'stream_input')).length, 2);
    assert.ok(existsSync(join(outside, 'precious.csv')));
  });

  it('removes a symlink in the watched folder, never what it points to', () => {
    symlinkSync(join(outside, 'precious.csv'), join(jobDir, 'stream_input', 'link.csv'));
    resetStreamFolders({ jobDir, watchedFolder: 'stream_input', outputPaths: [] });
    assert.deepEqual(readdirSync(join(jobDir, 'stream_input')), []);
    assert.ok(existsSync(join(outside, 'precious.csv')));
  });

  it('refuses a checkpoint folder reached through a symlink that leads outside', () => {
    symlinkSync(outside, join(jobDir, 'linked'));
    assert.throws(
      () =>
        resetStreamFolders({
          jobDir,
          watchedFolder: 'stream_input',
          checkpointFolder: 'linked',
          outputPaths: [],
        }),
      /symlink/,
    );
    assert.ok(existsSync(join(outside, 'precious.csv')));
  });

  it('refuses to delete the whole job folder', () => {
    assert.throws(
      () => resetStreamFolders({ jobDir, watchedFolder: 'stream_input', outputPaths: ['.'] }),
      /whole job folder/,
    );
    assert.ok(existsSync(join(jobDir, 'feed', 'data1.csv')));
  });
});
