import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { startStack, type Stack } from '../../support/stack.ts';
import { startTestConnector, type TestConnector } from '../helpers/connector.ts';
import { TeamsClient } from '../helpers/teams.ts';

let stack: Stack;
let connector: TestConnector;
let teams: TeamsClient;

beforeAll(async () => {
  // botbuilder's CloudAdapter prints every refused request to console.error; keep the test output clean.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  connector = await startTestConnector();
  stack = await startStack({
    service: {
      bot: {
        appId: '5a1c0b7e-0000-4000-8000-00000000b0b0',
        appPassword: 'not-a-real-secret',
        appType: 'MultiTenant',
      },
    },
  });
  teams = await TeamsClient.create(stack, connector);
});
afterAll(async () => {
  await stack?.close();
  await connector?.close();
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
