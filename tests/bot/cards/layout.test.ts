/**
 * Cards as Teams lays them out: every card the bot sends, with worst-case data, rendered by the official
 * adaptivecards renderer in headless Chromium at the widths Teams gives a card (about 320 px in a narrow chat pane or
 * on a phone, about 540 px in a wide one), in Teams' light and dark themes. No word may be broken over two lines
 * (unless it is wider than a whole line of the card), nothing may run past its box or the card's edge, and no button
 * title or placeholder may be cut off. Screenshots land in artifacts/cards/.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { ROOT } from '../../support/paths.ts';
import { cardCatalog, LONG_NAME } from './support/card-catalog.ts';
import { openCardPage, type LayoutProblem } from './support/chromium-card.ts';
import type { Theme } from './support/teams-host-configs.ts';

jest.setTimeout(120_000);

const WIDTHS = [320, 540] as const;
const THEMES: readonly Theme[] = ['light', 'dark'];
const VARIANTS = WIDTHS.flatMap((width) => THEMES.map((theme) => ({ width, theme })));
const CATALOG = cardCatalog();

/**
 * Exports of bot/cards named like card builders that are none: `adaptiveCard` is the bare constructor every builder
 * uses; `activityLine` is a message's text (Teams draws it as a chat message, not a card).
 */
const NOT_CARDS = new Set(['adaptiveCard', 'activityLine']);

let browser: Browser | undefined;
const results = new Map<string, ReadonlyMap<string, LayoutProblem[]>>();
const key = (width: number, theme: Theme) => `${width}-${theme}`;

beforeAll(async () => {
  browser = await launchChromium();
  // One page per width and theme, every card on it: one evaluate and one screenshot per card.
  for (const { width, theme } of VARIANTS) {
    const page = await openCardPage({ browser, width, theme });
    results.set(key(width, theme), await page.renderAll(CATALOG));
    await page.screenshotAll();
    await page.close();
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe('card layout in Teams widths and themes', () => {
  it.each(
    CATALOG.flatMap(({ name }) =>
      VARIANTS.map(({ width, theme }) => [`${name} at ${width}px, ${theme}`, name, width, theme] as const),
    ),
  )('%s: no broken word, nothing overflows or is cut off', (_label, name, width, theme) => {
    expect(results.get(key(width, theme))?.get(name)).toEqual([]);
  });
});

describe('the layout check itself', () => {
  it('renders every card builder bot/cards exports', async () => {
    const dir = join(ROOT, 'bot', 'cards');
    const builders: string[] = [];
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.ts'))) {
      const module = (await import(join(dir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module))
        if (typeof value === 'function' && /(Card|Preview|Line)$/.test(name) && !NOT_CARDS.has(name))
          builders.push(name);
    }
    const rendered = new Set(CATALOG.map((sample) => sample.builder));
    expect(builders.filter((name) => !rendered.has(name)).sort()).toEqual([]);
    expect(builders.length).toBeGreaterThan(10);
  });

  it('uses worst-case data: a 64-character VM name', () => {
    expect(LONG_NAME).toHaveLength(64);
    expect(new Set(CATALOG.map((s) => s.name)).size).toBe(CATALOG.length);
  });
});
