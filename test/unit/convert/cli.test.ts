// The CLI, run in-process through main(argv, io) against an in-memory file system.
import { strict as assert } from 'node:assert';
import { main, streamFileName, type CliIo } from '../../../src/cli/main';
import { loadFixture } from './fixtureFiles';
import { rddJob } from './jobText';
import { applyUnifiedDiff } from './patch';

class FakeIo implements CliIo {
  readonly cwd = '/work';
  out = '';
  err = '';
  readonly files = new Map<string, string>();
  readonly writes: string[] = [];
  failWrites = false;
  readFile(path: string): string {
    const text = this.files.get(path);
    if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return text;
  }
  writeFile(path: string, text: string): void {
    if (this.failWrites) throw new Error('EACCES: permission denied');
    this.writes.push(path);
    this.files.set(path, text);
  }
  stdout(text: string): void {
    this.out += text;
  }
  stderr(text: string): void {
    this.err += text;
  }
}

const wordcount = loadFixture('rdd/wordcount');
const blockedJob = rddJob(`console.log(sc.textFile('data.csv').count());`).text;

function ioWith(files: Record<string, string>): FakeIo {
  const io = new FakeIo();
  // The fixtures are written for the repository's Prettier width; the CLI reads it through its io.
  io.files.set('/work/.prettierrc.json', '{ "printWidth": 110 }');
  for (const [name, text] of Object.entries(files)) io.files.set(`/work/${name}`, text);
  return io;
}

