/**
 * Microsoft.DevTestLab/schedules (VM auto-shutdown) as the unmodified @azure/arm-devtestlabs client sees it: bodies
 * as the REST spec's GlobalSchedules examples, ARM's RBAC (Virtual Machine Contributor includes
 * Microsoft.DevTestLab/schedules/*), validation 400s, and the runner's control API.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ComputeManagementClient } from '@azure/arm-compute';
import { DevTestLabsClient } from '@azure/arm-devtestlabs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays, zonedInstant } from '../../../emulator/arm/time-zones.ts';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { all, ARM_SCOPE, bearer, clientsFor, DEV, oboCredential } from './clients.ts';

let emulator: TestEmulator;
let alice: DevTestLabsClient;
let bob: DevTestLabsClient;
let aliceHeaders: Record<string, string>;

const WEB_02 = `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-02`;
const PATH = `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.DevTestLab/schedules/shutdown-computevm-web-02?api-version=2018-09-15`;
const body = (overrides: Record<string, unknown> = {}) => ({
  location: 'westeurope',
  properties: {
    status: 'Enabled',
    taskType: 'ComputeVmShutdownTask',
    dailyRecurrence: { time: '1900' },
    timeZoneId: 'Pacific Standard Time',
    notificationSettings: { status: 'Disabled', timeInMinutes: 30 },
    targetResourceId: WEB_02,
    ...overrides,
  },
});

async function client(user: string) {
  const credential = await oboCredential(emulator, user);
  return {
    credential,
    client: new DevTestLabsClient(credential, DEV, {
      endpoint: emulator.url,
      $host: emulator.url,
      credentialScopes: ARM_SCOPE,
      tlsOptions: emulator.tlsOptions,
      retryOptions: { maxRetries: 0 },
    }),
  };
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  const a = await client('alice');
  alice = a.client;
  aliceHeaders = await bearer(a.credential);
  bob = (await client('bob')).client;
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.call('/_emulator/reset', { method: 'POST' });
});

describe('Microsoft.DevTestLab/schedules', () => {
  it('alice creates (201), replaces (200), reads and lists the VM shutdown schedule through the SDK', async () => {
    const created = await emulator.call(PATH, { method: 'PUT', headers: aliceHeaders, body: body() });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({
      id: `/subscriptions/${DEV}/resourcegroups/rg-web/providers/microsoft.devtestlab/schedules/shutdown-computevm-web-02`,
      name: 'shutdown-computevm-web-02',
      type: 'microsoft.devtestlab/schedules',
      location: 'westeurope',
      properties: {
        status: 'Enabled',
        taskType: 'ComputeVmShutdownTask',
        dailyRecurrence: { time: '1900' },
        timeZoneId: 'Pacific Standard Time',
        targetResourceId: WEB_02,
        provisioningState: 'Succeeded',
        notificationSettings: { status: 'Disabled', timeInMinutes: 30, notificationLocale: 'en' },
      },
    });
    const replaced = await emulator.call(PATH, {
      method: 'PUT',
      headers: aliceHeaders,
      body: body({ dailyRecurrence: { time: '1830' } }),
    });
    expect(replaced.status).toBe(200);

    const got = await alice.globalSchedules.get('rg-web', 'shutdown-computevm-web-02');
    expect(got).toMatchObject({ dailyRecurrence: { time: '1830' }, timeZoneId: 'Pacific Standard Time' });
    const listed = await all(alice.globalSchedules.listBySubscription());
    expect(listed.map((s) => s.name)).toEqual(['shutdown-computevm-web-02']);
    // bob (Reader on rg-web) reads it too.
    expect((await bob.globalSchedules.get('rg-web', 'shutdown-computevm-web-02')).timeZoneId).toBe(
      'Pacific Standard Time',
    );
  });

  it('bob (Reader + VM power role) gets 403 AuthorizationFailed on write and delete', async () => {
    const put = bob.globalSchedules.createOrUpdate('rg-web', 'shutdown-computevm-web-02', {
      location: 'westeurope',
      ...body().properties,
    });
    await expect(put).rejects.toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    await expect(bob.globalSchedules.delete('rg-web', 'shutdown-computevm-web-02')).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it('404 for a schedule that does not exist; delete of nothing is 204', async () => {
    await expect(alice.globalSchedules.get('rg-web', 'shutdown-computevm-web-01')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
    });
    const deleted = await emulator.call(PATH, { method: 'DELETE', headers: aliceHeaders });
    expect(deleted.status).toBe(204);
  });

  it.each([
    [{ dailyRecurrence: { time: '2500' } }, 'InvalidDailyRecurrenceTime'],
    [{ timeZoneId: 'Europe/Berlin' }, 'InvalidTimeZoneId'],
    [{ taskType: 'LabVmsShutdownTask' }, 'InvalidTaskType'],
    [{ targetResourceId: WEB_02.replace('web-02', 'nope') }, 'InvalidTargetResourceId'],
    [{ notificationSettings: { status: 'Enabled', timeInMinutes: 30 } }, 'InvalidNotificationSettings'],
    [
      { notificationSettings: { status: 'Enabled', timeInMinutes: 5, webhookUrl: 'https://x' } },
      'InvalidNotificationTime',
    ],
  ])('rejects %j with 400 %s', async (overrides, code) => {
    const res = await emulator.call(PATH, { method: 'PUT', headers: aliceHeaders, body: body(overrides) });
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe(code);
  });

  it('the runner: notify and run for an unknown VM are 404; run deallocates unless skipped', async () => {
    const unknown = await emulator.call('/_emulator/auto-shutdown/run', {
      method: 'POST',
      body: { vmId: WEB_02 },
    });
    expect(unknown.status).toBe(404);
    const web01 = WEB_02.replace('web-02', 'web-01');
    await emulator.call(PATH.replace(/web-02/g, 'web-01'), {
      method: 'PUT',
      headers: aliceHeaders,
      body: body({ targetResourceId: web01 }),
    });
    // No webhook: the notification is not sent anywhere, but its links work.
    const notified = await emulator.call('/_emulator/auto-shutdown/notify', {
      method: 'POST',
      body: { vmId: web01 },
    });
    expect(notified.status).toBe(200);
    const { notification } = notified.json<{ notification: Record<string, string> }>();
    expect(notification).toMatchObject({
      vmName: 'web-01',
      minutesUntilShutdown: '30',
      resourceGroupName: 'rg-web',
    });
    const skip = await emulator.call(
      new URL(notification.skipUrl!).pathname + new URL(notification.skipUrl!).search,
    );
    expect(skip.status).toBe(200);
    const run = await emulator.call('/_emulator/auto-shutdown/run', {
      method: 'POST',
      body: { vmId: web01 },
    });
    expect(run.json()).toMatchObject({ shutDown: false, reason: 'skipped' });
    const bad = await emulator.call('/_emulator/auto-shutdown/skip?token=nope');
    expect(bad.status).toBe(404);
  });
});

describe('zonedInstant / addDays', () => {
  it('finds the instant of a wall-clock time in a zone, across midnight, month ends and DST', () => {
    expect(new Date(zonedInstant('2030-01-15', 23 * 60 + 30, 'Europe/Berlin')).toISOString()).toBe(
      '2030-01-15T22:30:00.000Z',
    );
    expect(new Date(zonedInstant('2030-07-15', 23 * 60 + 30, 'Europe/Berlin')).toISOString()).toBe(
      '2030-07-15T21:30:00.000Z',
    );
    expect(new Date(zonedInstant('2030-07-15', 10, 'America/Los_Angeles')).toISOString()).toBe(
      '2030-07-15T07:10:00.000Z',
    );
    expect(addDays('2030-12-31', 1)).toBe('2031-01-01');
    expect(addDays('2030-03-01', -1)).toBe('2030-02-28');
  });
});

/**
 * The runner on the emulator's clock (frozen, moved by the test): `tick()` is what its 20 s timer runs. Schedules in
 * UTC on tomorrow's date; the webhook is a local HTTP server.
 */
