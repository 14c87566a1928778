// Headless Chromium (Debian's, not Playwright's download) driven by playwright-core.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumBin } from './paths';

/** No sandbox (CI runs as root), no GPU, and nothing that reaches the network on its own. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const viewport = { width: 1400, height: 900 };

/** A browser with a fresh profile under the run dir; closing the context ends the browser. */
export async function launchChromium(runDir: string): Promise<BrowserContext> {
  const profile = join(runDir, 'chromium-profile');
  const home = join(runDir, 'chromium-home');
  for (const dir of [profile, join(home, 'tmp')]) mkdirSync(dir, { recursive: true });
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumBin,
    headless: true,
    args: chromiumArgs,
    viewport,
    // Chromium writes crash reports, dconf and temp files under HOME/XDG: keep them in the run dir.
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_CACHE_HOME: join(home, '.cache'),
      TMPDIR: join(home, 'tmp'),
    },
  });
}
