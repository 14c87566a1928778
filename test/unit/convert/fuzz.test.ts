// detect() runs on every keystroke's lightbulb request: whatever the text, it must return, never throw.
import { strict as assert } from 'node:assert';
import { convert, detect } from '../../../src/convert/index';
import { fixtureCases, loadFixture } from './fixtureFiles';

/** A small deterministic PRNG (mulberry32) so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const corpus = fixtureCases().map((name) => loadFixture(name).input);
const tokens = [
  '(',
  ')',
  '{',
  '}',
  '.',
  ',',
  ';',
  '=>',
  'await ',
  'sc',
  '.textFile(',
  "'",
  '`',
  '/*',
  '//',
  '\n',
  'const ',
  '[',
  ']',
];

describe('convert: detect fuzz smoke test', () => {
  it('empty and whitespace-only files', () => {
    for (const text of ['', ' ', '\n\n', '\t', '\r\n'])
      assert.deepEqual(detect({ fileName: 'x.ts', text }), []);
  });

  it('syntax errors: every prefix of a real job', () => {
    const text = corpus[0];
    for (let end = 0; end <= text.length; end += 7) {
      const pipelines = detect({ fileName: 'x.ts', text: text.slice(0, end) });
      assert.ok(Array.isArray(pipelines));
    }
  });

  it('random deletions, insertions and duplications in every fixture (seeded)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      let text = corpus[seed % corpus.length];
      for (let edit = 0; edit < 1 + Math.floor(next() * 4); edit++) {
        const at = Math.floor(next() * text.length);
        const choice = next();
        if (choice < 0.4) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 20));
        else if (choice < 0.8)
          text = text.slice(0, at) + tokens[Math.floor(next() * tokens.length)] + text.slice(at);
        else text = text.slice(0, at) + text.slice(at, at + 40) + text.slice(at);
      }
      let pipelines;
      try {
        pipelines = detect({ fileName: 'x.ts', text });
      } catch (error) {
        assert.fail(`seed ${seed}: detect threw ${(error as Error).stack}\n--- text ---\n${text}`);
      }
      // Whatever it found, convert() must produce consistent edits or say why not, not crash.
      if (pipelines.some((p) => p.verdict.status !== 'blocked')) {
        try {
          convert({ fileName: 'x.ts', text });
        } catch (error) {
          assert.fail(`seed ${seed}: convert threw ${(error as Error).stack}\n--- text ---\n${text}`);
        }
      }
    }
  });

  it('incremental re-parsing after random edits finds exactly what a fresh parse finds (seeded)', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const next = random(seed * 7919);
      let text = corpus[seed % corpus.length];
      for (let keystroke = 0; keystroke < 12; keystroke++) {
        const at = Math.floor(next() * text.length);
        text =
          next() < 0.5
            ? text.slice(0, at) + text.slice(at + 1)
            : text.slice(0, at) + tokens[Math.floor(next() * tokens.length)] + text.slice(at);
        // The same file name, edited: re-parsed incrementally from the previous version.
        const incremental = detect({ fileName: 'edited.ts', text });
        // A new file name each time: parsed from scratch.
        const fresh = detect({ fileName: `fresh-${seed}-${keystroke}.ts`, text });
        assert.deepEqual(incremental, fresh, `seed ${seed}, keystroke ${keystroke}\n${text}`);
      }
    }
  });

  it('a huge file (200 pipelines, ~2,000 lines) and a 300-step chain on one line', () => {
    const body = corpus[0].replace(/^import .*$/m, '');
    const huge = `import { SparkSession } from '@streamshift/runtime';\n${Array.from({ length: 200 }, (_, i) => `function job${i}() {\n${body}\n}`).join('\n')}`;
    assert.ok(huge.split('\n').length > 2000);
    assert.ok(detect({ fileName: 'x.ts', text: huge }).length >= 200);
    const longLine = `import { SparkContext } from '@streamshift/runtime';\nconst sc = SparkContext.getOrCreate(); ${'sc.textFile("a").map((x) => x)'.repeat(1)}${'.filter((x) => x.length > 0)'.repeat(300)}.saveAsTextFile('o');`;
    const [pipeline] = detect({ fileName: 'x.ts', text: longLine });
    assert.equal(pipeline.steps.length, 301);
  });

  it('pathologically deep nesting: detect finds nothing, convert says why', () => {
    const text = `const x = ${'('.repeat(2000)}1${')'.repeat(2000)};\n`;
    assert.deepEqual(detect({ fileName: 'x.ts', text }), []);
    assert.throws(
      () => convert({ fileName: 'x.ts', text }),
      /x\.ts: the code is nested too deeply to analyse/,
    );
  });
});
