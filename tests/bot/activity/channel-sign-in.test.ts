import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestConnector } from '../helpers/connector.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import {
  adaptiveCardOf,
  cardText,
  executeActions,
  oauthCardOf,
  type Conversation,
  type TeamsClient,
} from '../helpers/teams.ts';

let harness: BotHarness;
let connector: TestConnector;
let teams: TeamsClient;

beforeAll(async () => {
  harness = await startBotHarness();
  ({ connector, teams } = harness);
});
afterAll(async () => {
  await harness?.close();
});

const channel = (): Conversation => ({
  id: `19:channel-${Math.random().toString(36).slice(2, 10)}@thread.tacv2`,
  kind: 'channel',
});

/** Posts the sign-in page's form as the browser does; returns the magic code the page shows. */
async function signInOnPage(link: string, asUser: string): Promise<string> {
  const page = await fetch(link);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain(`value="${asUser}"`);
  const signin = new URL(link).searchParams.get('signin')!;
  const res = await fetch(new URL('/dev/token/api/oauth/signin', link), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ signin, user: asUser }).toString(),
  });
  expect(res.status).toBe(200);
  const code = /data-code="(\d{6})"/.exec(await res.text())?.[1];
  expect(code).toMatch(/^\d{6}$/);
  return code!;
}

/** The OAuthCard with the sign-in link among what the bot sent after `before`. */
const oauthAfter = async (conversation: Conversation, before: number) =>
  oauthCardOf(await teams.nextSent(conversation, before, (c) => oauthCardOf(c) !== undefined));

async function promptIn(conversation: Conversation, user: string, text = 'list') {
  const before = connector.sent(conversation.id).length;
  expect((await teams.message(user, conversation, text)).status).toBe(200);
  // First the Universal Actions sign-in card (as in group chats), then the OAuth connection's sign-in link.
  const universal = await teams.nextSent(conversation, before);
  expect(executeActions(adaptiveCardOf(universal)).map((a) => a.verb)).toContain('bot.signIn');
  return oauthAfter(conversation, before);
}

describe('sign-in in a channel: the OAuth connection’s sign-in link and magic code', () => {
  it('offers no token exchange but a sign-in link; the magic code in signin/verifyState signs bob in and runs his list', async () => {
    const conversation = channel();
    const oauth = await promptIn(conversation, 'bob');
    expect(oauth).toBeDefined();
    expect(oauth.tokenExchangeResource).toBeUndefined();
    expect(oauth.connectionName).toBe('TeamsSso');
    const link: string = oauth.buttons[0].value;
    expect(link).toMatch(/\/dev\/token\/api\/oauth\/signin\?signin=/);

    const code = await signInOnPage(link, 'bob');
    const before = connector.sent(conversation.id).length;
    const verified = await teams.invoke('bob', conversation, 'signin/verifyState', { state: code });
    expect(verified.status).toBe(200);
    const list = await teams.nextSent(conversation, before, (c) => adaptiveCardOf(c) !== undefined);
    expect(cardText(adaptiveCardOf(list))).toContain('web-01');
    expect(cardText(adaptiveCardOf(list))).not.toContain('sql-01');
  });

  it('a code is good once and only for the person whose sign-in produced it', async () => {
    const conversation = channel();
    const oauth = await promptIn(conversation, 'carol');
    const code = await signInOnPage(oauth.buttons[0].value, 'carol');
    // Someone else in the channel sends carol's code: nothing for them, they get the sign-in link.
    const before = connector.sent(conversation.id).length;
    await teams.invoke('dave', conversation, 'signin/verifyState', { state: code });
    const reply = await oauthAfter(conversation, before);
    expect(reply?.tokenExchangeResource).toBeUndefined();
    expect(reply?.buttons[0].value).toMatch(/\/dev\/token\//);
    // Carol's own verifyState still works after that, once.
    const mark = connector.sent(conversation.id).length;
    await teams.invoke('carol', conversation, 'signin/verifyState', { state: code });
    const list = await teams.nextSent(conversation, mark, (c) => adaptiveCardOf(c) !== undefined);
    expect(cardText(adaptiveCardOf(list))).toContain('Your virtual machines');
  });

  it('refuses a code whose token is another account’s (dave signs in on the page as alice)', async () => {
    const conversation = channel();
    const oauth = await promptIn(conversation, 'dave');
    const code = await signInOnPage(oauth.buttons[0].value, 'alice');
    const before = connector.sent(conversation.id).length;
    const refused = await teams.invoke('dave', conversation, 'signin/verifyState', { state: code });
    expect(refused.status).toBe(404);
    expect(await oauthAfter(conversation, before)).toBeDefined();
    // Still not signed in: the next command asks again, and nothing ran as alice.
    expect(await promptIn(conversation, 'dave')).toBeDefined();
    expect(
      connector.sent(conversation.id).some((c) => cardText(adaptiveCardOf(c) ?? {}).includes('sql-01')),
    ).toBe(false);
  });

  it.each([
    ['a made-up code', '000000'],
    ['an oversized state', 'x'.repeat(5_000)],
    ['no state', undefined],
  ])(
    'answers verifyState with %s as a failure (404, as OAuthPrompt does) and offers the sign-in again',
    async (_name, state) => {
      const conversation = channel();
      const before = connector.sent(conversation.id).length;
      const res = await teams.invoke('erin', conversation, 'signin/verifyState', state ? { state } : {});
      expect(res.status).toBe(404);
      expect((await oauthAfter(conversation, before))?.tokenExchangeResource).toBeUndefined();
    },
  );
});
