// Run the extension's test suite in a desktop VS Code through @vscode/test-electron: a given
// executable, one already downloaded in .vscode-test/, or a fresh download of the latest stable.
// No overall timeout here: runTests gives no handle to stop VS Code, and mocha's per-test timeout
// inside the host already bounds a hung test.
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { join } from 'node:path';
import type { HostTestOptions } from './host-test-options';

export async function runTestsInElectron(
  options: HostTestOptions,
  vscodeExecutablePath?: string,
): Promise<number> {
  try {
    return await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : {}),
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionTestsPath: options.extensionTestsPath,
      extensionTestsEnv: options.env,
      // A profile of its own: the developer's settings and extensions must not change the results.
      launchArgs: [
        options.folder,
        '--user-data-dir',
        join(options.runDir, 'user-data'),
        '--extensions-dir',
        join(options.runDir, 'extensions'),
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } catch (error) {
    if (error instanceof TestRunFailedError) return error.code ?? 1;
    console.error(error);
    console.error(
      'desktop VS Code could not be started or downloaded; without STREAMSHIFT_VSCODE_HOST=electron and ' +
        'VSCODE_EXECUTABLE the host tests run in code-server instead',
    );
    return 2;
  }
}
