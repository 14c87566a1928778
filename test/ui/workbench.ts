// A VS Code window in the browser, with the few gestures flows need. Selectors are VS Code's own DOM
// ids and classes (stable across 1.9x releases); each wait has its own limit so a stuck step fails
// with a message naming the step rather than the flow's overall timeout.
import type { Page } from 'playwright-core';
import type { Artifacts } from './ui-flow';

export class Workbench {
  constructor(
    readonly page: Page,
    private readonly artifacts: Artifacts,
  ) {}

  /** The workbench shell has rendered and the remote connection is up (the explorer shows the folder). */
  async ready(folderName: string): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page
      .locator('.explorer-folders-view, .pane-header', { hasText: new RegExp(folderName, 'i') })
      .first()
      .waitFor({ timeout: 60_000 });
  }

  /** An editor line containing `text` is visible (any editor, diff or preview). */
  async waitForEditorText(text: string, timeout = 30_000): Promise<void> {
    await this.page.locator('.monaco-editor .view-line', { hasText: text }).first().waitFor({ timeout });
  }

  /**
   * The status bar's language item shows `language`: until then the editor is plain text because the
   * extension host has not registered languages yet, and language features (and our extension,
   * activated on TypeScript files) are not there.
   */
  async waitForLanguageMode(language: string): Promise<void> {
    await this.page.locator('[id="status.editor.mode"]', { hasText: language }).waitFor({ timeout: 60_000 });
  }

  /** Open the command palette with `filter` typed in and wait until `title` is listed. */
  async showInCommandPalette(filter: string, title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    for (let attempt = 1; ; attempt++) {
      // A palette still closing after the previous command looks open for a moment and then swallows
      // the text; and F1 pressed while a webview has focus can be lost. Wait, press, and press again.
      await input.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(`>${filter}`, { timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await this.paletteEntry(title).waitFor({ timeout: 15_000 });
  }

  /** Run a command by its palette title, e.g. `Streamshift: Convert to Streaming`. */
  async runCommand(title: string): Promise<void> {
    await this.showInCommandPalette(title, title);
    // Keyboard rather than clicks: the palette's pointer-blocking overlay intercepts clicks. Recently
    // used commands are listed first, so move the selection to our entry before pressing Enter.
    const selected = this.page.locator('.quick-input-list .monaco-list-row.focused');
    for (let moves = 0; !(await selected.innerText()).includes(title); moves++) {
      if (moves === 20) throw new Error(`"${title}" could not be selected in the command palette`);
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
    // The palette closes, or the command replaces it with its own quick pick (input no longer ours).
    const input = this.page.locator('.quick-input-widget input');
    for (const deadline = Date.now() + 10_000; ; await this.page.waitForTimeout(100)) {
      if (!(await input.isVisible()) || (await input.inputValue()) !== `>${title}`) return;
      if (Date.now() > deadline) throw new Error(`the command palette did not run "${title}"`);
    }
  }

  async closePalette(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** Open a workspace file through Quick Open, as a user types its name. */
  async openFile(fileName: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(fileName);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page
      .locator('.tabs-container .tab', { hasText: fileName })
      .first()
      .waitFor({ timeout: 15_000 });
  }

  /** The Extensions view filtered to installed extensions, as a user checks what they installed. */
  async showInstalledExtensions(): Promise<void> {
    // Ctrl+Shift+X opens the view with its search box focused.
    await this.page.keyboard.press('Control+Shift+X');
    await this.page.locator('.extensions-viewlet').waitFor({ timeout: 15_000 });
    await this.page.keyboard.type('@installed');
  }

  /** Messages of the notification toasts currently shown. */
  async notificationTexts(): Promise<string[]> {
    const toasts = await this.page
      .locator('.notification-toast .notification-list-item-message')
      .allInnerTexts();
    return toasts.map((text) => text.trim());
  }

  async screenshot(step: string): Promise<void> {
    // Let toasts and widgets finish their slide-in animation so the picture shows the settled state.
    await this.page.waitForTimeout(500);
    await this.page.screenshot({ path: this.artifacts.screenshotPath(step) });
  }

  private paletteEntry(title: string) {
    return this.page.locator('.quick-input-list .monaco-list-row', { hasText: title });
  }
}
