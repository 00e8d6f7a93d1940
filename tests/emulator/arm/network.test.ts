/**
 * Microsoft.Network as the unmodified @azure/arm-network client sees it: the seeded VMs' network interfaces and
 * public IP addresses, under the same RBAC as the VMs (403 before 404, lists filtered), with bodies shaped like the
 * official examples, and a dynamic public address that exists only while its VM is allocated.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { NetworkManagementClient } from '@azure/arm-network';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { all, bearer, clientsFor, DEV, PROD, type ArmClients } from './clients.ts';
import { example, shapeDiff } from './shape-diff.ts';

let emulator: TestEmulator;
let alice: ArmClients;
let bob: ArmClients;

beforeAll(async () => {
  emulator = await startTestEmulator();
  [alice, bob] = await Promise.all([clientsFor(emulator, 'alice'), clientsFor(emulator, 'bob')]);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.call('/_emulator/reset', { method: 'POST' });
});

/** The error an SDK call rejects with: status and ARM code. */
async function failure(
  call: Promise<unknown>,
): Promise<{ statusCode?: number; code?: string; message: string }> {
  try {
    await call;
  } catch (error) {
    return error as { statusCode?: number; code?: string; message: string };
  }
  throw new Error('expected the call to fail');
}

/** The raw JSON body of a GET, as ARM sends it (the SDK deserializes into its own models). */
async function rawGet(clients: ArmClients, path: string): Promise<{ status: number; body: unknown }> {
  const res = await emulator.call(path, { headers: await bearer(clients.credential) });
  return { status: res.status, body: res.json() };
}

