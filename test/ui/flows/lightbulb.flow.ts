// A user opens the word count sample (accepting the runtime types offer), puts the cursor on its
// pipeline and presses Ctrl+. (Quick Fix): the menu
// lists "Convert to streaming"; choosing it opens the diff preview of the streaming job. On a line
// outside the pipeline, Ctrl+. does not offer the conversion.
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../harness/paths';
import { workbenchUrl } from '../../harness/workbench-url';
import type { UiFlow } from '../ui-flow';
import type { Workbench } from '../workbench';

/** The title src/codeActionPlan.ts gives the action when the cursor touches one pipeline. */
const actionTitle = 'Convert to streaming';
/** A line inside the sample's pipeline (sc.textFile … saveAsTextFile). */
const pipelineLine = '.reduceByKey((x, y) => x + y)';
/** The sample as a user has it before converting: the batch job and its input. */
const sampleEntries = ['batch.ts', 'package.json', 'batch_input'];

const flow: UiFlow = {
  title:
    'Ctrl+. on the pipeline lists "Convert to streaming" and opens the diff preview; off it, it does not',
  async run(session, artifacts) {
    const folder = join(session.runDir, 'workspace-lightbulb', 'wordcount');
    mkdirSync(folder, { recursive: true });
    for (const entry of sampleEntries) {
      cpSync(join(repoRoot, 'samples', 'wordcount', entry), join(folder, entry), { recursive: true });
    }
    const workbench = await session.openUrl(
      workbenchUrl(session.server, { folder, openFile: join(folder, 'batch.ts') }),
      'wordcount',
      artifacts,
    );
    await workbench.waitForEditorText("sc.textFile('batch_input/data.csv')");
    await workbench.waitForLanguageMode('TypeScript');

    // As a user would first: accept the offer to set up the runtime types, so the file has no error and
    // the menu below is the one a working project shows.
    const { page } = workbench;
    // TypeScript flags the import first; only then can its error be seen to go away.
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 120_000 });
    const setUp = page.locator('.notification-toast .monaco-button', { hasText: 'Set Up Runtime Types' });
    await setUp.waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
      const shown = await workbench.notificationTexts();
      throw new Error(`no runtime types offer; notifications: ${JSON.stringify(shown)}\n${String(error)}`);
    });
    await setUp.click();
    await page
      .locator('.monaco-editor .squiggly-error')
      .first()
      .waitFor({ state: 'detached', timeout: 120_000 });

    // On the pipeline first: once the menu lists the action, the extension is surely active, so the
    // check off the pipeline below cannot pass merely because Streamshift had not registered yet.
    const onPipeline = await quickFixMenuListing(workbench, pipelineLine, actionTitle);
    if (!onPipeline.includes(actionTitle)) {
      throw new Error(`Ctrl+. on the pipeline does not list "${actionTitle}": ${JSON.stringify(onPipeline)}`);
    }
    await closeQuickFixMenu(workbench);

    // Line 5 creates the session; the pipeline starts at sc.textFile on line 8.
    await placeCursorOn(workbench, 'const spark = SparkSession');
    const offPipeline = await quickFixMenu(workbench, 60_000);
    if (offPipeline === undefined) throw new Error('Ctrl+. outside the pipeline showed no menu or message');
    if (offPipeline.includes(actionTitle)) {
      throw new Error(`Ctrl+. outside the pipeline lists "${actionTitle}": ${JSON.stringify(offPipeline)}`);
    }
    await closeQuickFixMenu(workbench);

    await placeCursorOn(workbench, pipelineLine);
    const again = await quickFixMenu(workbench, 60_000);
    if (!again?.includes(actionTitle)) {
      throw new Error(`Ctrl+. back on the pipeline does not list "${actionTitle}": ${JSON.stringify(again)}`);
    }
    await workbench.screenshot('quick-fix-menu');

    await chooseFromMenu(workbench, actionTitle);
    // The preview: a diff editor whose right side is the streaming job, and the apply choices.
    const diff = workbench.page.locator('.monaco-diff-editor');
    await diff.first().waitFor({ timeout: 30_000 });
    await workbench.page
      .locator('.tabs-container .tab', { hasText: 'batch.ts ↔ streaming (preview)' })
      .waitFor({ timeout: 30_000 });
    await diff
      .locator('.editor.modified .view-line', { hasText: 'textFileStream' })
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => {
        const shown = await workbench.notificationTexts();
        throw new Error(
          `no streaming job in the preview; notifications: ${JSON.stringify(shown)}\n${String(error)}`,
        );
      });
    await workbench.page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Apply as new file' })
      .waitFor({ timeout: 15_000 });
    await workbench.screenshot('diff-preview-from-quick-fix');
    await workbench.page.keyboard.press('Escape');
  },
};
export default flow;

