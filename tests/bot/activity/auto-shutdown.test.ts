import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryStateStore } from '../../../src/state/memory-store.ts';
import type { StateStore } from '../../../src/state/store.ts';
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
/** Every string the service hands the store (keys and values), to check what it keeps of Azure's links. */
const stored: string[] = [];
const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
const vmId = (rg: string, name: string) =>
  `/subscriptions/${DEV}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
const WEB_01 = vmId('rg-web', 'web-01');
const BUILD = vmId('rg-data', 'build-agent-01');

/** A free loopback port: the service listens on it, so `PUBLIC_URL` (the schedules' webhook base) is right. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  const memory = createMemoryStateStore();
  const state = new Proxy(memory, {
    get: (target, name, receiver) => {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        for (const arg of args) if (typeof arg === 'string') stored.push(arg);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as StateStore;
  harness = await startBotHarness({
    service: { port, publicUrl: `http://127.0.0.1:${port}` },
    deps: { state },
  });
  ({ stack, connector, teams } = harness);
});
afterAll(async () => {
  await harness?.close();
});

async function control(path: string, body: unknown) {
  const res = await stack.emulator.call(`/_emulator/auto-shutdown/${path}`, { method: 'POST', body });
  expect(res.status).toBe(200);
  return res.json();
}

async function powerState(user: string, rg: string, name: string): Promise<string> {
  const res = await fetch(`${stack.service.url}/api/vms/${DEV}/${rg}/${name}`, {
    headers: { authorization: `Bearer ${await stack.ssoToken(user)}` },
  });
  return ((await res.json()) as { powerState: string }).powerState;
}

/** The next proactive card the bot posts in `conversation` whose text matches. */
function nextCard(conversation: Conversation, pattern: RegExp) {
  return teams.nextSent(conversation, connector.sent(conversation.id).length, (c) =>
    pattern.test(cardText(adaptiveCardOf(c))),
  );
}