describe('the runner on the emulator clock', () => {
  let clocked: TestEmulator;
  let clock = 0;
  let webhook: Server;
  let webhookUrl = '';
  let received: Array<Record<string, string>> = [];
  const day = addDays(new Date().toISOString().slice(0, 10), 1);
  const nextDay = addDays(day, 1);
  /** `day`/`nextDay` at `HH:mm[:ss.mmm]` UTC. */
  const at = (date: string, time: string) => Date.parse(`${date}T${time}Z`);
  const WEB_01 = WEB_02.replace('web-02', 'web-01');
  const schedulePath = (vm: string) => PATH.replace(/web-02/g, vm);

  beforeAll(async () => {
    received = [];
    webhook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>);
        res.end();
      });
    });
    await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', () => r()));
    webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
    clock = at(day, '12:00');
    // Tokens outlive the clock's jumps (hours of emulated time in a test).
    clocked = await startTestEmulator({ now: () => clock, tokenLifetimeSeconds: 7 * 24 * 3600 });
  });
  afterAll(async () => {
    await clocked?.close();
    await new Promise((r) => webhook?.close(r));
  });
  beforeEach(async () => {
    await clocked.call('/_emulator/reset', { method: 'POST' });
    received = [];
  });

  /** Alice's ARM clients and bearer header, her tokens issued at the clock's current time. */
  async function aliceNow() {
    const clients = await clientsFor(clocked, 'alice');
    return { compute: clients.compute(DEV), headers: await bearer(clients.credential) };
  }
  async function putSchedule(headers: Record<string, string>, vm: string, time: string, notify: boolean) {
    const res = await clocked.call(schedulePath(vm), {
      method: 'PUT',
      headers,
      body: body({
        dailyRecurrence: { time },
        timeZoneId: 'UTC',
        targetResourceId: WEB_02.replace('web-02', vm),
        notificationSettings: notify
          ? { status: 'Enabled', timeInMinutes: 30, webhookUrl }
          : { status: 'Disabled', timeInMinutes: 30 },
      }),
    });
    expect(res.status).toBe(201);
  }
  const tickAt = async (time: number) => {
    clock = time;
    await clocked.context.autoShutdown!.tick();
  };
  const powerState = async (compute: ComputeManagementClient, vm: string) =>
    (await compute.virtualMachines.instanceView('rg-web', vm)).statuses?.find((s) =>
      s.code?.startsWith('PowerState/'),
    )?.code;
  const follow = (url: string) => clocked.call(new URL(url).pathname + new URL(url).search);

  it('a shutdown at 23:30 delayed by 120 minutes runs at 01:30 the next day', async () => {
    clock = at(day, '22:00');
    const { compute, headers } = await aliceNow();
    await putSchedule(headers, 'web-01', '2330', true);
    await tickAt(at(day, '22:59:59'));
    expect(received).toEqual([]);
    await tickAt(at(day, '23:00'));
    expect(received).toEqual([expect.objectContaining({ vmName: 'web-01', minutesUntilShutdown: '30' })]);
    const delayed = await follow(received[0]!.delayUrl120!);
    expect(delayed.json()).toMatchObject({ shutDown: false, reason: 'delayed', delayedUntil: '01:30' });

    await tickAt(at(day, '23:30'));
    await tickAt(at(nextDay, '01:29:59'));
    expect(await powerState(compute, 'web-01')).toBe('PowerState/running');
    await tickAt(at(nextDay, '01:30'));
    expect(await powerState(compute, 'web-01')).toBe('PowerState/deallocating');
    expect(received).toHaveLength(1);
  });

  it('the notification of a 00:10 shutdown with 30 minutes notice is sent at 23:40 the day before', async () => {
    clock = at(day, '23:00');
    const { compute, headers } = await aliceNow();
    await putSchedule(headers, 'web-01', '0010', true);
    await tickAt(at(day, '23:39:59'));
    expect(received).toEqual([]);
    await tickAt(at(day, '23:40'));
    expect(received).toEqual([expect.objectContaining({ vmName: 'web-01', minutesUntilShutdown: '30' })]);
    await tickAt(at(day, '23:50'));
    expect(received).toHaveLength(1);
    expect(await powerState(compute, 'web-01')).toBe('PowerState/running');
    await tickAt(at(nextDay, '00:10'));
    expect(await powerState(compute, 'web-01')).toBe('PowerState/deallocating');
  });

  it('/_emulator/auto-shutdown/run after a delay: delayed until the new time, then it shuts down', async () => {
    clock = at(day, '18:00');
    const { compute, headers } = await aliceNow();
    await putSchedule(headers, 'web-01', '1900', false);
    clock = at(day, '18:30');
    const notified = await clocked.call('/_emulator/auto-shutdown/notify', {
      method: 'POST',
      body: { vmId: WEB_01 },
    });
    const { notification } = notified.json<{ notification: Record<string, string> }>();
    expect((await follow(notification.delayUrl60!)).json()).toMatchObject({ delayedUntil: '20:00' });
    const run = () =>
      clocked.call('/_emulator/auto-shutdown/run', { method: 'POST', body: { vmId: WEB_01 } });
    expect((await run()).json()).toMatchObject({ shutDown: false, reason: 'delayed', delayedUntil: '20:00' });
    clock = at(day, '20:00');
    expect((await run()).json()).toMatchObject({ shutDown: true });
    expect(await powerState(compute, 'web-01')).toBe('PowerState/deallocating');
  });

  it('a start in flight preempted by the scheduled shutdown ends Canceled with OperationPreempted', async () => {
    clock = at(day, '18:59:59.900');
    const { compute, headers } = await aliceNow();
    await putSchedule(headers, 'web-02', '1900', false);
    const start = await clocked.call(
      `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-02/start?api-version=2024-07-01`,
      { method: 'POST', headers },
    );
    expect(start.status).toBe(202);
    // The start runs for 300 ms: still in flight at 19:00, when the schedule deallocates.
    await tickAt(at(day, '19:00'));
    expect(await powerState(compute, 'web-02')).toBe('PowerState/deallocating');
    const status = new URL(String(start.headers['azure-asyncoperation']));
    const operation = await clocked.call(status.pathname + status.search, { headers });
    expect(operation.json()).toMatchObject({
      status: 'Canceled',
      error: {
        code: 'OperationPreempted',
        message: 'Operation execution has been preempted by a more recent operation.',
      },
    });
  });
});
