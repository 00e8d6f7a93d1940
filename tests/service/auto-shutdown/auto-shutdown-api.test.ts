import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../src/logging.ts';
import { stateKeys, webhookTokenId } from '../../../src/state/keys.ts';
import { createMemoryStateStore } from '../../../src/state/memory-store.ts';
import type { StateStore } from '../../../src/state/store.ts';
import { startStack, type Stack } from '../../support/stack.ts';
import { apiClient } from '../http-client.ts';
import { DEV, vmId, vmPath } from '../fixtures.ts';

const WEB02 = vmPath(DEV, 'rg-web', 'web-02');
const SCHEDULE = `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.DevTestLab/schedules/shutdown-computevm-web-02?api-version=2018-09-15`;

describe('VM auto-shutdown API (real service, @azure/arm-devtestlabs against the emulator)', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiClient>;
  let alice: string;
  let bob: string;
  const lines: string[] = [];
  const stored: string[] = [];
  const memory = createMemoryStateStore();

  /** The schedule as ARM keeps it, read with alice's ARM token straight from the emulator. */
  async function armSchedule() {
    const token = await stack.emulator.call('/_emulator/token', {
      method: 'POST',
      body: { user: 'alice', audience: 'https://management.azure.com', scp: 'user_impersonation' },
    });
    const res = await stack.emulator.call(SCHEDULE, {
      headers: { authorization: `Bearer ${token.json<{ access_token: string }>().access_token}` },
    });
    return res;
  }

  beforeAll(async () => {
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => void lines.push(line) },
    });
    // Every string the service hands the store (keys and values), to check what it keeps of the webhook token.
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
    stack = await startStack({ deps: { logger, state } });
    api = apiClient(stack.service.url);
    alice = await stack.ssoToken('alice');
    bob = await stack.ssoToken('bob');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('GET without a schedule is 404 NotConfigured; the VM lists autoShutdown null', async () => {
    const res = await api(`${WEB02}/auto-shutdown`, { token: alice });
    expect(res.status).toBe(404);
    expect(res.json().error.code).toBe('NotConfigured');
    const vm = await api(WEB02, { token: alice });
    expect(vm.json().autoShutdown).toBeNull();
  });

  it("the VM's actions carry setAutoShutdown for alice (VM Contributor) and not for bob (Reader + power role)", async () => {
    const list = await api('/api/vms', { token: alice });
    const web02 = list.json().vms.find((v: { name: string }) => v.name === 'web-02');
    expect(web02.actions).toContain('setAutoShutdown');
    const asBob = await api(WEB02, { token: bob });
    expect(asBob.json().actions).not.toContain('setAutoShutdown');
    expect(asBob.json().actions).toContain('start');
  });

  it('PUT as alice saves the DevTest Labs schedule the portal uses, with the webhook pointing at the service', async () => {
    const body = {
      enabled: true,
      time: '19:30',
      timeZone: 'W. Europe Standard Time',
      notifyMinutesBefore: 30,
    };
    const res = await api(`${WEB02}/auto-shutdown`, { method: 'PUT', token: alice, body });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual(body);

    const arm = await armSchedule();
    expect(arm.status).toBe(200);
    const props = arm.json().properties;
    expect(props).toMatchObject({
      status: 'Enabled',
      taskType: 'ComputeVmShutdownTask',
      dailyRecurrence: { time: '1930' },
      timeZoneId: 'W. Europe Standard Time',
      targetResourceId: vmId(DEV, 'rg-web', 'web-02'),
      notificationSettings: { status: 'Enabled', timeInMinutes: 30 },
    });
    expect(props.notificationSettings.webhookUrl).toMatch(
      new RegExp(`^${stack.service.app.config.publicUrl}/api/notifications/auto-shutdown/[A-Za-z0-9_-]{43}$`),
    );

    const got = await api(`${WEB02}/auto-shutdown`, { token: alice });
    expect(got.status).toBe(200);
    expect(got.json()).toEqual(body);
    const list = await api('/api/vms', { token: alice });
    expect(list.json().vms.find((v: { name: string }) => v.name === 'web-02').autoShutdown).toEqual(body);
  });

  it('bob may read it but gets ARM’s 403 when changing or deleting it', async () => {
    const read = await api(`${WEB02}/auto-shutdown`, { token: bob });
    expect(read.status).toBe(200);
    const put = await api(`${WEB02}/auto-shutdown`, {
      method: 'PUT',
      token: bob,
      body: { enabled: true, time: '18:00', timeZone: 'UTC', notifyMinutesBefore: null },
    });
    expect(put.status).toBe(403);
    expect(put.json().error).toMatchObject({ code: 'AuthorizationFailed', armCode: 'AuthorizationFailed' });
    expect(put.json().error.message).toContain('Microsoft.DevTestLab/schedules/write');
    const del = await api(`${WEB02}/auto-shutdown`, { method: 'DELETE', token: bob });
    expect(del.status).toBe(403);
    expect((await api(`${WEB02}/auto-shutdown`, { token: alice })).json().time).toBe('19:30');
  });

  it.each([
    [{ enabled: true, time: '24:00', timeZone: 'UTC', notifyMinutesBefore: null }, 'time'],
    [{ enabled: true, time: '7:5', timeZone: 'UTC', notifyMinutesBefore: null }, 'time'],
    [{ enabled: true, time: '19:00', timeZone: 'Mars/Olympus', notifyMinutesBefore: null }, 'timeZone'],
    [{ enabled: 'yes', time: '19:00', timeZone: 'UTC', notifyMinutesBefore: null }, 'enabled'],
    [{ enabled: true, time: '19:00', timeZone: 'UTC', notifyMinutesBefore: 5 }, 'notifyMinutesBefore'],
    [{ enabled: true, time: '19:00', timeZone: 'UTC', extra: 1 }, 'extra'],
    [[1, 2], 'body'],
  ])('bad input %j → 400 naming %s', async (body, field) => {
    const res = await api(`${WEB02}/auto-shutdown`, { method: 'PUT', token: alice, body });
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('BadRequest');
    expect(res.json().error.message).toContain(field);
  });

  it('the notification webhook: unknown token → 404, malformed body → 400, unknown VM → 404', async () => {
    const webhook = new URL(
      (await armSchedule()).json().properties.notificationSettings.webhookUrl as string,
    );
    const wrong = await api('/api/notifications/auto-shutdown/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {
      method: 'POST',
      body: { vmName: 'web-02' },
    });
    expect(wrong.status).toBe(404);
    expect((await api('/api/notifications/auto-shutdown/x', { method: 'POST', body: {} })).status).toBe(404);
    const malformed = await api(webhook.pathname, { method: 'POST', body: { vmName: 'web-02', skipUrl: 5 } });
    expect(malformed.status).toBe(400);
    expect(malformed.json().error.message).toContain('skipUrl');
    const notJson = await api(webhook.pathname, {
      method: 'POST',
      rawBody: '{oops',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    const otherVm = await api(webhook.pathname, {
      method: 'POST',
      body: {
        vmName: 'web-01',
        skipUrl: 'https://x.azure.com/s',
        delayUrl60: 'https://x.azure.com/d',
        delayUrl120: 'https://x.azure.com/e',
      },
    });
    expect(otherVm.status).toBe(404);
    // The webhook's token is a secret: never in the request log.
    const token = webhook.pathname.split('/').at(-1)!;
    expect(lines.join('')).not.toContain(token);
    expect(lines.join('')).toContain('/api/notifications/auto-shutdown/[token]');
    // Nor in the store: it knows the token by its SHA-256 only.
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.filter((s) => s.includes(token))).toEqual([]);
    expect(stored.some((s) => s.includes(webhookTokenId(token)))).toBe(true);
  });

  it('a stored recipient that cannot be read: the webhook answers 404, and it is reported once, without its value', async () => {
    const webhook = new URL(
      (await armSchedule()).json().properties.notificationSettings.webhookUrl as string,
    );
    const tokenId = webhookTokenId(webhook.pathname.split('/').at(-1)!);
    const key = stateKeys.autoShutdownToken(tokenId);
    const good = await memory.get(key);
    expect(good).toBeDefined();
    const body = {
      vmName: 'web-02',
      skipUrl: 'https://x.azure.com/s',
      delayUrl60: 'https://x.azure.com/d',
      delayUrl120: 'https://x.azure.com/e',
    };
    try {
      await memory.set(key, JSON.stringify({ ...JSON.parse(good!), vmId: 5, secret: 'do-not-log' }), 60_000);
      const logged = lines.length;
      expect((await api(webhook.pathname, { method: 'POST', body })).status).toBe(404);
      expect((await api(webhook.pathname, { method: 'POST', body })).status).toBe(404);
      const warnings = lines.slice(logged).filter((l) => l.includes('could not be read'));
      expect(warnings).toHaveLength(1);
      expect(JSON.parse(warnings[0]!)).toMatchObject({ kind: 'auto-shutdown recipient', id: tokenId });
      expect(warnings[0]).not.toContain('do-not-log');
    } finally {
      await memory.set(key, good!, 60_000);
    }
  });

  it('DELETE turns it off: 204, then 404 NotConfigured, and the old webhook token is retired', async () => {
    const webhook = new URL(
      (await armSchedule()).json().properties.notificationSettings.webhookUrl as string,
    );
    const del = await api(`${WEB02}/auto-shutdown`, { method: 'DELETE', token: alice });
    expect(del.status).toBe(204);
    const res = await api(`${WEB02}/auto-shutdown`, { token: alice });
    expect(res.status).toBe(404);
    expect(res.json().error.code).toBe('NotConfigured');
    expect((await armSchedule()).status).toBe(404);
    const stale = await api(webhook.pathname, { method: 'POST', body: { vmName: 'web-02' } });
    expect(stale.status).toBe(404);
  });
});

