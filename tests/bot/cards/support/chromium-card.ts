import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { AdaptiveCard } from '../../../../bot/cards/adaptive.ts';
import { launchChromium } from '../../../support/chromium.ts';
import { ROOT } from '../../../support/paths.ts';

const require = createRequire(import.meta.url);
/** The official renderer's browser bundle: the same code Teams' web client runs. */
const ADAPTIVECARDS = require.resolve('adaptivecards/dist/adaptivecards.min.js');
export const CARD_SHOTS = join(ROOT, 'artifacts', 'screenshots', 'cards');

/** A word split over two lines, or content wider than the card. */
export interface LayoutProblem {
  readonly kind: 'brokenWord' | 'overflow';
  readonly text: string;
}

export interface CardPage {
  /** Renders `card` at `width` px (the message column Teams gives it) and reports layout problems. */
  render(card: AdaptiveCard, width: number): Promise<readonly LayoutProblem[]>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Headless Chromium with adaptivecards loaded and a Teams-like host config (Segoe UI metrics fall back to the
 * machine's sans-serif, which is wider: a stricter test). Markdown as Teams renders it in cards: bold, italics,
 * backslash escapes.
 */
export async function openCardPage(browser?: Browser): Promise<CardPage> {
  const owned = browser === undefined;
  const chromium = browser ?? (await launchChromium());
  const page: Page = await chromium.newPage({ viewport: { width: 800, height: 1200 } });
  await page.setContent(
    '<!doctype html><html><body style="margin:0;background:#f5f5f5"><div id="host" style="background:#fff;padding:0"></div></body></html>',
  );
  await page.addScriptTag({ path: ADAPTIVECARDS });
  return {
    async render(card, width) {
      return page.evaluate(
        ({ json, width }) => {
          const AC = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
          const host = document.getElementById('host')!;
          host.style.width = `${width}px`;
          AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
            const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
            result.outputHtml = escaped
              .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
              .replace(/\\([!-/:-@[-`{-~])/g, '$1');
            result.didProcess = true;
          };
          const adaptive = new AC.AdaptiveCard();
          adaptive.hostConfig = new AC.HostConfig({
            fontFamily: "'Segoe UI', system-ui, sans-serif",
            spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 16 },
            fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
            fontWeights: { lighter: 300, default: 400, bolder: 600 },
            actions: { maxActions: 6, buttonSpacing: 8, actionsOrientation: 'horizontal' },
            factSet: {
              title: { isSubtle: true, weight: 'default', wrap: true, maxWidth: 150 },
              value: { wrap: true },
              spacing: 8,
            },
          });
          adaptive.parse(json);
          const element = adaptive.render();
          if (!element) throw new Error('nothing rendered');
          host.replaceChildren(element);
          const problems: { kind: 'brokenWord' | 'overflow'; text: string }[] = [];
          const hostRight = host.getBoundingClientRect().right + 0.5;
          for (const block of element.querySelectorAll<HTMLElement>('.ac-textBlock, .ac-pushButton')) {
            const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const text = node.textContent ?? '';
              // A word may wrap after a hyphen or slash (the hyphen stays visible: "web-" / "02", a line break
              // Unicode allows); any other break inside it is a broken word.
              for (const match of text.matchAll(/[^\s\-/]+[-/]*|[-/]+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                if (tops.size > 1) problems.push({ kind: 'brokenWord', text: match[0] });
                for (const rect of range.getClientRects())
                  if (rect.right > hostRight) problems.push({ kind: 'overflow', text: match[0] });
              }
            }
          }
          if (element.scrollWidth > element.clientWidth + 1)
            problems.push({ kind: 'overflow', text: `card is ${element.scrollWidth}px wide in ${width}px` });
          return problems;
        },
        { json: JSON.parse(JSON.stringify(card)) as unknown, width },
      );
    },
    async screenshot(name) {
      await mkdir(CARD_SHOTS, { recursive: true });
      await page.locator('#host').screenshot({ path: join(CARD_SHOTS, `${name}.png`) });
    },
    async close() {
      await page.close();
      if (owned) await chromium.close();
    },
  };
}
