import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ComputeManagementClient } from '@azure/arm-compute';
import { createDefaultHttpClient, createPipelineRequest, type RestError } from '@azure/core-rest-pipeline';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { clientsFor, DEV } from './clients.ts';

/** VM power operations as long-running operations, driven by @azure/arm-compute's pollers (transitions: 300 ms). */
describe('ARM power operations (LROs)', () => {
  let emulator: TestEmulator;
  let alice: ComputeManagementClient;
  let bob: ComputeManagementClient;
  const fast = { updateIntervalInMs: 50 };

  beforeAll(async () => {
    emulator = await startTestEmulator();
    alice = (await clientsFor(emulator, 'alice')).compute(DEV);
    bob = (await clientsFor(emulator, 'bob')).compute(DEV);
  });
  beforeEach(async () => {
    await emulator.call('/_emulator/reset', { method: 'POST' });
  });
  afterAll(() => emulator.close());

  const powerState = async (client: ComputeManagementClient, rg: string, vm: string) =>
    (await client.virtualMachines.instanceView(rg, vm)).statuses?.find((s) =>
      s.code?.startsWith('PowerState/'),
    )?.code;
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e as RestError,
    );

  it('starts a deallocated VM: starting while the operation runs, running when it completes', async () => {
    const poller = alice.virtualMachines.start('rg-web', 'web-02', fast);
    await poller.submitted();
    expect(await powerState(alice, 'rg-web', 'web-02')).toBe('PowerState/starting');
    const vm = await alice.virtualMachines.get('rg-web', 'web-02');
    expect(vm.provisioningState).toBe('Updating');

    await poller.pollUntilDone();
    expect(poller.operationState?.status).toBe('succeeded');
    expect(await powerState(alice, 'rg-web', 'web-02')).toBe('PowerState/running');
    expect((await alice.virtualMachines.get('rg-web', 'web-02')).provisioningState).toBe('Succeeded');
  });

  it('deallocates, powers off and restarts with the deprecated begin…AndWait helpers too', async () => {
    await alice.virtualMachines.beginDeallocateAndWait('rg-web', 'web-01', fast);
    expect(await powerState(alice, 'rg-web', 'web-01')).toBe('PowerState/deallocated');

    await alice.virtualMachines.beginPowerOffAndWait('rg-data', 'build-agent-01', {
      ...fast,
      skipShutdown: true,
    });
    expect(await powerState(alice, 'rg-data', 'build-agent-01')).toBe('PowerState/stopped');

    await alice.virtualMachines.beginStartAndWait('rg-data', 'sql-01', fast);
    const restart = alice.virtualMachines.restart('rg-data', 'sql-01', fast);
    await restart.submitted();
    expect(await powerState(alice, 'rg-data', 'sql-01')).toBe('PowerState/starting');
    await restart.pollUntilDone();
    expect(await powerState(alice, 'rg-data', 'sql-01')).toBe('PowerState/running');
  });

  it('reports a hibernated VM after deallocate with hibernate=true', async () => {
    await alice.virtualMachines.deallocate('rg-web', 'web-01', { ...fast, hibernate: true }).pollUntilDone();
    const view = await alice.virtualMachines.instanceView('rg-web', 'web-01');
    expect(view.statuses?.map((s) => s.code)).toEqual([
      'ProvisioningState/succeeded',
      'PowerState/deallocated',
      'HibernationState/Hibernated',
    ]);
  });

  it('refuses bob on web-01 with 403 AuthorizationFailed, lets him start web-02', async () => {
    const error = await failure(bob.virtualMachines.start('rg-web', 'web-01', fast).pollUntilDone());
    expect(error.name).toBe('RestError');
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('AuthorizationFailed');
    const bobUser = emulator.context.seed.users.find((u) => u.key === 'bob')!;
    expect(error.message).toBe(
      `The client '${bobUser.upn}' with object id '${bobUser.oid}' does not have authorization to perform action ` +
        `'Microsoft.Compute/virtualMachines/start/action' over scope '/subscriptions/${DEV}/resourceGroups/rg-web/providers/` +
        "Microsoft.Compute/virtualMachines/web-01' or the scope is invalid. If access was recently granted, please refresh your credentials.",
    );
    expect(await powerState(bob, 'rg-web', 'web-01')).toBe('PowerState/running');

    await bob.virtualMachines.start('rg-web', 'web-02', fast).pollUntilDone();
    expect(await powerState(bob, 'rg-web', 'web-02')).toBe('PowerState/running');
  });

  it('answers 409 OperationNotAllowed for conflicting operations', async () => {
    const deallocating = alice.virtualMachines.deallocate('rg-web', 'web-01', fast);
    await deallocating.submitted();
    const conflict = await failure(alice.virtualMachines.start('rg-web', 'web-01', fast).pollUntilDone());
    expect([conflict.statusCode, conflict.code]).toEqual([409, 'OperationNotAllowed']);
    await deallocating.pollUntilDone();

    const powerOff = await failure(alice.virtualMachines.powerOff('rg-web', 'web-01', fast).pollUntilDone());
    expect([powerOff.statusCode, powerOff.code, powerOff.message]).toEqual([
      409,
      'OperationNotAllowed',
      "Operation 'powerOff' is not allowed on VM 'web-01' since the VM is either deallocated or marked to be deallocated.",
    ]);
    const restart = await failure(alice.virtualMachines.restart('rg-web', 'web-01', fast).pollUntilDone());
    expect([restart.statusCode, restart.code]).toEqual([409, 'OperationNotAllowed']);
  });

  it('a deallocate preempts a running start, whose operation ends Canceled with OperationPreempted', async () => {
    let statusUrl: string | undefined;
    const start = alice.virtualMachines.start('rg-web', 'web-02', {
      ...fast,
      onResponse: (response) => void (statusUrl ??= response.headers.get('azure-asyncoperation')),
    });
    await start.submitted();
    await alice.virtualMachines.deallocate('rg-web', 'web-02', fast).pollUntilDone();
    await expect(start.pollUntilDone()).rejects.toThrow('Operation was canceled');
    expect(await powerState(alice, 'rg-web', 'web-02')).toBe('PowerState/deallocated');

    // The operation status resource the poller read, fetched through the client's own pipeline (bearer auth).
    const status = await alice.pipeline.sendRequest(
      createDefaultHttpClient(),
      createPipelineRequest({ url: statusUrl!, tlsSettings: emulator.tlsOptions }),
    );
    expect(JSON.parse(status.bodyAsText!)).toMatchObject({
      status: 'Canceled',
      error: {
        code: 'OperationPreempted',
        message: 'Operation execution has been preempted by a more recent operation.',
      },
    });
  });

  it('a start of a running VM succeeds at once; a second start joins the first', async () => {
    await alice.virtualMachines.start('rg-web', 'web-01', fast).pollUntilDone();
    const first = alice.virtualMachines.start('rg-web', 'web-02', fast);
    const second = alice.virtualMachines.start('rg-web', 'web-02', fast);
    await Promise.all([first.pollUntilDone(), second.pollUntilDone()]);
    expect(await powerState(alice, 'rg-web', 'web-02')).toBe('PowerState/running');
  });

  it('counts reads and writes', async () => {
    const before = { ...emulator.context.stats.arm };
    await alice.virtualMachines.start('rg-web', 'web-01', fast).pollUntilDone();
    const after = emulator.context.stats.arm;
    expect(after.write - before.write).toBe(1);
    expect(after.read - before.read).toBeGreaterThanOrEqual(2); // status poll + final Location GET
  });
});
