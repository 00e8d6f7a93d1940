import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_CARD_BYTES } from '../../../bot/cards/adaptive.ts';
import { checkCard } from '../helpers/card-validation.ts';
import type { TestConnector } from '../helpers/connector.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import {
  adaptiveCardOf,
  cardText,
  executeActions,
  TeamsClient,
  type Conversation,
} from '../helpers/teams.ts';

let harness: BotHarness;
let connector: TestConnector;
let teams: TeamsClient;
let conversation: Conversation;

beforeAll(async () => {
  harness = await startBotHarness({ emulator: { seed: 'large' } });
  ({ connector, teams } = harness);
  conversation = teams.personal('perf');
}, 60_000);
afterAll(async () => {
  await harness?.close();
});

describe('large seed: perf sees 3,000 VMs', () => {
  it('lists them ten per card, every card valid and under 28 KB', async () => {
    const first = await teams.signInWith('perf', conversation, 'list');
    const card = adaptiveCardOf(first);
    const report = checkCard(card);
    expect(report.problems).toEqual([]);
    expect(report.bytes).toBeLessThan(MAX_CARD_BYTES);
    expect(cardText(card)).toContain('3000 VMs · 1500 running');
    expect(cardText(card)).toContain('page 1 of 300');

    const next = executeActions(card).find((a) => a.title === 'Next')!;
    const page2 = await teams.execute('perf', conversation, next, { replyToId: first.activityId });
    expect(cardText(page2.body.value)).toContain('Showing 11–20 of 3000');
    expect(checkCard(page2.body.value).problems).toEqual([]);

    const last = await teams.execute('perf', conversation, { verb: 'vm.list', data: { page: 299 } });
    expect(cardText(last.body.value)).toContain('Showing 2991–3000 of 3000');
    const filtered = await teams.execute('perf', conversation, {
      verb: 'vm.list',
      data: { filter: 'perf 05 deallocated' },
    });
    expect(checkCard(filtered.body.value).problems).toEqual([]);
    expect(cardText(filtered.body.value)).toMatch(
      /\d+ VMs · 0 running matching “perf 05 deallocated” \(of 3000\)/,
    );
  }, 60_000);

  it('keeps the choice card small when a name matches thousands of VMs', async () => {
    const before = connector.sent(conversation.id).length;
    await teams.message('perf', conversation, 'start perf');
    const choice = adaptiveCardOf(await teams.nextSent(conversation, before));
    expect(checkCard(choice).problems).toEqual([]);
    expect(cardText(choice)).toContain('…and 2990 more.');
  }, 60_000);
});
