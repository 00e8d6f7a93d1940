import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Stack } from '../../support/stack.ts';
import type { TestConnector } from '../helpers/connector.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import {
  adaptiveCardOf,
  cardText,
  executeActions,
  oauthCardOf,
  TeamsClient,
  type Conversation,
} from '../helpers/teams.ts';

let harness: BotHarness;
let stack: Stack;
let connector: TestConnector;
let teams: TeamsClient;

beforeAll(async () => {
  harness = await startBotHarness();
  ({ stack, connector, teams } = harness);
});
afterAll(async () => {
  await harness?.close();
});

/**
 * Teams does bot SSO (token exchange) only one-on-one. In group chats the bot must never post a
 * token-exchange OAuthCard (the user would loop); it posts a Universal Action whose `loginRequest`
 * Teams does support there. Channels get the same card and then the OAuth connection's sign-in link too.
 */
const channel = (): Conversation => ({
  id: `19:channel-${Math.random().toString(36).slice(2, 10)}@thread.tacv2`,
  kind: 'channel',
});

// A different user per case: once signed in, a user's token is remembered (shared state).
describe.each<[string, () => Conversation, string, string]>([
  ['group chat', () => teams.group(), 'alice', 'carol'],
  // Channels: the same card first, then also the OAuth connection's sign-in link (channel-sign-in.test.ts).
  ['channel', channel, 'bob', 'dave'],
])('sign-in in a %s', (_where, conversationOf, who, other) => {
  it('a user without a token gets the Action.Execute sign-in card, then the command runs as them', async () => {
    const conversation = conversationOf();
    expect((await teams.message(who, conversation, 'list')).status).toBe(200);
    const prompt = await connector.waitFor(
      (c) => c.conversationId === conversation.id && c.method === 'send',
    );
    expect(oauthCardOf(prompt)).toBeUndefined();
    const card = adaptiveCardOf(prompt);
    expect(cardText(card)).toContain('Sign in to manage your VMs');
    const signIn = executeActions(card).find((a) => a.verb === 'bot.signIn');
    expect(signIn).toBeDefined();

    // The click without a token: Teams is told to sign the clicker in (Universal Actions SSO).
    const first = await teams.execute(who, conversation, signIn!, { replyToId: prompt.activityId });
    expect(first.body).toMatchObject({
      statusCode: 401,
      type: 'application/vnd.microsoft.activity.loginRequest',
    });
    expect(first.body.value.tokenExchangeResource).toMatchObject({
      uri: stack.service.app.config.identifierUri,
    });

    // Teams re-sends the click with the clicker's token: signed in, and their `list` runs as them.
    const before = connector.sent(conversation.id).length;
    const second = await teams.execute(who, conversation, signIn!, {
      replyToId: prompt.activityId,
      token: await stack.ssoToken(who),
    });
    expect(second.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText(second.body.value)).toContain('Signed in');
    const list = await teams.nextSent(conversation, before, (c) =>
      /web-01/.test(cardText(adaptiveCardOf(c))),
    );
    expect(cardText(adaptiveCardOf(list))).toContain('web-02');
  });

  it('a token exchange here is refused (412), and verifyState offers the Universal Action, never an exchange', async () => {
    const conversation = conversationOf();
    const exchange = await teams.tokenExchange(other, conversation, 'x-1', await stack.ssoToken(other));
    expect(exchange.status).toBe(412);
    const before = connector.sent(conversation.id).length;
    const verify = await teams.invoke(other, conversation, 'signin/verifyState', { state: '123456' });
    expect(verify.status).toBe(404);
    const reply = await teams.nextSent(conversation, before);
    expect(oauthCardOf(reply)).toBeUndefined();
    expect(executeActions(adaptiveCardOf(reply)).map((a) => a.verb)).toContain('bot.signIn');
  });
});

it('one-on-one still signs in silently with the token exchange', async () => {
  const conversation = teams.personal('erin');
  await teams.message('erin', conversation, 'list');
  const prompt = await connector.waitFor((c) => c.conversationId === conversation.id && c.method === 'send');
  expect(oauthCardOf(prompt)?.tokenExchangeResource).toBeDefined();
});
