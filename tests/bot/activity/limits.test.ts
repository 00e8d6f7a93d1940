import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Stack } from '../../support/stack.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import { cardText, TeamsClient } from '../helpers/teams.ts';

let harness: BotHarness;
let stack: Stack;
let teams: TeamsClient;
const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
const WEB_02 = `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-02`;

beforeAll(async () => {
  harness = await startBotHarness();
  ({ stack, teams } = harness);
});
afterAll(async () => {
  await stack?.service.app.operations.settled();
  await harness?.close();
});

const writes = async () =>
  (await stack.emulator.call('/_emulator/stats')).json<{ arm: { write: number } }>().arm.write;

it('card actions spend the same per-user action budget as the HTTP API (30 burst)', async () => {
  const conversation = teams.personal('alice');
  const token = await stack.ssoToken('alice');
  const before = await writes();
  const texts: string[] = [];
  for (let i = 0; i < 40; i++) {
    const res = await teams.execute(
      'alice',
      conversation,
      { verb: 'vm.act', data: { vmId: WEB_02, action: 'restart' } },
      { token },
    );
    expect(res.body.statusCode).toBe(200);
    texts.push(cardText(res.body.value));
  }
  const limited = texts.filter((t) => /Too many VM actions at once/.test(t));
  expect(limited.length).toBeGreaterThanOrEqual(9);
  expect(limited[0]).toMatch(/try again in \d+ s\. Nothing was changed\./);
  expect((await writes()) - before).toBeLessThanOrEqual(31);

  // The HTTP API sees the same empty bucket.
  const http = await fetch(`${stack.service.url}/api/vms/${DEV}/rg-web/web-02/restart`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(http.status).toBe(429);
  expect(((await http.json()) as { error: { limit: string } }).error.limit).toBe('actions');
}, 60_000);