describe('auto-shutdown in listings: cached briefly, fresh after a save', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stack = await startStack();
    api = apiClient(stack.service.url);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const armReads = async () =>
    (await stack.emulator.call('/_emulator/stats')).json<{ arm: { read: number } }>().arm.read;
  const web02 = async (token: string) =>
    (await api('/api/vms', { token })).json().vms.find((v: { name: string }) => v.name === 'web-02');

  it('repeated listings read the schedules once; a save shows at once for every user of this instance', async () => {
    const alice = await stack.ssoToken('alice');
    const bob = await stack.ssoToken('bob');
    expect((await web02(alice)).autoShutdown).toBeNull();
    expect((await web02(bob)).autoShutdown).toBeNull();
    const before = await armReads();
    await web02(alice);
    // The warm listing: subscriptions and permissions are cached, the schedules too: only the VM list is read.
    expect((await armReads()) - before).toBe(1);

    const body = { enabled: true, time: '18:15', timeZone: 'UTC', notifyMinutesBefore: null };
    expect((await api(`${WEB02}/auto-shutdown`, { method: 'PUT', token: alice, body })).status).toBe(200);
    expect((await web02(alice)).autoShutdown).toEqual(body);
    expect((await web02(bob)).autoShutdown).toEqual(body);
  });
});
