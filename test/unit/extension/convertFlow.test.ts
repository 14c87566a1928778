// The "Convert to Streaming" flow against a fake editor: which pipeline, what is previewed, what is
// applied where, and what stops it.
import { strict as assert } from 'node:assert';
import type { Conversion, ConvertOptions, JobFile, Pipeline, TextEdit } from '../../../src/convert/api';
import { createLazyConverter } from '../../../src/converterLoader';
import {
  convertToStreaming,
  pipelinePickItems,
  type ApplyChoice,
  type ApplyPrompt,
  type ConvertDocument,
  type ConvertEditorPort,
  type PipelinePickItem,
} from '../../../src/convertFlow';
import { defaultSettings } from '../../../src/settings';
import { blocked, pipeline } from './pipelines';

const document: ConvertDocument = {
  fileName: '/w/job/batch.ts',
  text: 'const a = 1; // pipeline here',
  version: 3,
};

class FakeEditor implements ConvertEditorPort {
  calls: string[] = [];
  picks: PipelinePickItem[][] = [];
  prompts: ApplyPrompt[] = [];
  previewed: string | undefined;
  applied: TextEdit[] | undefined;
  created: { path: string; text: string } | undefined;
  messages: string[] = [];
  version = document.version;
  existing = new Set<string>();
  overwrite = false;
  constructor(
    private readonly pick: (items: readonly PipelinePickItem[]) => PipelinePickItem | undefined = () =>
      undefined,
    private readonly choice: ApplyChoice | undefined = 'newFile',
  ) {}
  async pickPipeline(items: readonly PipelinePickItem[]) {
    this.picks.push([...items]);
    return this.pick(items);
  }
  async showPreview(_d: ConvertDocument, text: string) {
    this.calls.push('preview');
    this.previewed = text;
  }
  async closePreview() {
    this.calls.push('close-preview');
  }
  async chooseApply(prompt: ApplyPrompt) {
    this.prompts.push(prompt);
    return this.choice;
  }
  currentVersion() {
    return this.version;
  }
  async applyInPlace(_d: ConvertDocument, edits: readonly TextEdit[]) {
    this.applied = [...edits];
    return true;
  }
  async fileExists(path: string) {
    return this.existing.has(path);
  }
  async confirmOverwrite() {
    this.calls.push('confirm-overwrite');
    return this.overwrite;
  }
  async createFile(path: string, text: string) {
    this.created = { path, text };
    return true;
  }
  async openBeside(path: string) {
    this.calls.push(`open-beside ${path}`);
  }
  info(m: string) {
    this.messages.push(`info: ${m}`);
  }
  warn(m: string) {
    this.messages.push(`warn: ${m}`);
  }
  error(m: string) {
    this.messages.push(`error: ${m}`);
  }
}

function fakeConverter(pipelines: Pipeline[], calls: { options?: ConvertOptions }[] = []) {
  return createLazyConverter(() => ({
    detect: (_file: JobFile) => pipelines,
    convert: (_file: JobFile, options?: ConvertOptions): Conversion => {
      calls.push(options ? { options } : {});
      return {
        edits: [{ span: { start: 0, end: 5 }, newText: 'STREAM' }],
        text: 'STREAM a = 1; // pipeline here',
        notes: ['schema inferred from batch_input/data.csv'],
        converted: options?.pipelineIds ? [...options.pipelineIds] : [],
      };
    },
  }));
}

