import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { AdaptiveCard } from '../../../../bot/cards/adaptive.ts';
import { ROOT } from '../../../support/paths.ts';
import { pageBackground, teamsHostConfig, type Theme } from './teams-host-configs.ts';

const require = createRequire(import.meta.url);
/** The official renderer's browser bundle: the same code Teams' web client runs. */
const ADAPTIVECARDS = require.resolve('adaptivecards/dist/adaptivecards.min.js');
/** Screenshots of every card, `{card}-{width}-{theme}.png` (git-ignored). */
export const CARD_SHOTS = join(ROOT, 'artifacts', 'cards');

/**
 * `brokenWord`: a word split over two lines although it would fit on one line of the card; `overflow`: content
 * wider than its box or past the card's edge; `truncated`: text cut off (a button title, an input's placeholder).
 */
export interface LayoutProblem {
  readonly kind: 'brokenWord' | 'overflow' | 'truncated';
  readonly text: string;
}

export interface CardPage {
  readonly width: number;
  readonly theme: Theme;
  /** Renders every card on the page, one under the other, and reports each one's layout problems by name. */
  renderAll(
    cards: readonly { readonly name: string; readonly card: AdaptiveCard }[],
  ): Promise<Map<string, LayoutProblem[]>>;
  /** Saves each rendered card as `{name}-{width}-{theme}.png` in {@link CARD_SHOTS}. */
  screenshotAll(): Promise<void>;
  close(): Promise<void>;
}

/** Teams-like chrome for what the renderer leaves to the host's CSS: buttons and inputs. */
function hostCss(theme: Theme): string {
  const dark = theme === 'dark';
  const fg = dark ? '#ffffff' : '#252424';
  const border = dark ? '#605e5c' : '#e1dfdd';
  const surface = dark ? '#292828' : '#ffffff';
  return `
    body { margin: 0; background: ${pageBackground(theme)}; }
    .host { margin: 0 0 12px; }
    .ac-pushButton { font: 600 14px 'Segoe UI', system-ui, sans-serif; color: ${fg}; background: ${surface};
      border: 1px solid ${border}; border-radius: 4px; padding: 4px 12px; min-height: 32px; }
    .ac-pushButton.style-positive { background: ${dark ? '#6264a7' : '#6264a7'}; color: #fff; border-color: transparent; }
    .ac-pushButton.style-destructive { background: ${dark ? '#d74654' : '#c4314b'}; color: #fff; border-color: transparent; }
    .ac-input { font: 14px 'Segoe UI', system-ui, sans-serif; color: ${fg}; background: ${dark ? '#1f1f1f' : '#f5f5f5'};
      border: 1px solid ${border}; border-radius: 4px; padding: 4px 8px; box-sizing: border-box; min-height: 32px; }
    .ac-input::placeholder { color: ${dark ? '#adadad' : '#616161'}; }
  `;
}

/**
 * A headless Chromium page at one width (the message column Teams gives a card: about 320 px in a narrow chat pane
 * or on a phone, about 540 px in a wide one) and one theme, with adaptivecards loaded and Teams' host config for that
 * theme. Markdown as Teams renders it in cards: bold, backslash escapes. Many cards render on one page.
 */
