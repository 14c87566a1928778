// `npm run package` produces a VSIX that VS Code installs: the session installed dist/streamshift.vsix
// with `code-server --install-extension`; the Extensions view must list it with this version.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import packageJson from '../../../package.json';
import { codeServerDirs } from '../../harness/code-server';
import type { UiFlow } from '../ui-flow';

const flow: UiFlow = {
  title: 'the packaged VSIX installs and shows in the Extensions view',
  async run(session, artifacts) {
    assert.match(session.installOutput, /Extension 'streamshift\.vsix' was successfully installed/);
    // Installed where VS Code looks for it: <extensions dir>/<publisher>.<name>-<version>/.
    const installed = join(
      codeServerDirs(session.runDir).extensions,
      `${packageJson.publisher}.${packageJson.name}-${packageJson.version}`,
    );
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { main: string };
    assert.ok(existsSync(join(installed, manifest.main)), `the VSIX lacks its entry point ${manifest.main}`);

    const workbench = await session.openWorkspace('wordcount', artifacts);
    await workbench.showInstalledExtensions();
    const entry = workbench.page.locator('.extension-list-item', { hasText: packageJson.displayName });
    await entry.first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('installed-extensions');

    // The details page is what a user reads after installing: name, version, README.
    await entry.first().click();
    const details = workbench.page.locator('.extension-editor');
    await details.locator('.name', { hasText: packageJson.displayName }).waitFor({ timeout: 15_000 });
    // The "Installation" table: this version, installed from a VSIX (not the marketplace).
    await details.getByText(packageJson.version, { exact: true }).waitFor({ timeout: 15_000 });
    await details.getByText('VSIX', { exact: true }).waitFor({ timeout: 15_000 });
    await workbench.screenshot('extension-details');
  },
};
export default flow;
