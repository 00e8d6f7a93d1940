import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RestError } from '@azure/core-rest-pipeline';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { all, clientsFor, DEV, PROD, type ArmClients } from './clients.ts';

/** Listing through the real SDKs with a page size of 2, so every list below crosses pages. */
describe('ARM listing (subscriptions, VMs) per user', () => {
  let emulator: TestEmulator;
  const clients: Record<string, ArmClients> = {};

  beforeAll(async () => {
    emulator = await startTestEmulator({ pageSize: 2 });
    for (const user of ['alice', 'bob', 'carol', 'dave']) clients[user] = await clientsFor(emulator, user);
  });
  afterAll(() => emulator.close());

  const names = (vms: Array<{ name?: string }>) => vms.map((vm) => vm.name);
  const restError = async (promise: Promise<unknown>): Promise<RestError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'RestError' });
    return error as RestError;
  };

  it('lists only the subscriptions a user holds a role assignment in (at or below it)', async () => {
    const displayNames = async (user: string) =>
      (await all(clients[user]!.subscriptions.subscriptions.list())).map((s) => s.displayName);
    expect(await displayNames('alice')).toEqual(['Contoso Dev']);
    expect(await displayNames('bob')).toEqual(['Contoso Dev']); // only rg-web / web-02 assignments
    expect(await displayNames('carol')).toEqual([]);
    expect(await displayNames('dave')).toEqual(['Contoso Dev', 'Contoso Prod']);

    const dev = await clients.bob!.subscriptions.subscriptions.get(DEV);
    expect(dev).toMatchObject({
      subscriptionId: DEV,
      displayName: 'Contoso Dev',
      state: 'Enabled',
      tenantId: emulator.context.seed.tenant.id,
    });
  });

  it('answers 404 SubscriptionNotFound for a subscription the caller cannot see', async () => {
    const error = await restError(clients.alice!.subscriptions.subscriptions.get(PROD));
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('SubscriptionNotFound');
    expect(error.message).toBe(`The subscription '${PROD}' could not be found.`);
  });

  it('lists the VMs each user may read, across subscriptions and pages', async () => {
    const listAll = async (user: string, sub: string) =>
      names(await all(clients[user]!.compute(sub).virtualMachines.listAll()));
    expect(await listAll('alice', DEV)).toEqual(['web-01', 'web-02', 'sql-01', 'build-agent-01']);
    expect(await listAll('bob', DEV)).toEqual(['web-01', 'web-02']);
    expect(await listAll('dave', DEV)).toEqual(['web-01', 'web-02', 'sql-01', 'build-agent-01']);
    expect(await listAll('dave', PROD)).toEqual(['app-01', 'app-02', 'app-03']);
  });

  it('pages with nextLink at the configured page size', async () => {
    const pages = await all(clients.alice!.compute(DEV).virtualMachines.listAll().byPage());
    expect(pages.map((page) => names(page))).toEqual([
      ['web-01', 'web-02'],
      ['sql-01', 'build-agent-01'],
    ]);
  });

  it('answers 403 AuthorizationFailed to a user with no access anywhere in the subscription', async () => {
    // Paged operations surface only status and code (the SDK's paging helper replaces the message)…
    const listed = await restError(all(clients.carol!.compute(DEV).virtualMachines.listAll()));
    expect([listed.statusCode, listed.code]).toEqual([403, 'AuthorizationFailed']);
    // …single-resource operations carry ARM's message.
    const error = await restError(clients.carol!.compute(DEV).virtualMachines.get('rg-web', 'web-01'));
    const carol = emulator.context.seed.users.find((u) => u.key === 'carol')!;
    expect(error.message).toBe(
      `The client '${carol.upn}' with object id '${carol.oid}' does not have authorization to perform action ` +
        `'Microsoft.Compute/virtualMachines/read' over scope '/subscriptions/${DEV}/resourceGroups/rg-web/providers/` +
        "Microsoft.Compute/virtualMachines/web-01' or the scope is invalid. If access was recently granted, please refresh your credentials.",
    );
  });

  it('lists a resource group case-insensitively, returning canonical ids', async () => {
    const vms = await all(clients.alice!.compute(DEV).virtualMachines.list('RG-DATA'));
    expect(names(vms)).toEqual(['sql-01', 'build-agent-01']);
    expect(vms[0]!.id).toBe(
      `/subscriptions/${DEV}/resourceGroups/rg-data/providers/Microsoft.Compute/virtualMachines/sql-01`,
    );
    expect(vms[1]!.location).toBe('northeurope');

    const forbidden = await restError(all(clients.bob!.compute(DEV).virtualMachines.list('rg-data')));
    expect(forbidden.code).toBe('AuthorizationFailed');
    const missing = await restError(all(clients.alice!.compute(DEV).virtualMachines.list('rg-nope')));
    expect([missing.statusCode, missing.code]).toEqual([404, 'ResourceGroupNotFound']);
  });

  it('includes each instance view with statusOnly=true', async () => {
    const vms = await all(clients.alice!.compute(DEV).virtualMachines.listAll({ statusOnly: 'true' }));
    const power = Object.fromEntries(
      vms.map((vm) => [
        vm.name,
        vm.instanceView?.statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code,
      ]),
    );
    expect(power).toEqual({
      'web-01': 'PowerState/running',
      'web-02': 'PowerState/deallocated',
      'sql-01': 'PowerState/stopped',
      'build-agent-01': 'PowerState/running',
    });
  });

  it('gets a VM, with $expand=instanceView, and its instance view', async () => {
    const compute = clients.bob!.compute(DEV);
    const vm = await compute.virtualMachines.get('rg-web', 'WEB-01', { expand: 'instanceView' });
    expect(vm).toMatchObject({
      name: 'web-01',
      type: 'Microsoft.Compute/virtualMachines',
      location: 'westeurope',
      tags: { env: 'dev', app: 'storefront', owner: 'alice' },
      hardwareProfile: { vmSize: 'Standard_B2s' },
      storageProfile: { osDisk: { osType: 'Linux' }, imageReference: { publisher: 'Canonical' } },
      provisioningState: 'Succeeded',
    });
    expect(vm.instanceView?.statuses?.map((s) => s.code)).toEqual([
      'ProvisioningState/succeeded',
      'PowerState/running',
    ]);

    const view = await compute.virtualMachines.instanceView('rg-web', 'web-02');
    expect(view.statuses?.[1]).toMatchObject({
      code: 'PowerState/deallocated',
      level: 'Info',
      displayStatus: 'VM deallocated',
    });
  });

  it('answers 404 ResourceNotFound / ResourceGroupNotFound and 403 before 404 for unreadable scopes', async () => {
    const compute = clients.alice!.compute(DEV);
    const vm = await restError(compute.virtualMachines.get('rg-web', 'web-99'));
    expect([vm.statusCode, vm.code, vm.message]).toEqual([
      404,
      'ResourceNotFound',
      "The Resource 'Microsoft.Compute/virtualMachines/web-99' under resource group 'rg-web' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    ]);
    const rg = await restError(compute.virtualMachines.get('rg-nope', 'web-01'));
    expect(rg.code).toBe('ResourceGroupNotFound');

    // bob cannot read rg-data: ARM authorizes before it looks, so even a missing VM there is a 403
    const bob = clients.bob!.compute(DEV);
    expect((await restError(bob.virtualMachines.get('rg-data', 'sql-01'))).code).toBe('AuthorizationFailed');
    expect((await restError(bob.virtualMachines.get('rg-data', 'nothing-here'))).code).toBe(
      'AuthorizationFailed',
    );
  });

  it('exchanges one OBO token for many ARM calls on one credential', async () => {
    const fresh = await clientsFor(emulator, 'dave');
    const before = emulator.context.stats.token.obo;
    const compute = fresh.compute(PROD);
    await all(compute.virtualMachines.listAll());
    await compute.virtualMachines.get('rg-app', 'app-01');
    await compute.virtualMachines.instanceView('rg-app', 'app-02');
    await all(fresh.subscriptions.subscriptions.list());
    expect(emulator.context.stats.token.obo - before).toBe(1);
  });
});
