/**
 * Microsoft.DevTestLab/schedules (VM auto-shutdown) as the unmodified @azure/arm-devtestlabs client sees it: bodies
 * as the REST spec's GlobalSchedules examples, ARM's RBAC (Virtual Machine Contributor includes
 * Microsoft.DevTestLab/schedules/*), validation 400s, and the runner's control API.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DevTestLabsClient } from '@azure/arm-devtestlabs';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { all, ARM_SCOPE, bearer, DEV, oboCredential } from './clients.ts';

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
