/**
 * `GET /api/vms/{sub}/{rg}/{vm}/details` through the real service, SDKs and emulator: the VM with its NICs and public
 * IPs as each user's Azure RBAC lets them read them. Parts the user may not read are reported in place (with ARM's
 * code), never as an error answer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { VmDetails } from '../../../contract/vm-details.ts';
import { startStack, type Stack } from '../../support/stack.ts';
import { apiClient } from '../http-client.ts';
import { DEV, PROD, vmId, vmPath } from '../fixtures.ts';

let stack: Stack;
let api: ReturnType<typeof apiClient>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStack();
  api = apiClient(stack.service.url);
  for (const user of ['alice', 'bob', 'carol', 'dave']) tokens[user] = await stack.ssoToken(user);
});
afterAll(async () => {
  await stack?.close();
});

async function details(user: string, sub: string, rg: string, name: string): Promise<VmDetails> {
  const res = await api(`${vmPath(sub, rg, name)}/details`, { token: tokens[user]! });
  expect(res.status).toBe(200);
  return res.json<VmDetails>();
}

const nicId = (rg: string, name: string) =>
  `/subscriptions/${DEV}/resourceGroups/${rg}/providers/Microsoft.Network/networkInterfaces/${name}`;
const ipId = (rg: string, name: string) =>
  `/subscriptions/${DEV}/resourceGroups/${rg}/providers/Microsoft.Network/publicIPAddresses/${name}`;

describe('VM details', () => {
  it('alice reads web-01: OS, admin user, private and public address and its DNS name (IP in another group)', async () => {
    const body = await details('alice', DEV, 'rg-web', 'web-01');
    expect(body.vm).toMatchObject({ id: vmId(DEV, 'rg-web', 'web-01'), powerState: 'running' });
    expect(body).toMatchObject({
      computerName: 'web-01',
      osName: 'ubuntu',
      osVersion: '24.04',
      image: 'Canonical:ubuntu-24_04-lts:server',
      adminUsername: 'azureuser',
      zones: [],
    });
    expect(body.networkInterfaces).toEqual([
      {
        id: nicId('rg-web', 'web-01-nic'),
        name: 'web-01-nic',
        primary: true,
        ipConfigurations: [
          {
            name: 'ipconfig1',
            primary: true,
            privateIpAddress: '10.1.0.4',
            publicIp: {
              id: ipId('rg-data', 'web-01-ip'),
              name: 'web-01-ip',
              ipAddress: '20.105.21.17',
              fqdn: 'contoso-web-01.westeurope.cloudapp.azure.com',
              allocationMethod: 'Static',
            },
          },
        ],
      },
    ]);
  });

  it("lists the disks as the portal's Disks blade sums them up: OS disk, size, type, caching", async () => {
    const linux = await details('alice', DEV, 'rg-web', 'web-01');
    expect(linux.disks).toEqual([
      {
        name: expect.stringMatching(/^web-01_OsDisk_1_[0-9a-f]{32}$/),
        role: 'os',
        sizeGiB: 30,
        storageAccountType: 'Premium_LRS',
        caching: 'ReadWrite',
      },
    ]);
    const windows = await details('alice', DEV, 'rg-data', 'sql-01');
    expect(windows.disks).toEqual([expect.objectContaining({ role: 'os', sizeGiB: 127 })]);
  });

  it('says since when a VM is in its (stable) power state; not while it is changing', async () => {
    const before = Date.now();
    const running = await details('alice', DEV, 'rg-web', 'web-01');
    expect(running.powerStateSince).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(Date.parse(running.powerStateSince!)).toBeLessThanOrEqual(before + 1_000);
    // sql-01 (not read by the other tests here) is stopped: a stable state too, until it is started.
    const stopped = await details('alice', DEV, 'rg-data', 'sql-01');
    expect(stopped.vm.powerState).toBe('stopped');
    expect(stopped.powerStateSince).toEqual(expect.any(String));

    const started = await api(`${vmPath(DEV, 'rg-data', 'sql-01')}/start`, {
      method: 'POST',
      token: tokens.alice!,
    });
    expect(started.status).toBe(202);
    const starting = await details('alice', DEV, 'rg-data', 'sql-01');
    expect(starting.vm.powerState).toBe('starting');
    expect(starting.powerStateSince).toBeUndefined();
  });

  it('a dynamic public IP of a deallocated VM has no address (Azure released it)', async () => {
    const body = await details('alice', DEV, 'rg-web', 'web-02');
    const publicIp = body.networkInterfaces[0]?.ipConfigurations[0]?.publicIp;
    expect(publicIp).toEqual({
      id: ipId('rg-data', 'web-02-ip'),
      name: 'web-02-ip',
      fqdn: 'contoso-web-02.westeurope.cloudapp.azure.com',
      allocationMethod: 'Dynamic',
    });
    expect(body.computerName).toBe('web-02'); // from osProfile when the instance view has none
  });

  it("bob may read web-01's NIC but not its public IP (rg-data): that part says AuthorizationFailed", async () => {
    const body = await details('bob', DEV, 'rg-web', 'web-01');
    const config = body.networkInterfaces[0]!.ipConfigurations[0]!;
    expect(config.privateIpAddress).toBe('10.1.0.4');
    expect(config.publicIp).toMatchObject({
      id: ipId('rg-data', 'web-01-ip'),
      name: 'web-01-ip',
      error: { code: 'AuthorizationFailed', armCode: 'AuthorizationFailed' },
    });
    expect(config.publicIp?.error?.message).toContain('Microsoft.Network/publicIPAddresses/read');
    expect(config.publicIp?.ipAddress).toBeUndefined();
  });

  it('bob can start web-02 but not read its NIC: the NIC is listed with the reason, the VM is still there', async () => {
    const body = await details('bob', DEV, 'rg-web', 'web-02');
    expect(body.vm.actions).toEqual(expect.arrayContaining(['start']));
    expect(body.networkInterfaces).toEqual([
      {
        id: nicId('rg-data', 'web-02-nic'),
        name: 'web-02-nic',
        primary: true,
        ipConfigurations: [],
        error: expect.objectContaining({ code: 'AuthorizationFailed', armCode: 'AuthorizationFailed' }),
      },
    ]);
  });

  it('a VM without NICs has none, and a zonal VM names its zone', async () => {
    const none = await details('dave', PROD, 'rg-app', 'app-03');
    expect(none.networkInterfaces).toEqual([]);
    expect(none.adminUsername).toBe('azureuser');
    const zonal = await details('dave', PROD, 'rg-app', 'app-01');
    expect(zonal.zones).toEqual(['1']);
    expect(zonal.networkInterfaces[0]?.ipConfigurations[0]?.publicIp?.ipAddress).toBe('20.96.110.23');
  });

  it('answers like GET /api/vms/{…} when the VM itself cannot be read', async () => {
    const missing = await api(`${vmPath(DEV, 'rg-web', 'web-99')}/details`, { token: tokens.alice! });
    expect(missing.status).toBe(404);
    expect(missing.json().error.code).toBe('NotFound');
    const carol = await api(`${vmPath(DEV, 'rg-web', 'web-01')}/details`, { token: tokens.carol! });
    expect(carol.status).toBe(404);
    const invalid = await api(`/api/vms/not-a-guid/rg-web/web-01/details`, { token: tokens.alice! });
    expect(invalid.status).toBe(400);
    const anonymous = await api(`${vmPath(DEV, 'rg-web', 'web-01')}/details`);
    expect(anonymous.status).toBe(401);
  });
});
