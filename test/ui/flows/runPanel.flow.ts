// A user opens the word count sample's batch job, runs "Streamshift: Open Run Panel", starts the stream
// job, feeds all sample parts and sees the stream's result equal to the batch job (✓).
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { repoRoot } from '../../harness/paths';
import { workbenchUrl } from '../../harness/workbench-url';
import type { UiFlow } from '../ui-flow';
import type { Workbench } from '../workbench';

/** The sample as a user has it after converting: batch job, stream job, batch input, feed parts. */
const sampleEntries = ['batch.ts', 'batch.stream.ts', 'package.json', 'batch_input', 'feed'];

const flow: UiFlow = {
  title: 'The run panel feeds every sample part to the stream job and shows ✓ equal to the batch job',
  async run(session, artifacts) {
    const folder = join(session.runDir, 'workspace-run-panel', 'wordcount');
    mkdirSync(folder, { recursive: true });
    for (const entry of sampleEntries) {
      cpSync(join(repoRoot, 'samples', 'wordcount', entry), join(folder, entry), { recursive: true });
    }
    // No file in the URL: VS Code restores a window's editors (the panel too) only when it is not
    // asked to open files at startup, and this flow reloads the window.
    const workbench = await session.openUrl(workbenchUrl(session.server, { folder }), 'wordcount', artifacts);
    await workbench.openFile('batch.ts');
    await workbench.waitForEditorText("sc.textFile('batch_input/data.csv')");
    await workbench.waitForLanguageMode('TypeScript');

    await workbench.runCommand('Streamshift: Open Run Panel');
    const panel = await runPanelFrame(workbench);
    await panel.locator('#feed-all').waitFor({ timeout: 30_000 });
    // The whole window for the panel, so the batch and stream sides sit side by side in the screenshots.
    await workbench.runCommand('View: Close Primary Side Bar');
    await workbench.runCommand('View: Toggle Maximize Editor Group');
    await workbench.screenshot('run-panel-opened');

    // Keyboard, as a user without a mouse would: focus Start and press Enter.
    await panel.locator('#stream-toggle').focus();
    await panel.locator('#stream-toggle').press('Enter');
    await panel.locator('#stream-status', { hasText: 'Running' }).waitFor({ timeout: 90_000 });
    await panel.locator('#feed-all').click();
    await panel
      .locator('#equivalence-status', { hasText: 'full batch run' })
      .waitFor({ timeout: 120_000 })
      .catch(async (error: unknown) => {
        const shown = await panel.locator('#app').innerText();
        throw new Error(`no equivalence with the full run; the panel shows:\n${shown}\n${String(error)}`);
      });
    const verdict = await panel.locator('#equivalence-status').innerText();
    if (!verdict.startsWith('✓ Equal')) throw new Error(`the panel shows "${verdict}", not ✓ Equal`);
    // Toasts (e.g. the runtime-types offer) would cover the panel.
    await workbench.runCommand('Notifications: Clear All Notifications');
    await workbench.screenshot('run-panel-all-fed-equal');

    await panel.locator('#stream-toggle', { hasText: 'Stop' }).click();
    await panel.locator('#stream-status', { hasText: 'Stopped' }).waitFor({ timeout: 60_000 });

    // After a reload the panel comes back through its serializer with what it showed.
    await workbench.runCommand('Developer: Reload Window').catch(() => undefined);
    await workbench.page.waitForLoadState();
    // The side bar stays closed across the reload, so wait for the workbench rather than the explorer.
    await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const restored = await runPanelFrame(workbench);
    await restored.locator('#equivalence-status', { hasText: '✓ Equal' }).waitFor({ timeout: 30_000 });
    await restored.locator('#stream-status', { hasText: 'Stopped' }).waitFor({ timeout: 30_000 });
    await restored.locator('td', { hasText: 'data1.csv' }).first().waitFor({ timeout: 30_000 });
    await workbench.runCommand('Notifications: Clear All Notifications');
    await workbench.screenshot('run-panel-restored-after-reload');
  },
};
export default flow;

/** The run panel's document: VS Code nests it in two iframes (the webview host and its active frame). */
async function runPanelFrame(workbench: Workbench): Promise<Frame> {
  for (
    const deadline = Date.now() + 60_000;
    Date.now() < deadline;
    await workbench.page.waitForTimeout(250)
  ) {
    for (const frame of workbench.page.frames()) {
      const found = await frame
        .locator('#app h1', { hasText: 'Run panel' })
        .count()
        .catch(() => 0);
      if (found > 0) return frame;
    }
  }
  throw new Error('the run panel webview did not appear');
}
