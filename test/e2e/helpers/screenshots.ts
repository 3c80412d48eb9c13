// Screenshots of console pages in both themes, under test-results/console/ (looked at by people, not asserted).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './build';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'console');

/**
 * Saves `<name>-light.png` and `<name>-dark.png`. The app follows the OS theme (its preference is "system" unless
 * a test chose one), so emulating the colour scheme switches it; the html element's data-theme confirms the switch.
 */
export async function shootBothThemes(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator(`html[data-theme=${scheme}]`).waitFor({ state: 'attached' });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${scheme}.png`), fullPage, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