export async function openCardPage(options: {
  readonly browser: Browser;
  readonly width: number;
  readonly theme: Theme;
}): Promise<CardPage> {
  const { width, theme } = options;
  const page: Page = await options.browser.newPage({ viewport: { width: width + 40, height: 1200 } });
  await page.setContent(
    `<!doctype html><html><head><style>${hostCss(theme)}</style></head><body></body></html>`,
  );
  await page.addScriptTag({ path: ADAPTIVECARDS });
  let names: string[] = [];
  return {
    width,
    theme,
    async renderAll(cards) {
      names = cards.map((c) => c.name);
      const found = await page.evaluate(
        ({ cards, width, hostConfig }) => {
          const AC = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') }).AdaptiveCards;
          AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
            const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
            result.outputHtml = escaped
              .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
              .replace(/\\([!-/:-@[-`{-~])/g, '$1');
            result.didProcess = true;
          };
          const config = new AC.HostConfig(hostConfig);
          const canvas = document.createElement('canvas').getContext('2d')!;
          const describe = (el: Element) =>
            `${el.className || el.tagName}: ${(el.textContent || (el as HTMLInputElement).placeholder || '').slice(0, 60)}`;
          document.body.replaceChildren();
          const results: Record<string, { kind: 'brokenWord' | 'overflow' | 'truncated'; text: string }[]> =
            {};
          cards.forEach(({ name, json }, index) => {
            const host = document.createElement('div');
            host.className = 'host';
            host.id = `card-${index}`;
            host.style.width = `${width}px`;
            document.body.append(host);
            const adaptive = new AC.AdaptiveCard();
            adaptive.hostConfig = config;
            adaptive.parse(json);
            const element = adaptive.render();
            if (!element) throw new Error(`${name}: nothing rendered`);
            host.replaceChildren(element);
            const problems: { kind: 'brokenWord' | 'overflow' | 'truncated'; text: string }[] = [];
            results[name] = problems;
            const card = element.getBoundingClientRect();
            const padding = parseFloat(getComputedStyle(element).paddingLeft) || 0;
            // A word wider than a whole line of the card cannot help breaking (a 64-character VM name on its own
            // line wraps in Teams too); any other word split over two lines is a layout defect.
            const line = card.width - 2 * padding;

            for (const block of element.querySelectorAll<HTMLElement>('.ac-textBlock, .ac-pushButton')) {
              const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const text = node.textContent ?? '';
                const rectsOf = (from: number, to: number) => {
                  const range = document.createRange();
                  range.setStart(node!, from);
                  range.setEnd(node!, to);
                  return [...range.getClientRects()].filter((r) => r.width > 0);
                };
                const widthOf = (rects: DOMRect[]) => rects.reduce((sum, r) => sum + r.width, 0);
                const room = block.getBoundingClientRect().width;
                for (const word of text.matchAll(/\S+/g)) {
                  // A word wider than a line of the card must break (Teams wraps it too); where the browser breaks
                  // it is its business, as long as the card gave it the room it had (no column squeezing a part).
                  const unavoidable = widthOf(rectsOf(word.index, word.index + word[0].length)) > line - 1;
                  // A word may wrap after a hyphen or slash ("web-" / "02") and before a bracket, as Unicode line
                  // breaking allows; any other break inside it is a broken word.
                  for (const part of word[0].matchAll(/[([{]*[^\s\-/([{]+[-/]*|[-/([{]+/g)) {
                    const from = word.index + part.index;
                    const rects = rectsOf(from, from + part[0].length);
                    const wide = widthOf(rects);
                    const broken = new Set(rects.map((r) => Math.round(r.top))).size > 1;
                    if (broken && !(unavoidable && (wide < room - 1 || wide > line - 1)))
                      problems.push({ kind: 'brokenWord', text: part[0] });
                    if (rects.some((r) => r.right > card.right + 0.5 || r.left < card.left - 0.5))
                      problems.push({ kind: 'overflow', text: part[0] });
                  }
                }
              }
            }
            for (const el of [element, ...element.querySelectorAll<HTMLElement>('*')]) {
              const box = el.getBoundingClientRect();
              if (box.width === 0) continue;
              if (box.right > card.right + 0.5 || box.left < card.left - 0.5)
                problems.push({ kind: 'overflow', text: `past the card's edge: ${describe(el)}` });
              // An input's value scrolls inside it by design; its placeholder is checked below.
              else if (
                el.scrollWidth > el.clientWidth + 1 &&
                el.clientWidth > 0 &&
                !(el instanceof HTMLInputElement)
              )
                problems.push({
                  kind: el.closest('.ac-pushButton') ? 'truncated' : 'overflow',
                  text: `${el.scrollWidth}px in ${el.clientWidth}px: ${describe(el)}`,
                });
              if (el instanceof HTMLInputElement && el.placeholder) {
                const style = getComputedStyle(el);
                canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
                const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                if (canvas.measureText(el.placeholder).width > room + 1)
                  problems.push({
                    kind: 'truncated',
                    text: `placeholder in ${Math.round(room)}px: ${el.placeholder}`,
                  });
              }
            }
          });
          return results;
        },
        {
          cards: cards.map(({ name, card }) => ({ name, json: JSON.parse(JSON.stringify(card)) as unknown })),
          width,
          hostConfig: teamsHostConfig(theme),
        },
      );
      return new Map(Object.entries(found));
    },
    async screenshotAll() {
      await mkdir(CARD_SHOTS, { recursive: true });
      for (const [index, name] of names.entries())
        await page
          .locator(`#card-${index}`)
          .screenshot({ path: join(CARD_SHOTS, `${name}-${width}-${theme}.png`), animations: 'disabled' });
    },
    async close() {
      await page.close();
    },
  };
}
