import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack } from '../support/stack.ts';
import { apiClient } from './http-client.ts';
import { DEV, OIDS, PROD, TENANT, vmId, vmPath } from './fixtures.ts';

const ALL_ACTIONS = ['start', 'deallocate', 'powerOff', 'restart'];
/** VM Contributor and Owner may also change the auto-shutdown (Microsoft.DevTestLab/schedules/*). */
const WITH_SCHEDULE = [...ALL_ACTIONS, 'setAutoShutdown'];

describe('VM API: reading (real service + emulator + SDKs)', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiClient>;
  const tokens = {} as Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin', string>;

  beforeAll(async () => {
    stack = await startStack();
    api = apiClient(stack.service.url);
    for (const user of ['alice', 'bob', 'carol', 'dave', 'erin'] as const)
      tokens[user] = await stack.ssoToken(user);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('GET /api/health needs no token', async () => {
    const res = await api('/api/health');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /api/me returns the validated identity', async () => {
    const res = await api('/api/me', { token: tokens.alice });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      name: 'Alice Wong',
      upn: 'alice@contoso.onmicrosoft.com',
      oid: OIDS.alice,
      tid: TENANT,
    });
  });

  it("alice sees Contoso Dev's four VMs with power states and all actions (VM Contributor on the subscription)", async () => {
    const res = await api('/api/vms', { token: tokens.alice });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.errors).toEqual([]);
    expect(body.vms.map((v: { name: string }) => v.name)).toEqual([
      'build-agent-01',
      'sql-01',
      'web-01',
      'web-02',
    ]);
    const byName = Object.fromEntries(body.vms.map((v: { name: string }) => [v.name, v]));
    expect(byName['web-01']).toEqual({
      id: vmId(DEV, 'rg-web', 'web-01'),
      name: 'web-01',
      resourceGroup: 'rg-web',
      subscriptionId: DEV,
      subscriptionName: 'Contoso Dev',
      location: 'westeurope',
      size: 'Standard_B2s',
      osType: 'Linux',
      powerState: 'running',
      provisioningState: 'Succeeded',
      tags: { env: 'dev', app: 'storefront', owner: 'alice' },
      actions: WITH_SCHEDULE,
      price: { perHour: 0.0478, currency: 'USD', meter: 'B2s' },
      autoShutdown: null,
    });
    expect(byName['web-02']).toMatchObject({ powerState: 'deallocated', actions: WITH_SCHEDULE });
    expect(byName['sql-01']).toMatchObject({
      powerState: 'stopped',
      osType: 'Windows',
      size: 'Standard_E4s_v5',
      actions: WITH_SCHEDULE,
    });
    expect(byName['build-agent-01']).toMatchObject({
      powerState: 'running',
      location: 'northeurope',
      resourceGroup: 'rg-data',
    });
  });

  it('bob: Reader on rg-web → web-01 without actions; Power On Off Contributor on web-02 → its four actions', async () => {
    const res = await api('/api/vms', { token: tokens.bob });
    expect(res.status).toBe(200);
    const { vms, errors } = res.json();
    expect(errors).toEqual([]);
    expect(vms.map((v: { name: string; actions: string[] }) => [v.name, v.actions])).toEqual([
      ['web-01', []],
      ['web-02', ALL_ACTIONS],
    ]);
  });

  it('carol (no role assignment anywhere) → 200 with an empty list, not an error', async () => {
    const res = await api('/api/vms', { token: tokens.carol });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ vms: [], errors: [] });
  });

  it('dave: Owner on Prod, Reader on Dev — both subscriptions listed in parallel, actions per subscription', async () => {
    const res = await api('/api/vms', { token: tokens.dave });
    expect(res.status).toBe(200);
    const { vms, errors } = res.json();
    expect(errors).toEqual([]);
    const summary = vms.map((v: { subscriptionId: string; name: string; actions: string[] }) => [
      v.subscriptionId,
      v.name,
      v.actions.length,
    ]);
    expect(summary).toEqual([
      [DEV, 'build-agent-01', 0],
      [DEV, 'sql-01', 0],
      [DEV, 'web-01', 0],
      [DEV, 'web-02', 0],
      [PROD, 'app-01', 5],
      [PROD, 'app-02', 5],
      [PROD, 'app-03', 5],
    ]);
    expect(vms[4].subscriptionName).toBe('Contoso Prod');
  });

  it('erin (no consent) → 403 ConsentRequired with the scopes to consent to', async () => {
    const res = await api('/api/vms', { token: tokens.erin });
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({
      error: {
        code: 'ConsentRequired',
        message: expect.any(String),
        scopes: ['https://management.azure.com/user_impersonation'],
      },
    });
  });

  it('GET one VM: same shape as in the list', async () => {
    const list = (await api('/api/vms', { token: tokens.bob })).json().vms;
    const res = await api(vmPath(DEV, 'rg-web', 'web-02'), { token: tokens.bob });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual(list[1]);
  });

  it('GET one VM is case-insensitive on names, like ARM', async () => {
    const res = await api(vmPath(DEV.toUpperCase(), 'RG-WEB', 'WEB-01'), { token: tokens.alice });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ name: 'web-01', resourceGroup: 'rg-web', actions: WITH_SCHEDULE });
  });

  it('GET one VM the user cannot read → 403 AuthorizationFailed with ARM’s message', async () => {
    const res = await api(vmPath(DEV, 'rg-data', 'sql-01'), { token: tokens.bob });
    expect(res.status).toBe(403);
    const { error } = res.json();
    expect(error.code).toBe('AuthorizationFailed');
    expect(error.message).toContain(
      `with object id '${OIDS.bob}' does not have authorization to perform action`,
    );
    expect(error.message).toContain('Microsoft.Compute/virtualMachines/read');
  });

  it('GET a VM that does not exist → 404 NotFound', async () => {
    const res = await api(vmPath(DEV, 'rg-web', 'web-99'), { token: tokens.alice });
    expect(res.status).toBe(404);
    expect(res.json().error.code).toBe('NotFound');
  });

  it('GET a VM in an unknown subscription → 404 NotFound (ARM SubscriptionNotFound)', async () => {
    const res = await api(vmPath('00000000-0000-4000-8000-000000000000', 'rg', 'vm'), {
      token: tokens.alice,
    });
    expect(res.status).toBe(404);
    expect(res.json().error.code).toBe('NotFound');
  });

  it('GET /client-config.json is public and tells the tab how to sign in', async () => {
    const res = await api('/client-config.json');
    expect(res.status).toBe(200);
    const config = res.json();
    expect(config).toEqual({
      clientId: expect.any(String),
      tenantId: TENANT,
      authority: `${stack.emulator.url}/${TENANT}`,
      identifierUri: expect.stringMatching(/^api:\/\//),
      scopes: [`${config.identifierUri}/access_as_user`],
      localMode: true,
      emulatorUrl: stack.emulator.url,
      teamsClientId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
    });
    expect(res.text).not.toMatch(/secret/i);
  });

  it('one OBO exchange per user across many requests; one JWKS fetch', async () => {
    await stack.emulator.call('/_emulator/reset', { method: 'POST' });
    const fresh = await stack.ssoToken('dave');
    for (let i = 0; i < 8; i++) {
      const res = await api(i % 2 ? '/api/vms' : vmPath(PROD, 'rg-app', 'app-01'), { token: fresh });
      expect(res.status).toBe(200);
    }
    await Promise.all(Array.from({ length: 5 }, () => api('/api/vms', { token: fresh })));
    const stats = (await stack.emulator.call('/_emulator/stats')).json();
    expect(stats.token.obo).toBe(1);
    expect(stats.jwks).toBe(0); // already cached from earlier requests: no refetch at all
  });

  it('a new token of a known user fans out over subscriptions with still one OBO exchange', async () => {
    const first = await stack.ssoToken('dave');
    expect((await api('/api/vms', { token: first })).status).toBe(200); // subscriptions now cached for dave
    const before = (await stack.emulator.call('/_emulator/stats')).json().token.obo;
    const second = await stack.ssoToken('dave');
    const res = await api('/api/vms', { token: second });
    expect(res.status).toBe(200);
    expect(res.json().vms).toHaveLength(7);
    const after = (await stack.emulator.call('/_emulator/stats')).json().token.obo;
    expect(after - before).toBe(1); // both subscriptions' clients asked at once; one exchange served both
  });

  it('a cold listing costs one token call and a few ARM round trips, not one per VM', async () => {
    await stack.emulator.call('/_emulator/reset', { method: 'POST' });
    const res = await api('/api/vms', { token: await stack.ssoToken('alice') });
    expect(res.status).toBe(200);
    const stats = (await stack.emulator.call('/_emulator/stats')).json();
    expect(stats.token.obo).toBe(1);
    // subscriptions + listAll(Dev) + permissions for rg-web and rg-data (cached from earlier → may be fewer)
    expect(stats.arm.read).toBeLessThanOrEqual(4);
  });
});
