// The web workbench has no command line: what `code --extensionDevelopmentPath … folder` does on the
// desktop is passed in the page URL instead (the folder plus a `payload` of name/value pairs).
import type { CodeServer } from './code-server';

export interface WorkbenchTarget {
  /** Local path of the folder to open, or of a `.code-workspace` file (a multi-root workspace). */
  readonly folder: string;
  /** Local path of a file to open in an editor, optionally with `:line:column`. */
  readonly openFile?: string;
  /** Local path of an extension to load from source, like the F5 "Extension Development Host". */
  readonly extensionDevelopmentPath?: string;
  /** Local path of a module exporting `run()`: the workbench runs it and reports the exit code. */
  readonly extensionTestsPath?: string;
}

export function workbenchUrl(server: CodeServer, target: WorkbenchTarget): string {
  const payload: [string, string][] = [['skipWelcome', 'true']];
  if (target.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', server.remoteUri(target.extensionDevelopmentPath)]);
  }
  if (target.extensionTestsPath) {
    payload.push(['extensionTestsPath', server.remoteUri(target.extensionTestsPath)]);
  }
  if (target.openFile) {
    payload.push(['openFile', server.remoteUri(target.openFile)], ['gotoLineMode', 'true']);
  }
  const kind = target.folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
  const query = `${kind}=${encodeURIComponent(target.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return `${server.origin}/?${query}`;
}
