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
    await page.emulateMedia({ colorScheme: scheme, forcedColors: 'none' });
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
    await p.emulateMedia({ colorScheme: scheme, forcedColors: 'none' });
    await p.locator(`[data-theme="${scheme}"]`).first().waitFor();
    await settled(p);
    await p.screenshot({ path: join(SCREENSHOTS, `${name}-${width}-${scheme}.png`) });
  }
  await p.emulateMedia({ colorScheme: 'light' });
  await p.locator('[data-theme="light"]').first().waitFor();
  await settled(p); // the theme switch animates colours: checks right after it would read them half-way
}

/**
 * The themes every axe check runs in: the browser's light and dark, and Fluent's high-contrast theme as a host sets
 * it (`contrast`: Teams' high-contrast theme, or `?theme=contrast`). Windows' high contrast (forced colours) is not
 * an axe theme: the browser then paints system colours, and axe-core mixes the page's own colours with the forced
 * ones (it reports yellow links on a white background the screen never shows).
 */
export const THEMES = ['light', 'dark', 'contrast'] as const;
export type E2eTheme = (typeof THEMES)[number];

/** Where the tab remembers a host-chosen theme for the browser tab (tab/src/theme/theme.ts THEME_KEY). */
const THEME_KEY = 'vmm.theme';

/**
 * Shows the tab in `theme` and waits until it is painted. `contrast` is the theme a host asks for (`?theme=contrast`,
 * remembered for the browser tab): it is remembered here, then a colour-scheme change makes the tab read it again.
 * Light and dark forget it and follow `prefers-color-scheme`.
 */
export async function showTheme(p: Page, theme: E2eTheme): Promise<void> {
  await p.evaluate(
    ([key, remember]) =>
      remember ? sessionStorage.setItem(key, 'contrast') : sessionStorage.removeItem(key),
    [THEME_KEY, theme === 'contrast'] as const,
  );
  const scheme = theme === 'dark' ? 'dark' : 'light';
  // Through the other scheme first, so the tab always sees a change and reads its theme again. Media query changes
  // are reported at the next rendering step: two frames later the first switch has been seen.
  await p.emulateMedia({ colorScheme: scheme === 'dark' ? 'light' : 'dark', forcedColors: 'none' });
  await p.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await p.emulateMedia({ colorScheme: scheme, forcedColors: 'none' });
  await p.locator(`[data-theme="${theme}"]`).first().waitFor();
  await settled(p);
}
