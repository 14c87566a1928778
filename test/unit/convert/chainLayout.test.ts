// The chain layout on its own: each case is the text before, where the chain starts, and the text after.
import { strict as assert } from 'node:assert';
import * as prettier from 'prettier';
import { layOutChainIn } from '../../../src/convert/chainLayout';

const style = { indentUnit: '  ', newline: '\n', printWidth: 80 };

function layOut(text: string): string {
  return layOutChainIn(text, text.indexOf('=') + 2, style);
}

describe('chainLayout', () => {
  it('keeps a chain of two groups on one line', () => {
    assert.equal(
      layOut(`const a = batchDf.write.mode('overwrite')\n  .csv('out');`),
      `const a = batchDf.write.mode('overwrite').csv('out');`,
    );
  });

  it('puts one group per line when the chain does not fit', () => {
    assert.equal(
      layOut(
        `const query = events.groupBy('event').count().writeStream.outputMode('complete').format('console').start();`,
      ),
      `const query = events\n  .groupBy('event')\n  .count()\n  .writeStream.outputMode('complete')\n  .format('console')\n  .start();`,
    );
  });

  it('breaks a short chain with more than two calls when an argument is not simple', () => {
    assert.equal(
      layOut(`const a = x.b(c(d('e'))).c().d();`),
      `const a = x\n  .b(c(d('e')))\n  .c()\n  .d();`,
    );
  });

  it('moves a multi-line argument with its group, keeping its inner indentation relative to the group', () => {
    const before = `const q = rows.select(\n  'a',\n  'b',\n).writeStream.outputMode('append').format('console').option('truncate', false).start();`;
    const after = `const q = rows\n  .select(\n    'a',\n    'b',\n  )\n  .writeStream.outputMode('append')\n  .format('console')\n  .option('truncate', false)\n  .start();`;
    assert.equal(layOut(before), after);
  });

  it('keeps a comment on its own line before its group, and a same-line comment where it was', () => {
    const before = `const q = rows // the rows\n  // keep the good ones\n  .filter(good).select('a').writeStream.start();`;
    const after = `const q = rows // the rows\n  // keep the good ones\n  .filter(good)\n  .select('a')\n  .writeStream.start();`;
    assert.equal(layOut(before), after);
  });

  it('leaves a chain with a comment inside a group as written', () => {
    const text = `const q = rows.write.mode /* why */ ('overwrite').csv('out').x().y().z().w(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);`;
    assert.equal(layOut(text), text);
  });

  it('leaves text without a chain at that position alone', () => {
    assert.equal(layOut('const q = 1 + 2;'), 'const q = 1 + 2;');
  });

  it('agrees with Prettier on the cases above', async () => {
    for (const text of [
      `const query = events.groupBy('event').count().writeStream.outputMode('complete').format('console').start();`,
      `const a = x.b(c(d('e'))).c().d();`,
      `const a = batchDf.write.mode('overwrite').csv('out');`,
    ]) {
      const expected = await prettier.format(text, {
        parser: 'typescript',
        printWidth: 80,
        singleQuote: true,
      });
      assert.equal(`${layOut(text)}\n`, expected);
    }
  });
});