describe('auto-shutdown in the bot: the command, the card before shutdown, Skip / Delay as the clicker', () => {
  let alice: Conversation;
  let bob: Conversation;

  beforeAll(async () => {
    alice = teams.personal('alice');
    bob = teams.personal('bob');
    await teams.signInWith('bob', bob, 'list');
  });

  it('“autoshutdown web-01 19:30” sets the schedule as alice and shows it', async () => {
    const reply = await teams.signInWith('alice', alice, 'autoshutdown web-01 19:30');
    const text = cardText(adaptiveCardOf(reply));
    expect(text).toContain('web-01 now shuts down daily at 19:30 UTC');
    expect(text).toContain('30 minutes before, with Skip and Delay');
    expect(executeActions(adaptiveCardOf(reply)).map((a) => a.title)).toEqual(
      expect.arrayContaining(['Save time', 'Turn off']),
    );
  });

  it('“autoshutdown web-01 25:00” is refused with the rule; “autoshutdown web-01” shows the schedule', async () => {
    const before = connector.sent(alice.id).length;
    await teams.message('alice', alice, 'autoshutdown web-01 25:00');
    const bad = await teams.nextSent(alice, before);
    expect(cardText(adaptiveCardOf(bad))).toContain('between 00:00 and 23:59');
    await teams.message('alice', alice, 'autoshutdown web-01');
    const shown = await teams.nextSent(alice, before + 1);
    expect(cardText(adaptiveCardOf(shown))).toContain('daily at 19:30 UTC');
  });

  let notice: { verb: string; data?: unknown }[] = [];
  let noticeActivity = '';

  it('Azure’s notification becomes a proactive card to the person who set it', async () => {
    const waiting = nextCard(alice, /web-01 shuts down in 30 minutes/);
    const result = await control('notify', { vmId: WEB_01 });
    expect(result.webhookStatus).toBe(200);
    const card = await waiting;
    noticeActivity = card.activityId;
    notice = executeActions(adaptiveCardOf(card));
    expect(notice.map((a) => (a as { title?: string }).title)).toEqual([
      'Skip today',
      'Delay 1 hour',
      'Delay 2 hours',
      'Stop now',
    ]);
    // What stopping saves, at list prices (web-01: B2s in westeurope).
    expect(cardText(adaptiveCardOf(card))).toContain('≈ $0.048/h while stopped');
    // Azure's skip / delay links never travel in the card, nor rest readable in the store (they are bearer links).
    expect(JSON.stringify(adaptiveCardOf(card))).not.toContain('_emulator');
    const links = [
      result.notification.skipUrl,
      result.notification.delayUrl60,
      result.notification.delayUrl120,
    ];
    expect(links.every((link) => typeof link === 'string' && link.includes('_emulator'))).toBe(true);
    expect(stored.filter((s) => links.some((link) => s.includes(link)) || s.includes('_emulator'))).toEqual(
      [],
    );
    // Azure sending the same notification again makes no second card.
    const count = connector.sent(alice.id).length;
    expect((await control('notify', { vmId: WEB_01 })).webhookStatus).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(connector.sent(alice.id).length).toBe(count);
    // Nothing went to bob.
    expect(connector.sent(bob.id).some((c) => /shuts down/.test(cardText(adaptiveCardOf(c))))).toBe(false);
  });

  it('a click by bob, whose role does not allow changing the schedule, is refused and changes nothing', async () => {
    const skip = notice.find((a) => (a as { title?: string }).title === 'Skip today')!;
    const res = await teams.execute('bob', bob, skip, { replyToId: noticeActivity });
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(res.body.value)).toContain("your Azure role doesn't allow changing the auto-shutdown");
    const run = await control('run', { vmId: WEB_01 });
    expect(run).toMatchObject({ shutDown: true });
    // Start it again for the next steps.
    await stack.emulator.call('/_emulator/reset', { method: 'POST' });
  });

  it('Delay 1 hour by alice calls the notification’s delay link and updates the card in place', async () => {
    const saved = nextCard(alice, /now shuts down daily at 19:30/);
    await teams.message('alice', alice, 'autoshutdown web-01 19:30');
    await saved;
    const waiting = nextCard(alice, /web-01 shuts down in 30 minutes/);
    await control('notify', { vmId: WEB_01 });
    const card = await waiting;
    const delay = executeActions(adaptiveCardOf(card)).find(
      (a) => (a as { title?: string }).title === 'Delay 1 hour',
    )!;
    const res = await teams.execute('alice', alice, delay, { replyToId: card.activityId });
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(res.body.value)).toContain('Delayed to 20:30 by Alice Wong');
    expect(executeActions(res.body.value).map((a) => (a as { title?: string }).title)).not.toContain(
      'Skip today',
    );
    const run = await control('run', { vmId: WEB_01 });
    expect(run).toMatchObject({ shutDown: false, reason: 'delayed', delayedUntil: '20:30' });
    expect(await powerState('alice', 'rg-web', 'web-01')).toBe('running');
  });

  it('Skip today by alice: the shutdown does not happen and the VM keeps running', async () => {
    const waiting = nextCard(alice, /web-01 shuts down in 30 minutes/);
    const sent = await control('notify', { vmId: WEB_01 });
    const card = await waiting;
    const skip = executeActions(adaptiveCardOf(card)).find(
      (a) => (a as { title?: string }).title === 'Skip today',
    )!;
    const res = await teams.execute('alice', alice, skip, { replyToId: card.activityId });
    expect(cardText(res.body.value)).toContain('Shutdown skipped today by Alice Wong');
    expect(await control('run', { vmId: WEB_01 })).toMatchObject({ shutDown: false, reason: 'skipped' });
    expect(await powerState('alice', 'rg-web', 'web-01')).toBe('running');

    // The same notification delivered again makes no second card.
    const schedule = await stack.emulator.call('/_emulator/stats');
    expect(schedule.status).toBe(200);
    const cardsBefore = connector.sent(alice.id).length;
    const webhook = await armWebhook('rg-web', 'web-01');
    const again = await fetch(webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sent.notification),
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ delivered: false, duplicate: true });
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.sent(alice.id).length).toBe(cardsBefore);
  });

  it('a notification whose links do not point at Azure: the card comes, but a click follows no link', async () => {
    const webhook = await armWebhook('rg-web', 'web-01');
    const waiting = nextCard(alice, /web-01 shuts down in 15 minutes/);
    const posted = await fetch(webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        vmName: 'web-01',
        minutesUntilShutdown: '15',
        skipUrl: 'https://attacker.example/skip',
        delayUrl60: 'https://attacker.example/delay60',
        delayUrl120: 'https://attacker.example/delay120',
        subscriptionId: DEV,
        resourceGroupName: 'rg-web',
      }),
    });
    expect(await posted.json()).toEqual({ delivered: true, duplicate: false });
    const card = await waiting;
    const skip = executeActions(adaptiveCardOf(card)).find(
      (a) => (a as { title?: string }).title === 'Skip today',
    )!;
    const res = await teams.execute('alice', alice, skip, { replyToId: card.activityId });
    expect(cardText(res.body.value)).toContain('does not point at Azure');
  });

  it('without Skip, the scheduled shutdown deallocates the VM', async () => {
    const waiting = nextCard(alice, /build-agent-01 now shuts down daily at 18:00/);
    await teams.message('alice', alice, 'autoshutdown build-agent-01 18:00');
    await waiting;
    expect(await powerState('alice', 'rg-data', 'build-agent-01')).toBe('running');
    expect(await control('run', { vmId: BUILD })).toMatchObject({ shutDown: true });
    const deadline = Date.now() + 5000;
    let state = await powerState('alice', 'rg-data', 'build-agent-01');
    while (state !== 'deallocated' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      state = await powerState('alice', 'rg-data', 'build-agent-01');
    }
    expect(state).toBe('deallocated');
  });

  it('“autoshutdown web-01 off” turns it off', async () => {
    const before = connector.sent(alice.id).length;
    await teams.message('alice', alice, 'autoshutdown web-01 off');
    const reply = await teams.nextSent(alice, before);
    expect(cardText(adaptiveCardOf(reply))).toContain('Auto-shutdown of web-01 turned off');
    const res = await fetch(`${stack.service.url}/api/vms/${DEV}/rg-web/web-01/auto-shutdown`, {
      headers: { authorization: `Bearer ${await stack.ssoToken('alice')}` },
    });
    expect(res.status).toBe(404);
  });

  it('“autoshutdown web 19:00” names no single VM: picking web-01 on the choice card sets 19:00', async () => {
    const before = connector.sent(alice.id).length;
    await teams.message('alice', alice, 'autoshutdown web 19:00');
    const choice = adaptiveCardOf(await teams.nextSent(alice, before));
    expect(cardText(choice)).toContain('Did you mean one of these?');
    const pick = executeActions(choice).find((a) => a.data?.vmId === WEB_01)!;
    expect(pick).toMatchObject({ verb: 'autoshutdown.set', data: { vmId: WEB_01, time: '19:00' } });
    const res = await teams.execute('alice', alice, pick);
    expect(cardText(res.body.value)).toContain('web-01 now shuts down daily at 19:00 UTC');
    const saved = await fetch(`${stack.service.url}/api/vms/${DEV}/rg-web/web-01/auto-shutdown`, {
      headers: { authorization: `Bearer ${await stack.ssoToken('alice')}` },
    });
    expect(await saved.json()).toMatchObject({ enabled: true, time: '19:00' });
  });

  it('the card’s “Turn on” saves the schedule in the clicker’s time zone, as the typed command does', async () => {
    const before = connector.sent(alice.id).length;
    await teams.message('alice', alice, 'autoshutdown web-01 off');
    await teams.nextSent(alice, before, (c) => /turned off/.test(cardText(adaptiveCardOf(c))));
    await teams.message('alice', alice, 'autoshutdown web-01');
    const shown = await teams.nextSent(alice, before + 1);
    const turnOn = executeActions(adaptiveCardOf(shown)).find((a) => a.title === 'Turn on')!;
    expect(turnOn).toMatchObject({ verb: 'autoshutdown.set', data: { vmId: WEB_01 } });
    // Teams sends the clicker's zone on the invoke; the card's time input adds `time` to the data.
    const res = await teams.invoke(
      'alice',
      alice,
      'adaptiveCard/action',
      {
        action: { type: 'Action.Execute', verb: turnOn.verb, data: { ...turnOn.data, time: '18:00' } },
        trigger: 'manual',
      },
      { replyToId: shown.activityId, localTimezone: 'Europe/Berlin' },
    );
    expect(cardText(res.body.value)).toContain('web-01 now shuts down daily at 18:00');
    const saved = await fetch(`${stack.service.url}/api/vms/${DEV}/rg-web/web-01/auto-shutdown`, {
      headers: { authorization: `Bearer ${await stack.ssoToken('alice')}` },
    });
    expect(await saved.json()).toMatchObject({ time: '18:00', timeZone: 'W. Europe Standard Time' });
  });
});

/** The schedule's webhook URL as ARM keeps it (read with alice's ARM token). */
async function armWebhook(rg: string, name: string): Promise<string> {
  const token = await stack.emulator.call('/_emulator/token', {
    method: 'POST',
    body: { user: 'alice', audience: 'https://management.azure.com', scp: 'user_impersonation' },
  });
  const res = await stack.emulator.call(
    `/subscriptions/${DEV}/resourceGroups/${rg}/providers/Microsoft.DevTestLab/schedules/shutdown-computevm-${name}?api-version=2018-09-15`,
    { headers: { authorization: `Bearer ${token.json<{ access_token: string }>().access_token}` } },
  );
  return res.json<{ properties: { notificationSettings: { webhookUrl: string } } }>().properties
    .notificationSettings.webhookUrl;
}
