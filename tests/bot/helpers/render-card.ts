import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';
import type { AdaptiveCard } from '../../../bot/cards/adaptive.ts';
import { AC } from './adaptivecards-node.ts';

/**
 * A CommonMark processor at least as permissive as Teams' subset: markdown-it's default preset
 * (CommonMark plus tables and strikethrough) with raw HTML on, so data that slips through unescaped
 * shows up as `<b>`, `<a>`, `<table>`… elements instead of being hidden by a stricter renderer.
 */
const markdown = new MarkdownIt({ html: true });

/** One document for all renders (each render replaces the previous card): jsdom is slow to create. */
let dom: JSDOM | undefined;

/** The browser globals the adaptivecards renderer reads while rendering (`instanceof` checks included). */
function domGlobals(window: JSDOM['window']): Array<[string, unknown]> {
  const names = Object.getOwnPropertyNames(window).filter((name) =>
    /^(HTML\w*Element|Element|Node)$/.test(name),
  );
  return [
    ['window', window],
    ['document', window.document],
    ...names.map((name): [string, unknown] => [name, (window as unknown as Record<string, unknown>)[name]]),
  ];
}

/**
 * Renders a card the way a Teams client does, with the official adaptivecards renderer (its
 * `{{DATE}}`/`{{TIME}}` formatting, then Markdown through `onProcessMarkdown`) into a jsdom
 * document. The DOM globals exist only during the (synchronous) render, so other tests in the same
 * file keep Node's environment.
 */
export function renderCard(card: AdaptiveCard): HTMLElement {
  dom ??= new JSDOM('<!doctype html><html><body></body></html>');
  const globals = domGlobals(dom.window);
  const saved = globals.map(([name]) => Object.getOwnPropertyDescriptor(globalThis, name));
  const previousMarkdown = AC.AdaptiveCard.onProcessMarkdown;
  for (const [name, value] of globals) {
    Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  }
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown.render(text);
    result.didProcess = true;
  };
  try {
    const parsed = new AC.AdaptiveCard();
    parsed.parse(JSON.parse(JSON.stringify(card)));
    const element = parsed.render();
    if (!element) throw new Error('adaptivecards rendered nothing');
    dom.window.document.body.replaceChildren(element);
    return element;
  } finally {
    AC.AdaptiveCard.onProcessMarkdown = previousMarkdown;
    globals.forEach(([name], i) => {
      const descriptor = saved[i];
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else Reflect.deleteProperty(globalThis, name);
    });
  }
}

/** What a reader sees in each TextBlock of a rendered card, fact titles and values included, in order. */
export function textsOf(rendered: HTMLElement): string[] {
  return Array.from(rendered.querySelectorAll('.ac-textBlock'), (block) => (block.textContent ?? '').trim());
}

/** {@link textsOf} the card, rendered. */
export function renderedTexts(card: AdaptiveCard): string[] {
  return textsOf(renderCard(card));
}
