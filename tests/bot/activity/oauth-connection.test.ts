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

/** Channels: the token service's sign-in link is for the same connection; it knows no other (as the Azure Bot). */
it('a channel sign-in link and magic code work through the configured connection, and no other', async () => {
  const { teams, connector } = harness;
  const channel = { id: '19:channel-oauth@thread.tacv2', kind: 'channel' as const };
  await teams.message('carol', channel, 'list');
  // After the Universal Actions sign-in card: the OAuthCard with the connection's sign-in link.
  const prompt = await connector.waitFor(
    (c) => c.conversationId === channel.id && c.method === 'send' && oauthCardOf(c) !== undefined,
  );
  const oauth = oauthCardOf(prompt);
  expect(oauth).toMatchObject({ connectionName: 'VmManagerSso' });
  expect(oauth.tokenExchangeResource).toBeUndefined();
  const link = new URL(oauth.buttons[0].value as string);
  expect(link.pathname).toBe('/dev/token/api/oauth/signin');

  // The token service refuses any other connection name, as the Azure Bot does.
  const state = Buffer.from(
    JSON.stringify({ connectionName: 'TeamsSso', conversation: { user: { id: '29:carol' } } }),
  ).toString('base64');
  const other = await fetch(new URL(`/dev/token/api/botsignin/GetSignInResource?state=${state}`, link));
  expect(other.status).toBe(400);
  expect(((await other.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
  const token = await fetch(
    new URL('/dev/token/api/usertoken/GetToken?userId=29:carol&connectionName=TeamsSso&code=000000', link),
  );
  expect(token.status).toBe(400);
});