describe('cli: streamshift convert', () => {
  it('prints a unified diff that turns the batch job into the stream job', () => {
    const io = ioWith({ 'jobs/batch.ts': wordcount.input });
    assert.equal(main(['convert', 'jobs/batch.ts'], io), 0, io.err);
    assert.match(io.out, /^--- jobs\/batch\.ts\n\+\+\+ jobs\/batch\.stream\.ts\n@@ -/);
    assert.equal(applyUnifiedDiff(wordcount.input, io.out), wordcount.expected);
    assert.deepEqual(io.writes, []);
    assert.match(
      io.err,
      /jobs\/batch\.ts:8: textFile\("batch_input\/data\.csv"\) → reduceByKey → saveAsTextFile: convertible/,
    );
  });

  it('-o writes the stream job to the given file', () => {
    const io = ioWith({ 'jobs/batch.ts': wordcount.input });
    assert.equal(main(['convert', 'jobs/batch.ts', '-o', 'out/stream.ts'], io), 0);
    assert.deepEqual(io.writes, ['/work/out/stream.ts']);
    assert.equal(io.files.get('/work/out/stream.ts'), wordcount.expected);
    assert.equal(io.out, '');
    assert.match(io.err, /wrote out\/stream\.ts/);
  });

  it('--in-place replaces the job', () => {
    const io = ioWith({ 'batch.ts': wordcount.input });
    assert.equal(main(['convert', '--in-place', 'batch.ts'], io), 0);
    assert.equal(io.files.get('/work/batch.ts'), wordcount.expected);
  });

  it('--check exits 1 when a pipeline is blocked and names the reason and fix', () => {
    const io = ioWith({ 'batch.ts': blockedJob });
    assert.equal(main(['convert', 'batch.ts', '--check'], io), 1);
    assert.match(io.err, /batch\.ts:4: count\(\) of a stream changes with every micro-batch/);
    assert.match(io.err, /fix: Aggregate with/);
    assert.equal(io.out, '');
  });

  it('--check exits 0 when every pipeline can stream, and writes nothing', () => {
    const io = ioWith({ 'batch.ts': wordcount.input });
    assert.equal(main(['convert', 'batch.ts', '--check'], io), 0);
    assert.equal(io.out, '');
    assert.deepEqual(io.writes, []);
  });

  it('--json reports pipelines, verdicts, reasons with lines, and notes', () => {
    const io = ioWith({ 'batch.ts': blockedJob });
    assert.equal(main(['convert', 'batch.ts', '--json'], io), 0);
    const report = JSON.parse(io.out) as {
      file: string;
      pipelines: {
        verdict: string;
        label: string;
        reasons: { message: string; fix: string; line: number }[];
        converted: boolean;
      }[];
      notes: string[];
    };
    assert.equal(report.file, 'batch.ts');
    assert.equal(report.pipelines.length, 1);
    assert.equal(report.pipelines[0].verdict, 'blocked');
    assert.equal(report.pipelines[0].converted, false);
    assert.equal(report.pipelines[0].reasons[0].line, 4);
    assert.match(report.pipelines[0].reasons[0].fix, /reduceByKey/);
  });

  it('--json with -o reports the written file', () => {
    const io = ioWith({ 'batch.ts': wordcount.input });
    assert.equal(main(['convert', 'batch.ts', '--json', '-o', 'stream.ts'], io), 0);
    const report = JSON.parse(io.out) as {
      written: string;
      pipelines: { verdict: string; converted: boolean }[];
    };
    assert.equal(report.written, 'stream.ts');
    assert.deepEqual(
      report.pipelines.map((p) => [p.verdict, p.converted]),
      [['convertible', true]],
    );
  });

  it('settings that change the output: --input-dir, --trigger, --checkpoint-root', () => {
    const io = ioWith({ 'batch.ts': wordcount.input });
    assert.equal(
      main(
        ['convert', 'batch.ts', '--input-dir', 'incoming/', '--trigger', '2', '--checkpoint-root', 'state'],
        io,
      ),
      0,
    );
    assert.match(io.out, /\+ {2}const ssc = new StreamingContext\(sc, 2\);/);
    assert.match(io.out, /textFileStream\('incoming\/'\)/);
    assert.match(io.out, /\+ {2}ssc\.checkpoint\('state\/batch'\);/);
  });

  it('a job without pipelines prints no diff and says so', () => {
    const io = ioWith({ 'plain.ts': 'console.log(1);\n' });
    assert.equal(main(['convert', 'plain.ts'], io), 0);
    assert.equal(io.out, '');
    assert.match(io.err, /plain\.ts: no batch pipeline found/);
  });

  it('a missing file is exit 2 naming the file', () => {
    const io = ioWith({});
    assert.equal(main(['convert', 'nope.ts'], io), 2);
    assert.match(io.err, /streamshift: cannot read nope\.ts: ENOENT/);
  });

  it('a failed write is exit 2 and nothing is half-written', () => {
    const io = ioWith({ 'batch.ts': wordcount.input });
    io.failWrites = true;
    assert.equal(main(['convert', 'batch.ts', '--in-place'], io), 2);
    assert.match(io.err, /cannot write batch\.ts: EACCES/);
    assert.equal(io.files.get('/work/batch.ts'), wordcount.input);
  });

  for (const [argv, message] of [
    [['convert'], /convert needs a job file/],
    [['convert', 'a.ts', 'b.ts'], /only one job file/],
    [['convert', 'a.ts', '-o'], /-o needs a file name/],
    [['convert', 'a.ts', '-o', 'b.ts', '--in-place'], /-o and --in-place cannot be used together/],
    [['convert', 'a.ts', '--trigger', 'soon'], /--trigger needs a number of seconds/],
    [['convert', 'a.ts', '--verbose'], /unknown option "--verbose"/],
    [['transmogrify'], /unknown command "transmogrify"/],
  ] as const) {
    it(`usage error: ${argv.join(' ')}`, () => {
      const io = ioWith({});
      assert.equal(main([...argv], io), 2);
      assert.match(io.err, message);
      assert.match(io.err, /usage: streamshift convert/);
    });
  }

  it('--help prints usage on stdout and exits 0', () => {
    const io = ioWith({});
    assert.equal(main(['convert', '--help'], io), 0);
    assert.match(io.out, /--in-place/);
  });

  it('the default output name sits beside the job', () => {
    assert.equal(streamFileName('/a/b/batch.ts'), '/a/b/batch.stream.ts');
    assert.equal(streamFileName('/a/job'), '/a/job.stream.ts');
  });
});