describe('convertToStreaming', () => {
  const one = pipeline('p1', { start: 0, end: 20 });
  const two = pipeline('p2', { start: 30, end: 50 });

  it('goes straight to the preview for one pipeline and applies it as a new file beside the job', async () => {
    const editor = new FakeEditor();
    const calls: { options?: ConvertOptions }[] = [];
    const outcome = await convertToStreaming(
      document,
      {},
      { converter: fakeConverter([one], calls), settings: defaultSettings, editor },
    );
    assert.deepEqual(outcome, {
      status: 'applied',
      target: 'newFile',
      streamPath: '/w/job/batch.stream.ts',
      notes: ['schema inferred from batch_input/data.csv'],
    });
    assert.equal(editor.picks.length, 0, 'no quick pick for a single pipeline');
    assert.equal(editor.previewed, 'STREAM a = 1; // pipeline here');
    assert.deepEqual(editor.created, {
      path: '/w/job/batch.stream.ts',
      text: 'STREAM a = 1; // pipeline here',
    });
    assert.deepEqual(editor.prompts[0]?.notes, ['schema inferred from batch_input/data.csv']);
    assert.equal(editor.prompts[0]?.preferred, 'newFile');
    assert.deepEqual(calls[0]?.options, {
      pipelineIds: ['p1'],
      inputDir: 'stream_input/',
      checkpointRoot: 'checkpoint/',
      triggerSeconds: 5,
      maxFilesPerTrigger: 1000,
    });
    assert.deepEqual(editor.calls, ['preview', 'close-preview', 'open-beside /w/job/batch.stream.ts']);
  });

  it('applies in place with the converter edits', async () => {
    const editor = new FakeEditor(undefined, 'inPlace');
    const outcome = await convertToStreaming(
      document,
      {},
      { converter: fakeConverter([one]), settings: defaultSettings, editor },
    );
    assert.equal(outcome.status, 'applied');
    assert.deepEqual(editor.applied, [{ span: { start: 0, end: 5 }, newText: 'STREAM' }]);
    assert.equal(editor.created, undefined);
  });

  it('asks which pipeline when there are several, listing verdicts and an "all" choice', async () => {
    const stuck = pipeline(
      'p3',
      { start: 60, end: 80 },
      blocked({ message: 'sortBy orders the whole dataset', fix: 'use transform()' }),
    );
    const calls: { options?: ConvertOptions }[] = [];
    const editor = new FakeEditor((items) =>
      items.find((i) => i.pipelineIds.length === 1 && i.pipelineIds[0] === 'p2'),
    );
    await convertToStreaming(
      document,
      {},
      { converter: fakeConverter([one, two, stuck], calls), settings: defaultSettings, editor },
    );
    assert.deepEqual(
      editor.picks[0]!.map((i) => [i.label, i.description, i.blocked]),
      [
        ['All 2 convertible pipelines', 'convert them together', false],
        [one.label, 'convertible', false],
        [two.label, 'convertible', false],
        [stuck.label, 'blocked: sortBy orders the whole dataset', true],
      ],
    );
    assert.deepEqual(calls[0]?.options?.pipelineIds, ['p2']);
  });

  it('explains a blocked pipeline instead of converting it', async () => {
    const stuck = pipeline(
      'p3',
      { start: 60, end: 80 },
      blocked({ message: 'sortBy orders the whole dataset', fix: 'use transform()' }),
    );
    const editor = new FakeEditor();
    const outcome = await convertToStreaming(
      document,
      { pipelineId: 'p3' },
      { converter: fakeConverter([stuck]), settings: defaultSettings, editor },
    );
    assert.equal(outcome.status, 'blocked');
    assert.deepEqual(editor.messages, [
      'warn: This pipeline cannot be converted to streaming:\nsortBy orders the whole dataset — use transform()',
    ]);
    assert.equal(editor.previewed, undefined);
  });

  it('applies nothing when the document changed since the preview', async () => {
    const editor = new FakeEditor();
    editor.showPreview = async () => {
      editor.version += 1; // the user typed while the preview was open
    };
    const outcome = await convertToStreaming(
      document,
      {},
      { converter: fakeConverter([one]), settings: defaultSettings, editor },
    );
    assert.equal(outcome.status, 'stale');
    assert.equal(editor.created, undefined);
    assert.equal(editor.applied, undefined);
  });

  it('cancels cleanly: the preview closes and nothing is written', async () => {
    const editor = new FakeEditor(undefined, 'cancel');
    const outcome = await convertToStreaming(
      document,
      {},
      { converter: fakeConverter([one]), settings: defaultSettings, editor },
    );
    assert.deepEqual(outcome, { status: 'cancelled' });
    assert.deepEqual(editor.calls, ['preview', 'close-preview']);
    assert.equal(editor.created, undefined);
  });

  it('asks before replacing an existing stream file, and keeps it when declined', async () => {
    const editor = new FakeEditor();
    editor.existing.add('/w/job/batch.stream.ts');
    const outcome = await convertToStreaming(
      document,
      {},
      { converter: fakeConverter([one]), settings: defaultSettings, editor },
    );
    assert.deepEqual(outcome, { status: 'cancelled' });
    assert.ok(editor.calls.includes('confirm-overwrite'));
    assert.equal(editor.created, undefined);
  });

  it('offers only "in place" for an untitled document and refuses a new file for it', async () => {
    const untitled = { ...document, fileName: 'Untitled-1', isUntitled: true };
    const editor = new FakeEditor();
    const outcome = await convertToStreaming(
      untitled,
      {},
      { converter: fakeConverter([one]), settings: defaultSettings, editor },
    );
    assert.equal(editor.prompts[0]?.canCreateFile, false);
    assert.equal(editor.prompts[0]?.preferred, 'inPlace');
    assert.equal(outcome.status, 'cancelled');
    assert.equal(editor.created, undefined);
    assert.match(editor.messages[0]!, /Untitled-1 is not saved yet/);
  });

  it('uses the apply choice given by the caller without prompting', async () => {
    const editor = new FakeEditor(undefined, undefined);
    const outcome = await convertToStreaming(
      document,
      { apply: 'inPlace' },
      { converter: fakeConverter([one]), settings: defaultSettings, editor },
    );
    assert.equal(outcome.status, 'applied');
    assert.equal(editor.prompts.length, 0);
  });

  it('says so when the file has no pipeline, and when the converter cannot read it', async () => {
    const empty = new FakeEditor();
    assert.equal(
      (
        await convertToStreaming(
          document,
          {},
          { converter: fakeConverter([]), settings: defaultSettings, editor: empty },
        )
      ).status,
      'nothing-to-convert',
    );
    assert.match(empty.messages[0]!, /^info: No batch pipeline found in batch\.ts/);

    const broken = new FakeEditor();
    const throwing = createLazyConverter(() => ({
      detect: () => {
        throw new Error("batch.ts:3:10: ')' expected");
      },
      convert: () => {
        throw new Error('unreachable');
      },
    }));
    const outcome = await convertToStreaming(
      document,
      {},
      { converter: throwing, settings: defaultSettings, editor: broken },
    );
    assert.equal(outcome.status, 'failed');
    assert.deepEqual(broken.messages, [
      "warn: Streamshift could not analyse batch.ts: batch.ts:3:10: ')' expected",
    ]);
  });

  it('shows no preview when the converter converted nothing, and passes on its notes', async () => {
    const editor = new FakeEditor();
    const converter = createLazyConverter(() => ({
      detect: () => [one],
      convert: (): Conversion => ({
        edits: [],
        text: document.text,
        notes: ['The file already uses a streaming API: nothing to convert.'],
        converted: [],
      }),
    }));
    const outcome = await convertToStreaming(document, {}, { converter, settings: defaultSettings, editor });
    assert.equal(outcome.status, 'nothing-to-convert');
    assert.equal(editor.previewed, undefined);
    assert.deepEqual(editor.messages, [
      'info: Nothing to convert in batch.ts: The file already uses a streaming API: nothing to convert.',
    ]);
  });

  it('refuses a pipeline id that is no longer in the file', async () => {
    const editor = new FakeEditor();
    const outcome = await convertToStreaming(
      document,
      { pipelineId: 'gone' },
      { converter: fakeConverter([one]), settings: defaultSettings, editor },
    );
    assert.equal(outcome.status, 'cancelled');
    assert.match(editor.messages[0]!, /no longer in the file/);
  });
});

describe('pipelinePickItems', () => {
  it('offers no "all" item when at most one pipeline can be converted', () => {
    assert.deepEqual(
      pipelinePickItems([pipeline('a', { start: 0, end: 1 })]).map((i) => i.pipelineIds),
      [['a']],
    );
  });
});