/** Click into the editor line containing `text`, as a user does before pressing Ctrl+. */
async function placeCursorOn(workbench: Workbench, text: string): Promise<void> {
  await workbench.page.locator('.monaco-editor .view-line', { hasText: text }).first().click();
}

/**
 * The menu on `line`, asked again (bounded) until it lists `title`: right after the window opens the
 * extension may still be activating and the TypeScript server loading the project (the menu waits for
 * every provider), as for a user who presses Ctrl+. immediately and then once more.
 */
async function quickFixMenuListing(workbench: Workbench, line: string, title: string): Promise<string[]> {
  let titles: string[] | undefined;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    await placeCursorOn(workbench, line);
    titles = await quickFixMenu(workbench, 20_000);
    if (titles?.includes(title)) return titles;
    await closeQuickFixMenu(workbench);
    await workbench.page.waitForTimeout(1000);
  }
  return titles ?? [];
}

/**
 * Press Ctrl+. and return the titles the code action menu lists ([] when VS Code says there are none),
 * or undefined when neither shows within `answerMs`. VS Code shows the menu only once every provider
 * has answered, so the list is complete.
 */
async function quickFixMenu(workbench: Workbench, answerMs: number): Promise<string[] | undefined> {
  const { page } = workbench;
  const menu = page.locator('.action-widget');
  const none = page.locator('.monaco-editor-overlaymessage', { hasText: 'No code actions available' });
  // An earlier answer still fading out would be read as this one's.
  await none.waitFor({ state: 'detached', timeout: 10_000 });
  await menu.waitFor({ state: 'hidden', timeout: 10_000 });
  await page.keyboard.press('Control+.');
  const answered = await menu
    .or(none)
    .first()
    .waitFor({ timeout: answerMs })
    .then(
      () => true,
      () => false,
    );
  if (!answered) return undefined;
  if (await none.isVisible()) return [];
  const titles = await menu.locator('.monaco-list-row.action .title').allInnerTexts();
  return titles.map((title) => title.trim());
}

/**
 * Escape closes the menu; the "No code actions available" message goes when the cursor moves (Escape
 * alone leaves it up when the editor lost focus to the menu).
 */
async function closeQuickFixMenu(workbench: Workbench): Promise<void> {
  const { page } = workbench;
  await page.keyboard.press('Escape');
  await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  const none = page.locator('.monaco-editor-overlaymessage');
  if (await none.isVisible()) {
    await page.keyboard.press('ArrowUp');
    await none.waitFor({ state: 'detached', timeout: 10_000 });
  }
}

/**
 * Move the menu's selection to `title` and press Enter, as a keyboard user does (the menu's
 * pointer-blocking overlay swallows synthetic clicks).
 */
async function chooseFromMenu(workbench: Workbench, title: string): Promise<void> {
  const { page } = workbench;
  const focused = page.locator('.action-widget .monaco-list-row.action.focused');
  for (let moves = 0; (await focused.getAttribute('aria-label')) !== title; moves++) {
    if (moves === 20) throw new Error(`"${title}" could not be selected in the code action menu`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}
