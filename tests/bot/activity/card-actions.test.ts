import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Stack } from '../../support/stack.ts';
import type { TestConnector } from '../helpers/connector.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import {
  adaptiveCardOf,
  cardText,
  executeActions,
  TeamsClient,
  type Conversation,
} from '../helpers/teams.ts';

let harness: BotHarness;
let stack: Stack;
let connector: TestConnector;
let teams: TeamsClient;
const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
const vmId = (rg: string, name: string) =>
  `/subscriptions/${DEV}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;

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

describe('Universal Actions (adaptiveCard/action) run as the person who clicked', () => {
  it('answers a second user’s click with a loginRequest, then acts with that user’s own access', async () => {
    const group = teams.group();
    members(group, ['alice', 'bob']);
    const posted = await teams.signInWith('alice', group, 'list web');
    const aliceCard = adaptiveCardOf(posted);
    // In group chats each member gets their own view through refresh.
    expect(aliceCard.refresh).toMatchObject({
      action: { type: 'Action.Execute', verb: 'vm.list' },
      userIds: ['29:alice', '29:bob'],
    });
    expect(JSON.stringify(aliceCard)).not.toMatch(/eyJ/); // no token ever travels in a card

    const open = executeActions(aliceCard).find((a) => a.title === 'Open web-01')!;
    const unauthenticated = await teams.execute('bob', group, open, { replyToId: posted.activityId });
    expect(unauthenticated.status).toBe(200);
    expect(unauthenticated.body).toMatchObject({
      statusCode: 401,
      type: 'application/vnd.microsoft.activity.loginRequest',
      value: {
        connectionName: 'TeamsSso',
        tokenExchangeResource: { uri: stack.service.app.config.identifierUri },
        buttons: [{ type: 'signin', value: expect.stringMatching(/auth-start\.html/) }],
      },
    });

    // Teams gets bob's SSO token silently and re-sends the click with it.
    const retried = await teams.execute('bob', group, open, {
      replyToId: posted.activityId,
      token: await stack.ssoToken('bob'),
    });
    expect(retried.body.statusCode).toBe(200);
    expect(retried.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const bobView = retried.body.value;
    expect(cardText(bobView)).toContain('web-01');
    // Bob is only a Reader on web-01: no power buttons (alice, a VM Contributor, would have them).
    expect(executeActions(bobView).map((a) => a.title)).toEqual(['Connect', 'Refresh', 'All VMs']);
    expect(bobView.refresh).toMatchObject({ userIds: ['29:bob'] });

    // Alice's click on the same card uses her own access.
    const aliceClick = await teams.execute('alice', group, open, { replyToId: posted.activityId });
    expect(executeActions(aliceClick.body.value).map((a) => a.title)).toEqual([
      'Stop',
      'Power off',
      'Restart',
      'Auto-shutdown',
      'Connect',
      'Refresh',
      'All VMs',
    ]);
  });

  it('refuses a click carrying another user’s token', async () => {
    const conversation = teams.personal('carol');
    const res = await teams.execute(
      'carol',
      conversation,
      { verb: 'vm.list' },
      { token: await stack.ssoToken('alice') },
    );
    expect(res.body).toMatchObject({
      statusCode: 412,
      type: 'application/vnd.microsoft.error.preconditionFailed',
      value: { code: 'WrongUser' },
    });
  });

  it('asks for consent (login request without SSO) when the clicker’s token cannot be exchanged', async () => {
    const conversation = teams.personal('erin');
    const res = await teams.execute(
      'erin',
      conversation,
      { verb: 'vm.list' },
      { token: await stack.ssoToken('erin') },
    );
    expect(res.body).toMatchObject({
      statusCode: 401,
      type: 'application/vnd.microsoft.activity.loginRequest',
    });
    expect(res.body.value.tokenExchangeResource).toBeUndefined();
    expect(res.body.value.buttons[0].value).toMatch(/auth-start\.html/);
  });

  describe('bob, signed in', () => {
    let conversation: Conversation;
    beforeAll(async () => {
      conversation = teams.personal('bob');
      await teams.signInWith('bob', conversation, 'list');
    });

    it('answers a forbidden action (start web-01) clearly, with Azure’s reason', async () => {
      const res = await teams.execute('bob', conversation, {
        verb: 'vm.act',
        data: { vmId: vmId('rg-web', 'web-01'), action: 'start' },
      });
      expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
      const text = cardText(res.body.value);
      expect(text).toContain("You don't have permission to start web-01");
      expect(text).toMatch(
        /Azure said: .*does not have authorization to perform action 'Microsoft\.Compute\/virtualMachines\/start\/action'/,
      );
      expect(text).toContain('Code: AuthorizationFailed');
    });

    it('refuses to confirm an action the RBAC does not allow', async () => {
      const res = await teams.execute('bob', conversation, {
        verb: 'vm.confirm',
        data: { vmId: vmId('rg-web', 'web-01'), action: 'deallocate' },
      });
      expect(cardText(res.body.value)).toContain("You don't have permission to stop web-01");
    });

    it.each([
      [
        'an unknown verb',
        { verb: 'vm.delete', data: { vmId: vmId('rg-web', 'web-02') } },
        /This card is out of date/,
      ],
      [
        'forged data',
        { verb: 'vm.act', data: { vmId: vmId('rg-web', 'web-02'), action: 'format' } },
        /This card is out of date/,
      ],
      [
        'an id that is not a VM',
        { verb: 'vm.show', data: { vmId: `/subscriptions/${DEV}/resourceGroups/rg-web` } },
        /This card is out of date/,
      ],
      [
        'a VM bob cannot see',
        { verb: 'vm.show', data: { vmId: vmId('rg-data', 'sql-01') } },
        /You don't have permission to see sql-01/,
      ],
      [
        'a VM that does not exist',
        { verb: 'vm.show', data: { vmId: vmId('rg-web', 'web-99') } },
        /VM not found/,
      ],
    ])('answers %s with an error card, never a crash', async (_name, action, message) => {
      const res = await teams.execute('bob', conversation, action);
      expect(res.status).toBe(200);
      expect(res.body.statusCode).toBe(200);
      expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(cardText(res.body.value)).toMatch(message);
    });

    it.each(['..', '%2e%2e', 'wéb-02', 'web-02#x', 'web-02/../web-01', 'web-02?x=1'])(
      "never sends a VM name of %j to ARM: the HTTP API's VM-reference rules apply to card data too",
      async (name) => {
        const stats = async () =>
          (await stack.emulator.call('/_emulator/stats')).json<{ arm: { read: number; write: number } }>()
            .arm;
        const before = await stats();
        const id = `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/${name}`;
        for (const action of [
          { verb: 'vm.act', data: { vmId: id, action: 'restart' } },
          { verb: 'vm.confirm', data: { vmId: id, action: 'restart' } },
          { verb: 'vm.show', data: { vmId: id } },
        ]) {
          const res = await teams.execute('bob', conversation, action);
          expect(res.body.statusCode).toBe(200);
          expect(cardText(res.body.value)).toMatch(/This card is out of date/);
        }
        expect(await stats()).toEqual(before);
      },
    );

    it('answers a malformed invoke with a 400 error body', async () => {
      const res = await teams.invoke('bob', conversation, 'adaptiveCard/action', { nothing: true });
      expect(res.body).toMatchObject({
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest' },
      });
      const submit = await teams.invoke('bob', conversation, 'adaptiveCard/action', {
        action: { type: 'Action.Submit', data: {} },
      });
      expect(submit.body).toMatchObject({ statusCode: 400, value: { code: 'NotSupported' } });
    });

    it('pages the list with the filter carried along', async () => {
      const res = await teams.execute('bob', conversation, {
        verb: 'vm.list',
        data: { page: 0, filter: 'web-02' },
      });
      expect(cardText(res.body.value)).toContain('1 VM · 0 running matching “web-02” (of 2)');
    });

    it('handles the Action.Submit fallback (older clients send a message with the data)', async () => {
      const before = connector.sent(conversation.id).length;
      const res = await teams.post(
        teams.activity('bob', conversation, {
          type: 'message',
          value: { verb: 'vm.show', vmId: vmId('rg-web', 'web-02') },
        }),
      );
      expect(res.status).toBe(200);
      const card = adaptiveCardOf(await teams.nextSent(conversation, before));
      expect(cardText(card)).toContain('web-02');
      expect(executeActions(card).map((a) => a.title)).toContain('Start');
    });
  });

  it('never acts for an activity without an Entra identity', async () => {
    const conversation = teams.personal('bob');
    const activity = teams.activity('bob', conversation, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'vm.list', data: {} } },
    });
    (activity.from as Record<string, unknown>).aadObjectId = undefined;
    const res = await teams.post(activity);
    expect(cardText(res.body.value)).toContain("I can't tell who you are");
  });
});
