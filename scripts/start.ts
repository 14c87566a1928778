// `npm start`: Streamshift in a real VS Code on samples/. On a desktop with VS Code it opens an
// Extension Development Host window (what F5 does); elsewhere it serves VS Code through code-server
// with the extension loaded from this working copy, prints the URL and stays up until Ctrl+C.
// STREAMSHIFT_START_HOST=desktop|code-server overrides the choice; STREAMSHIFT_PORT fixes the port.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer } from '../test/harness/code-server';
import { chooseStartHost } from '../test/harness/host-choice';
import { codeServerVersion, embeddedVSCodeVersion, hostCacheDir, repoRoot } from '../test/harness/paths';
import { killGroupsOnExit } from '../test/harness/process-groups';
import { workbenchUrl } from '../test/harness/workbench-url';

const samples = join(repoRoot, 'samples');

async function main(): Promise<number> {
  const host = chooseStartHost();
  if (host.kind === 'desktop') return openDesktop();

  killGroupsOnExit();
  // Listen for Ctrl+C from the start: one during code-server's startup must stop it too.
  const interrupted = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  // One profile kept between runs, like a user's own: opened editors and settings survive a restart.
  // The UI test of this script points it at a throwaway one.
  const runDir = process.env.STREAMSHIFT_START_PROFILE ?? join(hostCacheDir, 'start');
  mkdirSync(runDir, { recursive: true });
  const starting = startCodeServer({ runDir, port: Number(process.env.STREAMSHIFT_PORT ?? 0) });
  const first = await Promise.race([starting, interrupted]);
  if (typeof first === 'string') {
    console.log(`\n${first}: stopping code-server`);
    await (await starting.catch(() => undefined))?.stop();
    return 0;
  }
  const server = first;
  const url = workbenchUrl(server, { folder: samples, extensionDevelopmentPath: repoRoot });
  console.log(
    `Streamshift is loaded in VS Code ${embeddedVSCodeVersion} (code-server ${codeServerVersion}, ${host.reason}).\n` +
      `Open this URL in a browser on this machine:\n\n  ${url}\n\n` +
      `Rebuild with \`npm run watch\` and reload the window to pick up changes. Press Ctrl+C to stop.`,
  );
  const ended = await Promise.race([interrupted, server.exited.then((code) => ({ code }))]);
  if (typeof ended === 'string') {
    console.log(`\n${ended}: stopping code-server`);
    await server.stop();
    return 0;
  }
  console.error(`code-server stopped on its own (exit code ${ended.code}); see ${server.logFile}`);
  return 1;
}

/** `code --extensionDevelopmentPath`: the desktop window returns immediately and lives on its own. */
function openDesktop(): number {
  console.log(`Opening an Extension Development Host on ${samples}`);
  const result = spawnSync('code', [`--extensionDevelopmentPath=${repoRoot}`, samples], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  return result.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
