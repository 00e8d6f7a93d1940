/**
 * Issue 12: in a group chat or channel, each person's view of a shared card is their own (refresh.userIds), so when
 * someone acts from it the conversation also gets one short public line — "Bob Martin started web-02 · 10:02" — in
 * the clicker's time zone when Teams says which (localTimezone), else UTC. A one-on-one chat gets no such line.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Stack } from '../../support/stack.ts';
import type { ConnectorCall, TestConnector } from '../helpers/connector.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import { adaptiveCardOf, executeActions, TeamsClient, type Conversation } from '../helpers/teams.ts';

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

function members(conversation: Conversation, keys: string[]) {
  connector.setMembers(
    conversation.id,
    keys.map((key) => ({ id: `29:${key}`, name: teams.user(key).name, aadObjectId: teams.user(key).oid })),
  );
}

/** An Action.Execute click as Teams sends it, with the clicker's time zone. */
async function click(
  userKey: string,
  conversation: Conversation,
  action: { verb: string; data?: unknown },
  replyToId: string,
  localTimezone?: string,
) {
  return teams.invoke(
    userKey,
    conversation,
    'adaptiveCard/action',
    {
      action: { type: 'Action.Execute', id: randomUUID(), verb: action.verb, data: action.data ?? {} },
      trigger: 'manual',
      authentication: { id: randomUUID(), connectionName: 'TeamsSso', token: await stack.ssoToken(userKey) },
    },
    { replyToId, ...(localTimezone && { localTimezone }) },
  );
}

const textsIn = (conversation: Conversation) =>
  connector
    .sent(conversation.id)
    .map((c: ConnectorCall) => c.activity.text as string | undefined)
    .filter((t): t is string => typeof t === 'string');

describe('a public line when someone acts from a shared card', () => {
  it('group chat: Bob starts web-02 from the card alice posted; everyone reads one line with his name and time', async () => {
    const group = teams.group();
    members(group, ['alice', 'bob']);
    const posted = await teams.signInWith('alice', group, 'status web-02');
    const start = executeActions(adaptiveCardOf(posted)).find(
      (a) => a.verb === 'vm.act' && a.title === 'Start',
    );
    expect(start).toBeDefined();
    const before = connector.calls.length;
    const clicked = await click('bob', group, start!, posted.activityId, 'Asia/Tokyo');
    expect(clicked.body.statusCode).toBe(200);

    const line = await connector.waitFor(
      (c) => c.method === 'send' && c.conversationId === group.id && typeof c.activity.text === 'string',
      20_000,
    );
    expect(line.activity.text).toMatch(/^Bob Martin started web-02 · \d\d:\d\d$/);
    // The card was updated in place before the line was posted, and exactly one line was posted.
    const update = connector.calls
      .slice(before)
      .findIndex((c) => c.method === 'update' && c.activityId === posted.activityId);
    expect(update).toBeGreaterThanOrEqual(0);
    expect(connector.calls.indexOf(line)).toBeGreaterThan(before + update);
    // Asia/Tokyo is UTC+9, no daylight saving: the line's hour is the UTC hour + 9.
    const [hh, mm] = line.activity.text
      .match(/(\d\d):(\d\d)$/)!
      .slice(1)
      .map(Number);
    const utc = new Date();
    const expected = (utc.getUTCHours() + 9) % 24;
    expect([expected, (expected + 23) % 24]).toContain(hh); // the minute may have just turned the hour
    expect(mm).toBeGreaterThanOrEqual(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(textsIn(group).filter((t) => t.includes('started web-02'))).toHaveLength(1);

    // Bob stops it again (confirm first); no zone from the client: the time says UTC.
    const refreshed = await click(
      'bob',
      group,
      { verb: 'vm.show', data: { vmId: start!.data.vmId } },
      posted.activityId,
    );
    const stop = executeActions(refreshed.body.value).find(
      (a) => a.verb === 'vm.confirm' && a.title === 'Stop',
    )!;
    const confirm = await click('bob', group, stop, posted.activityId);
    const yes = executeActions(confirm.body.value).find((a) => a.verb === 'vm.act')!;
    await click('bob', group, yes, posted.activityId);
    const stopped = await connector.waitFor(
      (c) =>
        c.method === 'send' &&
        c.conversationId === group.id &&
        /stopped web-02/.test(String(c.activity.text)),
      20_000,
    );
    expect(stopped.activity.text).toMatch(/^Bob Martin stopped web-02 · \d\d:\d\d UTC$/);
  });

  it('one-on-one: the card is the whole story, no extra line', async () => {
    const chat = teams.personal('bob');
    const posted = await teams.signInWith('bob', chat, 'status web-02');
    const card = adaptiveCardOf(posted);
    const action = executeActions(card).find((a) => a.verb === 'vm.act' || a.verb === 'vm.confirm')!;
    const first = await click('bob', chat, action, posted.activityId);
    const act =
      action.verb === 'vm.act' ? action : executeActions(first.body.value).find((a) => a.verb === 'vm.act')!;
    if (action.verb !== 'vm.act') await click('bob', chat, act, posted.activityId);
    await connector.waitFor((c) => c.method === 'update' && c.activityId === posted.activityId, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(textsIn(chat)).toEqual([]);
  });
});
