import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Stack } from '../../support/stack.ts';
import type { TestConnector } from '../helpers/connector.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import { adaptiveCardOf, BOT, cardText, executeActions, TeamsClient } from '../helpers/teams.ts';

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

describe('conversations', () => {
  it('welcomes people when the bot is installed (conversationUpdate)', async () => {
    const conversation = teams.personal('alice');
    const res = await teams.post(
      teams.activity('alice', conversation, {
        type: 'conversationUpdate',
        membersAdded: [{ id: BOT.id }, { id: '29:alice' }],
      }),
    );
    expect(res.status).toBe(200);
    const welcome = cardText(adaptiveCardOf(await teams.nextSent(conversation, 0)));
    expect(welcome).toContain('Welcome, Alice!');
    expect(welcome).toContain('sign in once');
    expect(welcome).toContain('list');
  });

  it('in a team or group chat, the welcome says how to mention the bot', async () => {
    const conversation = teams.group();
    await teams.post(
      teams.activity('alice', conversation, {
        type: 'conversationUpdate',
        membersAdded: [{ id: BOT.id }],
      }),
    );
    const welcome = cardText(adaptiveCardOf(await teams.nextSent(conversation, 0)));
    expect(welcome).toContain('Welcome to VM Manager!');
    expect(welcome).toContain('@VM Manager list');
    expect(welcome).not.toContain('Alice');
  });

  it('says nothing when someone else joins', async () => {
    const conversation = teams.group();
    await teams.post(
      teams.activity('alice', conversation, {
        type: 'conversationUpdate',
        membersAdded: [{ id: '29:carol' }],
      }),
    );
    await teams.message('alice', conversation, 'help');
    const first = await teams.nextSent(conversation, 0);
    expect(cardText(adaptiveCardOf(first))).toContain('Here is what I can do');
  });

  it('answers help, unknown commands and missing names without asking anyone to sign in', async () => {
    const conversation = teams.personal('carol');
    await teams.message('carol', conversation, 'reboot-everything now');
    expect(cardText(adaptiveCardOf(await teams.nextSent(conversation, 0)))).toContain(
      "I didn't understand “reboot-everything now”.",
    );
    await teams.message('carol', conversation, 'stop');
    expect((await teams.nextSent(conversation, 1)).activity.text).toBe('Which VM? For example: stop web-01');
  });

  it('takes @mentioned commands in group chats, with refresh for the members (≤ 60)', async () => {
    const group = teams.group();
    connector.setMembers(
      group.id,
      Array.from({ length: 80 }, (_, i) => ({ id: `29:member-${i}`, name: `Member ${i}` })),
    );
    const card = adaptiveCardOf(await teams.signInWith('dave', group, 'status app-01'));
    expect(cardText(card)).toContain('app-01');
    expect(card.refresh.action).toMatchObject({ verb: 'vm.show' });
    expect(card.refresh.userIds).toHaveLength(60);
    expect(card.refresh.userIds[0]).toBe('29:dave');
  });

  it('offers a choice when a name is not exact, and never acts on a guess', async () => {
    const conversation = teams.personal('dave');
    const choice = adaptiveCardOf(await teams.signInWith('dave', conversation, 'restart app'));
    expect(cardText(choice)).toContain('No VM is named “app”. Did you mean one of these?');
    const options = executeActions(choice).filter((a) => a.verb === 'vm.confirm');
    // app-03 is deallocated: no Restart is offered for it (Azure would refuse).
    expect(options.map((a) => a.title)).toEqual(['Restart app-01', 'Restart app-02']);
  });

  it('says plainly that power off keeps billing', async () => {
    const conversation = teams.personal('dave');
    const confirm = adaptiveCardOf(await teams.signInWith('dave', conversation, 'poweroff app-01'));
    expect(cardText(confirm)).toContain('you keep paying for its compute');
  });
});

describe('POST /api/messages input checks', () => {
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${stack.service.url}/api/messages`, { method: 'POST', headers, body }).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));

  it.each([
    ['invalid JSON', '{"type":', 400, 'BadRequest'],
    ['an empty body', '', 400, 'BadRequest'],
    ['an array', '[]', 400, 'BadRequest'],
    [
      'no serviceUrl',
      JSON.stringify({
        type: 'message',
        channelId: 'msteams',
        conversation: { id: 'c' },
        from: { id: 'u' },
        recipient: { id: 'b' },
      }),
      400,
      'BadRequest',
    ],
  ])('answers %s with %i {error:{code}}', async (_name, body, status, code) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/); // no stack traces
  });

  it('answers other media types with 415', async () => {
    const res = await post('{}', { 'content-type': 'text/plain' });
    expect(res).toMatchObject({ status: 415, body: { error: { code: 'UnsupportedMediaType' } } });
  });

  it('refuses to reply to a non-loopback serviceUrl in anonymous local mode', async () => {
    const activity = teams.activity('alice', teams.personal('alice'), {
      type: 'message',
      text: 'help',
      serviceUrl: 'https://attacker.example/',
    });
    const res = await teams.post(activity);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/loopback/);
  });
});
