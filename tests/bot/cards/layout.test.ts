/**
 * Cards as Teams lays them out: rendered by the official adaptivecards renderer in headless Chromium at the widths
 * Teams gives a card (about 320 px in a narrow chat pane or on a phone, about 540 px in a wide one). No word may be
 * broken over two lines and nothing may run past the card's edge.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { AdaptiveCard } from '../../../bot/cards/adaptive.ts';
import { confirmCard } from '../../../bot/cards/confirm-card.ts';
import { choiceCard, helpCard, welcomeCard } from '../../../bot/cards/message-cards.ts';
import { vmCard } from '../../../bot/cards/vm-card.ts';
import { vmListCard } from '../../../bot/cards/vm-list-card.ts';
import { makeVm } from '../helpers/vms.ts';
import { openCardPage, type CardPage } from './support/chromium-card.ts';

jest.setTimeout(60_000);

let cards: CardPage;
beforeAll(async () => {
  cards = await openCardPage();
}, 60_000);
afterAll(async () => {
  await cards?.close();
});

const WIDTHS = [320, 540] as const;

function cases(): Array<[string, AdaptiveCard]> {
  const vms = [
    makeVm({ name: 'web-01' }),
    makeVm({ name: 'web-02', powerState: 'deallocated' }),
    makeVm({ name: 'sql-01', resourceGroup: 'rg-data', powerState: 'stopped', osType: 'Windows' }),
  ];
  return [
    ['help', helpCard()],
    ['welcome', welcomeCard({ name: 'Alice' })],
    ['vm-read-only', vmCard({ vm: makeVm({ name: 'web-01', actions: [] }) })],
    ['confirm-refused', confirmCard({ vm: vms[1]!, action: 'restart' })],
    ['choice-restart', choiceCard({ query: 'web', purpose: 'restart', matches: vms, exact: false })],
    ['vm', vmCard({ vm: makeVm({ name: 'build-agent-01', tags: { env: 'dev', role: 'ci' } }) })],
    ['list', vmListCard({ vms })],
  ];
}

describe('card layout in Teams widths', () => {
  it.each(
    cases().flatMap(([name, card]) => WIDTHS.map((w) => [`${name} at ${w}px`, card, w, name] as const)),
  )('%s: no broken word, nothing overflows', async (_label, card, width, name) => {
    const problems = await cards.render(card, width);
    await cards.screenshot(`${name}-${width}`);
    expect(problems).toEqual([]);
  });
});
