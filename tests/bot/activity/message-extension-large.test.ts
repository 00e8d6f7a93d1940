import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { MAX_CARD_BYTES } from '../../../bot/cards/adaptive.ts';
import { checkCard } from '../helpers/card-validation.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import type { Json } from '../helpers/teams.ts';

let harness: BotHarness;
beforeAll(async () => {
  harness = await startBotHarness({ emulator: { seed: 'large' } });
}, 60_000);
afterAll(async () => {
  await harness?.close();
});

/** perf sees 3,000 VMs: a compose-box search answers one page of valid cards, whatever it matches. */
it('searches 3,000 VMs from the compose box: at most 25 results, each a valid card under 28 KB', async () => {
  const { teams, stack } = harness;
  const chat = teams.group();
  const token = await stack.ssoToken('perf');
  const search = (text: string, skip = 0) =>
    teams.invoke('perf', chat, 'composeExtension/query', {
      commandId: 'searchVms',
      parameters: [{ name: 'searchQuery', value: text }],
      queryOptions: { skip, count: 25 },
      authentication: { token },
    });
  await search('warm-up');
  const started = performance.now();
  const res = await search('perf-s03');
  const elapsed = performance.now() - started;
  const attachments: Json[] = res.body.composeExtension.attachments;
  expect(attachments).toHaveLength(25);
  for (const a of attachments) {
    const report = checkCard(a.content);
    expect(report.problems).toEqual([]);
    expect(report.bytes).toBeLessThan(MAX_CARD_BYTES);
    expect(a.preview.content.title).toMatch(/^perf-s03-/);
  }
  const next = await search('perf-s03', 25);
  expect(next.body.composeExtension.attachments[0].preview.content.title).not.toBe(
    attachments[0].preview.content.title,
  );
  const bytes = JSON.stringify(res.body).length;
  process.stdout.write(`compose search over 3000 VMs: ${elapsed.toFixed(0)} ms, ${bytes} bytes\n`);
  expect(elapsed).toBeLessThan(5_000);
}, 60_000);