const nicPath = (sub: string, rg: string, name: string, apiVersion = '2026-01-01') =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/networkInterfaces/${name}?api-version=${apiVersion}`;

describe('network interfaces', () => {
  it('the VM names its NICs and the SDK reads them with their private and public addresses', async () => {
    const vm = await alice.compute(DEV).virtualMachines.get('rg-web', 'web-01');
    const nicId = vm.networkProfile?.networkInterfaces?.[0]?.id;
    expect(nicId).toBe(
      `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Network/networkInterfaces/web-01-nic`,
    );
    const network: NetworkManagementClient = alice.network(DEV);
    const nic = await network.networkInterfaces.get('rg-web', 'web-01-nic');
    expect(nic.id).toBe(nicId);
    expect(nic.virtualMachine?.id).toBe(vm.id);
    const ipConfig = nic.ipConfigurations?.[0];
    expect(ipConfig?.privateIPAddress).toBe('10.1.0.4');
    // The public IP is in another resource group than the NIC.
    expect(ipConfig?.publicIPAddress?.id).toBe(
      `/subscriptions/${DEV}/resourceGroups/rg-data/providers/Microsoft.Network/publicIPAddresses/web-01-ip`,
    );
    const ip = await network.publicIPAddresses.get('rg-data', 'web-01-ip');
    expect(ip).toMatchObject({
      ipAddress: '20.105.21.17',
      publicIPAllocationMethod: 'Static',
      dnsSettings: { fqdn: 'contoso-web-01.westeurope.cloudapp.azure.com' },
    });
  });

  it('a VM may have no NIC at all', async () => {
    const dave = await clientsFor(emulator, 'dave');
    const vm = await dave.compute(PROD).virtualMachines.get('rg-app', 'app-03');
    expect(vm.networkProfile?.networkInterfaces).toEqual([]);
  });

  it("403 AuthorizationFailed for a NIC the caller's role does not cover, before 404", async () => {
    // bob: Reader on rg-web and power actions on web-02, whose NIC lives in rg-data.
    const vm = await bob.compute(DEV).virtualMachines.get('rg-web', 'web-02');
    expect(vm.networkProfile?.networkInterfaces?.[0]?.id).toMatch(/\/resourceGroups\/rg-data\//);
    const denied = await failure(bob.network(DEV).networkInterfaces.get('rg-data', 'web-02-nic'));
    expect(denied.statusCode).toBe(403);
    expect(denied.code).toBe('AuthorizationFailed');
    expect(denied.message).toContain("'Microsoft.Network/networkInterfaces/read'");
    const missing = await failure(bob.network(DEV).networkInterfaces.get('rg-data', 'no-such-nic'));
    expect(missing.statusCode).toBe(403);
    const notFound = await failure(alice.network(DEV).networkInterfaces.get('rg-data', 'no-such-nic'));
    expect(notFound).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });

  it('a readable NIC whose public IP is in a group the caller cannot read: the IP is 403', async () => {
    const nic = await bob.network(DEV).networkInterfaces.get('rg-web', 'web-01-nic');
    expect(nic.ipConfigurations?.[0]?.publicIPAddress?.id).toMatch(/web-01-ip$/);
    const denied = await failure(bob.network(DEV).publicIPAddresses.get('rg-data', 'web-01-ip'));
    expect(denied).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
  });

  it('lists only what the caller may read, per group and per subscription', async () => {
    const names = (items: { name?: string }[]) => items.map((n) => n.name);
    expect(names(await all(bob.network(DEV).networkInterfaces.list('rg-web')))).toEqual(['web-01-nic']);
    expect(names(await all(bob.network(DEV).networkInterfaces.listAll()))).toEqual(['web-01-nic']);
    expect(names(await all(alice.network(DEV).networkInterfaces.listAll()))).toEqual([
      'web-01-nic',
      'web-02-nic',
      'sql-01-nic',
      'build-agent-01-nic',
    ]);
    expect(names(await all(alice.network(DEV).publicIPAddresses.list('rg-data')))).toEqual([
      'web-01-ip',
      'web-02-ip',
      'sql-01-ip',
    ]);
    const carol = await clientsFor(emulator, 'carol');
    expect((await failure(all(carol.network(DEV).networkInterfaces.listAll()))).statusCode).toBe(403);
  });

  it('a dynamic public IP has no address while its VM is deallocated, and one once it runs', async () => {
    const network = alice.network(DEV);
    const before = await network.publicIPAddresses.get('rg-data', 'web-02-ip');
    expect(before.publicIPAllocationMethod).toBe('Dynamic');
    expect(before.ipAddress).toBeUndefined();
    expect(before.dnsSettings?.fqdn).toBe('contoso-web-02.westeurope.cloudapp.azure.com');
    const start = await alice.compute(DEV).virtualMachines.beginStart('rg-web', 'web-02', {
      updateIntervalInMs: 50,
    });
    await start.pollUntilDone();
    const after = await network.publicIPAddresses.get('rg-data', 'web-02-ip');
    expect(after.ipAddress).toBe('20.105.33.84');
  });

  it('checks the api-version (Network has its own list) and serves no other Network type', async () => {
    const wrong = await rawGet(alice, nicPath(DEV, 'rg-web', 'web-01-nic', '2026-04-01'));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: { code: 'InvalidApiVersionParameter' } });
    expect(JSON.stringify(wrong.body)).toContain('2026-01-01,2025-03-01');
    const old = await rawGet(alice, nicPath(DEV, 'rg-web', 'web-01-nic', '2018-11-01'));
    expect(old.status).toBe(200);
    const vnet = await rawGet(
      alice,
      `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Network/virtualNetworks/rg-web-vnet?api-version=2026-01-01`,
    );
    expect(vnet.status).toBe(400);
    expect(vnet.body).toMatchObject({ error: { code: 'InvalidResourceType' } });
  });
});

describe('Network bodies have the shapes of the official examples (2024-05-01)', () => {
  it('NetworkInterfaces_Get', async () => {
    const { body } = await rawGet(alice, nicPath(DEV, 'rg-web', 'web-01-nic'));
    const extras = new Set([
      '$.etag',
      '$.properties.resourceGuid',
      '$.properties.nicType',
      '$.properties.ipConfigurations[0].etag',
      '$.properties.ipConfigurations[0].type',
    ]);
    expect(shapeDiff(example('NetworkInterfaceGet.json'), body, extras, new Set())).toEqual([]);
  });

  it('PublicIPAddresses_Get (a static address with a DNS name)', async () => {
    const { body } = await rawGet(
      alice,
      `/subscriptions/${DEV}/resourceGroups/rg-data/providers/Microsoft.Network/publicIPAddresses/web-01-ip?api-version=2026-01-01`,
    );
    const extras = new Set([
      '$.etag',
      '$.sku',
      '$.properties.resourceGuid',
      '$.properties.ipAddress',
      '$.properties.dnsSettings',
    ]);
    const emptyOk = new Set(['$.properties.ipTags']);
    expect(shapeDiff(example('PublicIpAddressGet.json'), body, extras, emptyOk)).toEqual([]);
  });
});
