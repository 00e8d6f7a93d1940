import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { Stack } from '../../support/stack.ts';
import type { TestConnector } from '../helpers/connector.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import { TeamsClient } from '../helpers/teams.ts';

let harness: BotHarness;
let stack: Stack;
let connector: TestConnector;
let teams: TeamsClient;

beforeAll(async () => {
  // botbuilder's CloudAdapter prints every refused request to console.error; keep the test output clean.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  harness = await startBotHarness({
    service: {
      bot: {
        appId: '5a1c0b7e-0000-4000-8000-00000000b0b0',
        appPassword: 'not-a-real-secret',
        appType: 'MultiTenant',
      },
    },
  });
  ({ stack, connector, teams } = harness);
});
afterAll(async () => {
  await harness?.close();
});

it('requires Bot Framework authentication once MicrosoftAppId is configured', async () => {
  const conversation = teams.personal('alice');
  const anonymous = await teams.message('alice', conversation, 'help');
  expect(anonymous.status).toBe(401);
  expect(anonymous.body).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });

  const forged = await teams.post(teams.activity('alice', conversation, { type: 'message', text: 'help' }), {
    authorization: `Bearer ${await stack.ssoToken('alice')}`,
  });
  expect(forged.status).toBe(401);
  expect(connector.calls).toHaveLength(0);
});
