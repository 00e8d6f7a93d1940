import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import { oauthCardOf } from '../helpers/teams.ts';

let harness: BotHarness;
beforeAll(async () => {
  harness = await startBotHarness({ service: { bot: { oauthConnection: 'VmManagerSso' } } });
});
afterAll(async () => {
  await harness?.close();
});

/** Teams runs card-action SSO only for a connection configured on the Azure Bot: every sign-in names it. */
it('every loginRequest and OAuthCard names the configured BOT_OAUTH_CONNECTION', async () => {
  const { teams, connector } = harness;
  const group = teams.group();
  const click = await teams.execute('alice', group, { verb: 'vm.list' });
  expect(click.body).toMatchObject({
    statusCode: 401,
    type: 'application/vnd.microsoft.activity.loginRequest',
    value: { connectionName: 'VmManagerSso' },
  });
  const personal = teams.personal('bob');
  await teams.message('bob', personal, 'list');
  const prompt = await connector.waitFor((c) => c.conversationId === personal.id && c.method === 'send');
  expect(oauthCardOf(prompt)).toMatchObject({ connectionName: 'VmManagerSso' });
});
