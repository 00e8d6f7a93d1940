import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ComputeManagementClient } from '@azure/arm-compute';
import { createDefaultHttpClient, createPipelineRequest } from '@azure/core-rest-pipeline';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { clientsFor, DEV } from './clients.ts';

const ALLOCATION_FAILED =
  'Allocation failed. We do not have sufficient capacity for the requested VM size in this region. ' +
  'Read more about improving likelihood of allocation success at http://aka.ms/allocation-guidance';

/**
 * Injected operation failures (`POST /_emulator/faults {operationFailure}`), observed through
 * @azure/arm-compute's real pollers: accepted with 202, then `Failed` in the operation status resource.
 */
describe('ARM operation failure injection', () => {
  let emulator: TestEmulator;
  let alice: ComputeManagementClient;
  const fast = { updateIntervalInMs: 50 };

  beforeAll(async () => {
    emulator = await startTestEmulator();
    alice = (await clientsFor(emulator, 'alice')).compute(DEV);
  });
  beforeEach(async () => {
    await emulator.call('/_emulator/reset', { method: 'POST' });
  });
  afterAll(() => emulator.close());

  const context = () => emulator.context;
  const faults = (body: unknown) => emulator.call('/_emulator/faults', { method: 'POST', body });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e as Error,
    );
  const statuses = async (rg: string, vm: string) =>
    (await alice.virtualMachines.instanceView(rg, vm)).statuses?.map((s) => s.code);
  /** GETs a URL through the client's own pipeline (bearer auth, retries), as the poller does. */
  const getJson = async (url: string) => {
    const response = await alice.pipeline.sendRequest(
      createDefaultHttpClient(),
      createPipelineRequest({ url, tlsSettings: emulator.tlsOptions }),
    );
    return {
      status: response.status,
      body: response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined,
    };
  };

  it('a start of web-02 is accepted, shows starting, then fails with AllocationFailed and stays deallocated', async () => {
    const set = await faults({ target: 'arm', operationFailure: { vm: 'web-02', action: 'start' } });
    expect(set.status).toBe(200);
    expect(set.json().operationFailures).toEqual([
      { vm: 'web-02', action: 'start', code: null, message: null, remaining: 1 },
    ]);

    let initialStatus: number | undefined;
    let statusUrl: string | undefined;
    const poller = alice.virtualMachines.start('rg-web', 'web-02', {
      ...fast,
      onResponse: (response) => {
        initialStatus ??= response.status;
        statusUrl ??= response.headers.get('azure-asyncoperation');
      },
    });
    await poller.submitted();
    expect(initialStatus).toBe(202);
    expect(await statuses('rg-web', 'web-02')).toEqual(['ProvisioningState/updating', 'PowerState/starting']);
    expect((await emulator.call('/_emulator/faults')).json().operationFailures).toEqual([]);

    // What @azure/core-lro makes of a Failed operation: a plain Error naming ARM's code and message.
    const error = await failure(poller.pollUntilDone());
    expect(error.message).toBe(
      `The long-running operation has failed. AllocationFailed. ${ALLOCATION_FAILED}`,
    );
    expect(poller.operationState?.status).toBe('failed');

    // The operation status resource, exactly as Compute reports a failed async operation.
    const status = await getJson(statusUrl!);
    expect(status.status).toBe(200);
    expect(Object.keys(status.body).sort()).toEqual(['endTime', 'error', 'name', 'startTime', 'status']);
    expect(status.body).toMatchObject({
      status: 'Failed',
      error: { code: 'AllocationFailed', message: ALLOCATION_FAILED },
    });
    expect(status.body.error).toEqual({ code: 'AllocationFailed', message: ALLOCATION_FAILED });
    expect(Date.parse(status.body.endTime)).toBeGreaterThanOrEqual(Date.parse(status.body.startTime));

    // The VM is back where it was, and says why its last operation failed.
    const view = await alice.virtualMachines.instanceView('rg-web', 'web-02');
    expect(view.statuses?.map((s) => s.code)).toEqual([
      'ProvisioningState/failed/AllocationFailed',
      'PowerState/deallocated',
    ]);
    expect(view.statuses?.[0]).toMatchObject({
      level: 'Error',
      displayStatus: 'Provisioning failed',
      message: ALLOCATION_FAILED,
    });
    expect((await alice.virtualMachines.get('rg-web', 'web-02')).provisioningState).toBe('Failed');

    // The rule is used up: the next start succeeds and clears the failed provisioning state.
    await alice.virtualMachines.beginStartAndWait('rg-web', 'web-02', fast);
    expect(await statuses('rg-web', 'web-02')).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
    expect((await alice.virtualMachines.get('rg-web', 'web-02')).provisioningState).toBe('Succeeded');
  });

  it('beginStartAndWait rejects with a custom code and message', async () => {
    await faults({
      operationFailure: { vm: 'WEB-02', code: 'ZonalAllocationFailed', message: 'No capacity in zone 2.' },
    });
    const error = await failure(alice.virtualMachines.beginStartAndWait('rg-web', 'web-02', fast));
    expect(error.message).toBe(
      'The long-running operation has failed. ZonalAllocationFailed. No capacity in zone 2.',
    );
  });

  it('matches by resource id and action; other VMs and actions are unaffected', async () => {
    const web01 = `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-01`;
    await faults({ operationFailure: { vm: web01, action: 'deallocate', count: 2 } });

    await alice.virtualMachines.beginStartAndWait('rg-web', 'web-02', fast); // another VM
    await alice.virtualMachines.beginPowerOffAndWait('rg-web', 'web-01', fast); // another action
    expect(await statuses('rg-web', 'web-01')).toEqual(['ProvisioningState/succeeded', 'PowerState/stopped']);

    for (let i = 0; i < 2; i += 1) {
      const error = await failure(alice.virtualMachines.beginDeallocateAndWait('rg-web', 'web-01', fast));
      expect(error.message).toBe(
        'The long-running operation has failed. InternalExecutionError. An internal execution error occurred. Please retry later.',
      );
      expect(await statuses('rg-web', 'web-01')).toEqual([
        'ProvisioningState/failed/InternalExecutionError',
        'PowerState/stopped',
      ]);
    }
    await alice.virtualMachines.beginDeallocateAndWait('rg-web', 'web-01', fast);
    expect(await statuses('rg-web', 'web-01')).toEqual([
      'ProvisioningState/succeeded',
      'PowerState/deallocated',
    ]);
  });

  it('a start joining a failing start fails with it', async () => {
    await faults({ operationFailure: { vm: 'web-02' } });
    const first = alice.virtualMachines.start('rg-web', 'web-02', fast);
    await first.submitted();
    const second = alice.virtualMachines.start('rg-web', 'web-02', fast);
    const errors = await Promise.all([failure(first.pollUntilDone()), failure(second.pollUntilDone())]);
    expect(errors.map((e) => e.message)).toEqual([
      `The long-running operation has failed. AllocationFailed. ${ALLOCATION_FAILED}`,
      `The long-running operation has failed. AllocationFailed. ${ALLOCATION_FAILED}`,
    ]);
  });

  it('a deallocate preempting a failing start cancels it instead', async () => {
    await faults({ operationFailure: { vm: 'web-02', action: 'start' } });
    const start = alice.virtualMachines.start('rg-web', 'web-02', fast);
    await start.submitted();
    await alice.virtualMachines.beginDeallocateAndWait('rg-web', 'web-02', fast);
    await expect(start.pollUntilDone()).rejects.toThrow('Operation was canceled');
    expect(await statuses('rg-web', 'web-02')).toEqual([
      'ProvisioningState/succeeded',
      'PowerState/deallocated',
    ]);
  });

  it('count 0 removes queued rules by selector; reset removes them all', async () => {
    await faults({ operationFailure: { vm: 'web-01' } });
    await faults({ operationFailure: { vm: 'web-02', action: 'start', count: 3 } });
    await faults({ operationFailure: { action: 'restart' } });
    const cleared = await faults({ operationFailure: { vm: 'Web-02', count: 0 } });
    expect(cleared.json().operationFailures.map((r: { vm: string | null }) => r.vm)).toEqual([
      'web-01',
      null,
    ]);
    await alice.virtualMachines.beginStartAndWait('rg-web', 'web-02', fast);

    await emulator.call('/_emulator/reset', { method: 'POST' });
    expect((await emulator.call('/_emulator/faults')).json().operationFailures).toEqual([]);
    await alice.virtualMachines.beginDeallocateAndWait('rg-web', 'web-01', fast);
  });

  it('refuses more than 1000 queued rules, changing nothing', async () => {
    for (let i = 0; i < 1000; i += 1)
      context().faults.operationFailures.push({ vm: `vm-${i}`, remaining: 1 });
    const res = await faults({ target: 'arm', latencyMs: 5, operationFailure: { vm: 'web-02' } });
    expect(res.status).toBe(400);
    expect(res.json().error.message).toMatch(/^1000 operation failures are already queued/);
    expect((await emulator.call('/_emulator/faults')).json().latencyMs.arm).toBe(0);
  });

  it.each([
    ['an unknown action', { operationFailure: { action: 'hibernate' } }],
    ['a code with spaces', { operationFailure: { code: 'Allocation Failed' } }],
    ['an empty message', { operationFailure: { message: '' } }],
    ['a negative count', { operationFailure: { count: -1 } }],
    ['an unknown field', { operationFailure: { vm: 'web-02', status: 500 } }],
    ['target entra', { target: 'entra', operationFailure: {} }],
    ['a top-level count meant for the rule', { target: 'arm', count: 2, operationFailure: {} }],
    ['a non-object', { operationFailure: 'web-02' }],
  ])('rejects %s with 400 InvalidRequest', async (_name, body) => {
    const res = await faults(body);
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('InvalidRequest');
    expect((await emulator.call('/_emulator/faults')).json().operationFailures).toEqual([]);
  });
});
