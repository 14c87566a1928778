// A user opens a batch job and runs "Streamshift: Convert to Streaming" from the command palette; the
// streaming version (Spark Streaming's textFileStream source) appears in the editor.
import type { UiFlow } from '../ui-flow';

const flow: UiFlow = {
  title: 'Convert to Streaming from the command palette turns the batch job into a streaming one',
  async run(session, artifacts) {
    const workbench = await session.openWorkspace('wordcount', artifacts, 'batch.ts');
    await workbench.waitForEditorText("sc.textFile('batch_input/data.csv')");
    await workbench.waitForLanguageMode('TypeScript');
    await workbench.screenshot('batch-job');

    await workbench.runCommand('Streamshift: Convert to Streaming');
    await workbench.waitForEditorText('textFileStream').catch(async (error: unknown) => {
      // Say what the user saw instead (an error or "no pipeline" message), not just "timed out".
      const shown = await workbench.notificationTexts();
      throw new Error(`no streaming job appeared; notifications: ${JSON.stringify(shown)}\n${String(error)}`);
    });
    await workbench.screenshot('converted');
  },
};
export default flow;
