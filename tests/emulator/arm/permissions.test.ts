import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RestError } from '@azure/core-rest-pipeline';
import { roleDefinitions } from '../../../emulator/seed/roles.ts';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { all, bearer, clientsFor, DEV, PROD, type ArmClients } from './clients.ts';

/** `Microsoft.Authorization/permissions` through @azure/arm-authorization: the caller's rights at a scope. */
describe('ARM permissions', () => {
  let emulator: TestEmulator;
  const clients: Record<string, ArmClients> = {};

  beforeAll(async () => {
    emulator = await startTestEmulator();
    for (const user of ['alice', 'bob', 'carol', 'dave']) clients[user] = await clientsFor(emulator, user);
  });
  afterAll(() => emulator.close());

  const role = (name: string) => {
    const r = roleDefinitions.find((d) => d.roleName === name)!;
    return { actions: [...r.actions], notActions: [...r.notActions], dataActions: [], notDataActions: [] };
  };
  const forGroup = (user: string, sub: string, rg: string) =>
    all(clients[user]!.authorization(sub).permissions.listForResourceGroup(rg));
  const forVm = (user: string, sub: string, rg: string, vm: string) =>
    all(
      clients[user]!.authorization(sub).permissions.listForResource(
        rg,
        'Microsoft.Compute',
        '',
        'virtualMachines',
        vm,
      ),
    );

  it('returns one entry per role assignment that applies at the scope (inherited from above)', async () => {
    expect(await forGroup('alice', DEV, 'rg-web')).toEqual([role('Virtual Machine Contributor')]);
    expect(await forGroup('dave', PROD, 'rg-app')).toEqual([role('Owner')]);
    expect(await forVm('dave', DEV, 'rg-data', 'sql-01')).toEqual([role('Reader')]);
  });

  it('includes resource-scoped assignments only at that resource', async () => {
    expect(await forGroup('bob', DEV, 'rg-web')).toEqual([role('Reader')]);
    expect(await forVm('bob', DEV, 'rg-web', 'web-01')).toEqual([role('Reader')]);
    expect(await forVm('bob', DEV, 'RG-WEB', 'Web-02')).toEqual([
      role('Reader'),
      role('Desktop Virtualization Power On Off Contributor'),
    ]);
  });

  it('is empty for a caller without access', async () => {
    expect(await forGroup('carol', DEV, 'rg-web')).toEqual([]);
    expect(await forGroup('bob', DEV, 'rg-data')).toEqual([]);
  });

  it('answers at subscription scope too', async () => {
    const res = await emulator.call(
      `/subscriptions/${DEV}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`,
      {
        headers: await bearer(clients.dave!.credential),
      },
    );
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ value: [role('Reader')] });
  });

  it('answers 404 for resource groups and resources that do not exist', async () => {
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e as RestError,
      );
    expect((await failure(forGroup('alice', DEV, 'rg-nope')))?.code).toBe('ResourceGroupNotFound');
    expect((await failure(forVm('alice', DEV, 'rg-web', 'web-99')))?.code).toBe('ResourceNotFound');
  });
});
