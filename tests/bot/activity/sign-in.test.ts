import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Stack } from '../../support/stack.ts';
import type { TestConnector } from '../helpers/connector.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import { adaptiveCardOf, cardText, oauthCardOf, TeamsClient } from '../helpers/teams.ts';

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

/** Sends `help` and returns the next card: proves nothing else was posted in between. */
async function nextCardAfterHelp(userKey: string, conversation: ReturnType<TeamsClient['personal']>) {
  const before = connector.sent(conversation.id).length;
  await teams.message(userKey, conversation, 'help');
  return teams.nextSent(conversation, before);
}

describe('Teams SSO (OAuth card + signin/tokenExchange through the service’s OBO path)', () => {
  it('signs bob in with his SSO token and runs the command he asked for', async () => {
    const conversation = teams.personal('bob');
    const sent = await teams.message('bob', conversation, 'list');
    expect(sent.status).toBe(200);

    const prompt = await teams.nextSent(conversation, 0);
    const oauth = oauthCardOf(prompt);
    expect(oauth).toMatchObject({
      connectionName: 'TeamsSso',
      tokenExchangeResource: { uri: stack.service.app.config.identifierUri },
      buttons: [{ type: 'signin', title: 'Sign in' }],
    });
    expect(oauth.buttons[0].value).toMatch(/\/auth-start\.html\?/);
    expect(typeof oauth.tokenExchangeResource.id).toBe('string');

    const exchanged = await teams.tokenExchange(
      'bob',
      conversation,
      oauth.tokenExchangeResource.id,
      await stack.ssoToken('bob'),
    );
    expect(exchanged).toEqual({
      status: 200,
      body: { id: oauth.tokenExchangeResource.id, connectionName: 'TeamsSso' },
    });

    // The pending "list" runs as bob: his Reader role covers rg-web only.
    const list = adaptiveCardOf(await teams.nextSent(conversation, 1));
    const text = cardText(list);
    expect(text).toContain('2 VMs · 1 running');
    expect(text).toContain('web-01');
    expect(text).toContain('web-02');
    expect(text).not.toContain('sql-01');

    // Signed in now: the next command needs no prompt.
    const before = connector.sent(conversation.id).length;
    await teams.message('bob', conversation, 'status WEB-02');
    const status = await teams.nextSent(conversation, before);
    expect(oauthCardOf(status)).toBeUndefined();
    expect(cardText(adaptiveCardOf(status))).toContain('Stopped (deallocated)');
  });

  it('acts on a token exchange once, even when Teams delivers it twice', async () => {
    const conversation = teams.personal('dave');
    await teams.message('dave', conversation, 'list');
    const oauth = oauthCardOf(await teams.nextSent(conversation, 0));
    const token = await stack.ssoToken('dave');
    const [first, second] = await Promise.all([
      teams.tokenExchange('dave', conversation, oauth.tokenExchangeResource.id, token),
      teams.tokenExchange('dave', conversation, oauth.tokenExchangeResource.id, token),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    await teams.nextSent(conversation, 1, (c) => adaptiveCardOf(c) !== undefined);
    const next = await nextCardAfterHelp('dave', conversation);
    expect(cardText(adaptiveCardOf(next))).toContain('Here is what I can do');
    const lists = connector
      .sent(conversation.id)
      .filter((c) => cardText(adaptiveCardOf(c) ?? {}).includes('Your virtual machines'));
    expect(lists).toHaveLength(1);
  });

  it('answers 412 when the exchange fails for lack of consent (erin), then resumes after consent + verifyState', async () => {
    const conversation = teams.personal('erin');
    await teams.message('erin', conversation, 'list');
    const oauth = oauthCardOf(await teams.nextSent(conversation, 0));

    const refused = await teams.tokenExchange(
      'erin',
      conversation,
      oauth.tokenExchangeResource.id,
      await stack.ssoToken('erin'),
    );
    expect(refused.status).toBe(412);
    expect(refused.body).toMatchObject({
      id: oauth.tokenExchangeResource.id,
      failureDetail: expect.stringMatching(/consent/i),
    });
    // Nothing ran for erin.
    expect(cardText(adaptiveCardOf(await nextCardAfterHelp('erin', conversation)))).toContain(
      'Here is what I can do',
    );

    // Erin consents on the fallback page; Teams then sends signin/verifyState and the bot offers SSO again.
    await stack.emulator.call('/_emulator/consent', {
      method: 'POST',
      body: { user: 'erin', consented: true },
    });
    const before = connector.sent(conversation.id).length;
    const verified = await teams.invoke('erin', conversation, 'signin/verifyState', { state: 'consented' });
    expect(verified.status).toBe(200);
    const again = oauthCardOf(await teams.nextSent(conversation, before));
    expect(again.tokenExchangeResource.id).not.toBe(oauth.tokenExchangeResource.id);
    const ok = await teams.tokenExchange(
      'erin',
      conversation,
      again.tokenExchangeResource.id,
      await stack.ssoToken('erin'),
    );
    expect(ok.status).toBe(200);
    // The "list" erin asked for before consenting runs now.
    const resumed = await teams.nextSent(conversation, before + 1, (c) => adaptiveCardOf(c) !== undefined);
    expect(cardText(adaptiveCardOf(resumed))).toContain('Your virtual machines');
  });

  it('refuses a token that belongs to someone else than the sender', async () => {
    const conversation = teams.personal('carol');
    await teams.message('carol', conversation, 'list');
    const oauth = oauthCardOf(await teams.nextSent(conversation, 0));
    const refused = await teams.tokenExchange(
      'carol',
      conversation,
      oauth.tokenExchangeResource.id,
      await stack.ssoToken('alice'),
    );
    expect(refused.status).toBe(412);
    expect(refused.body.failureDetail).toMatch(/someone else/);

    // Carol is still not signed in: her next command prompts again, and nothing ran as alice.
    const before = connector.sent(conversation.id).length;
    await teams.message('carol', conversation, 'list');
    expect(oauthCardOf(await teams.nextSent(conversation, before))).toBeDefined();
    expect(
      connector.sent(conversation.id).some((c) => cardText(adaptiveCardOf(c) ?? {}).includes('sql-01')),
    ).toBe(false);
  });

  it.each<[string, number, Record<string, unknown> | string | undefined]>([
    ['an unsigned token', 412, 'eyJhbGciOiJub25lIn0.eyJvaWQiOiJ4In0.'],
    ['an expired token', 412, { expiresInSeconds: -600 }],
    ['a token for another audience', 412, { audience: 'api://someone-else' }],
    ['a token from another tenant', 412, { tenant: 'fabrikam.onmicrosoft.com' }],
    ['no token', 400, undefined],
  ])('answers %s with %i and signs nobody in', async (_name, status, token) => {
    const conversation = teams.personal('alice');
    await teams.message('alice', conversation, 'list');
    const oauth = oauthCardOf(await teams.nextSent(conversation, 0));
    const value = typeof token === 'object' ? await stack.ssoToken('alice', token) : token;
    const res = await teams.invoke('alice', conversation, 'signin/tokenExchange', {
      id: oauth.tokenExchangeResource.id,
      connectionName: 'TeamsSso',
      ...(value ? { token: value } : {}),
    });
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ failureDetail: expect.any(String) });
    const before = connector.sent(conversation.id).length;
    await teams.message('alice', conversation, 'list');
    expect(oauthCardOf(await teams.nextSent(conversation, before))).toBeDefined();
  });
});
