import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../../support/chromium.ts';
import { ROOT } from '../../../support/paths.ts';

export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');

/** Debian's Chromium, headless. */
export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/** A fresh context (own sessionStorage and cookies) that accepts the emulator's self-signed CA. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 720 },
    colorScheme: 'light',
  });
}

/** Screenshots `name` in light and dark (the tab follows prefers-color-scheme outside Teams). */
export async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator(`[data-theme="${scheme}"]`).first().waitFor();
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Waits for running CSS transitions and animations (theme switch, dialog and toast motion) to finish. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const timeout = new Promise((resolve) => setTimeout(resolve, 2_000));
    const animations = document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
    await Promise.race([Promise.allSettled(animations.map((a) => a.finished)), timeout]);
  });
}

/** Screenshots `name` at `width` px (720 high) in light and dark: `{name}-{width}-{scheme}.png`; ends in light, settled. */
export async function shootAt(p: Page, name: string, width: number): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await p.setViewportSize({ width, height: 720 });
  for (const scheme of ['light', 'dark'] as const) {
    await p.emulateMedia({ colorScheme: scheme });
    await p.locator(`[data-theme="${scheme}"]`).first().waitFor();
    await settled(p);
    await p.screenshot({ path: join(SCREENSHOTS, `${name}-${width}-${scheme}.png`) });
  }
  await p.emulateMedia({ colorScheme: 'light' });
  await p.locator('[data-theme="light"]').first().waitFor();
  await settled(p); // the theme switch animates colours: checks right after it would read them half-way
}
