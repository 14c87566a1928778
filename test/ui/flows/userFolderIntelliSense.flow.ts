// A user opens their own folder (nothing installed, not this repository) with a job that imports
// @streamshift/runtime: TypeScript flags the import, the extension offers "Set Up Runtime Types", one
// click later the error is gone and IntelliSense completes the runtime's RDD methods.
import type { UiFlow } from '../ui-flow';

const flow: UiFlow = {
  title: "In a user's own folder one click sets up the runtime types and IntelliSense lists RDD methods",
  async run(session, artifacts) {
    const workbench = await session.openWorkspace('user-folder', artifacts, 'jobs/wordcount/batch.ts');
    const { page } = workbench;
    await workbench.waitForEditorText("sc.textFile('batch_input/data.csv')");
    await workbench.waitForLanguageMode('TypeScript');

    // Before the setup: TypeScript's error on the import, and the extension's offer.
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 120_000 });
    const setUp = page.locator('.notification-toast .monaco-button', { hasText: 'Set Up Runtime Types' });
    await setUp.waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
      const shown = await workbench.notificationTexts();
      throw new Error(`no runtime types offer; notifications: ${JSON.stringify(shown)}\n${String(error)}`);
    });
    await workbench.screenshot('offer-before-setup');
    await setUp.click();

    // The TypeScript server picks the package up by itself: the squiggle disappears.
    await page
      .locator('.monaco-editor .squiggly-error')
      .first()
      .waitFor({ state: 'detached', timeout: 120_000 });

    // Complete a method on the RDD at the end of the pipeline's reduceByKey line (line 11).
    await page.locator('.monaco-editor .view-line', { hasText: '.reduceByKey' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('.sa');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'saveAsTextFile' });
    await suggestion
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        // Ctrl+Space asks again when the first request raced the TypeScript server.
        await page.keyboard.press('Control+Space');
        await suggestion
          .first()
          .waitFor({ timeout: 30_000 })
          .catch(() => {
            throw error;
          });
      });
    await workbench.screenshot('intellisense-rdd-methods');
    await page.keyboard.press('Escape');
  },
};
export default flow;
