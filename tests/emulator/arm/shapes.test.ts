import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ComputeManagementClient } from '@azure/arm-compute';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { all, clientsFor, DEV } from './clients.ts';
import { example, shapeDiff } from './shape-diff.ts';

describe('ARM bodies have the shapes of the official Compute examples (2026-04-01)', () => {
  let emulator: TestEmulator;
  let compute: ComputeManagementClient;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    compute = (await clientsFor(emulator, 'alice')).compute(DEV);
  });
  afterAll(() => emulator.close());

  /** The raw JSON body of an SDK call. */
  const raw = async (
    run: (onResponse: (r: { parsedBody?: unknown; bodyAsText?: string | null }) => void) => Promise<unknown>,
  ) => {
    let body: unknown;
    await run((r) => void (body ??= r.parsedBody ?? JSON.parse(r.bodyAsText ?? 'null')));
    return body;
  };

  it('VirtualMachines_Get (Windows VM sql-01)', async () => {
    const body = await raw((onResponse) => compute.virtualMachines.get('rg-data', 'sql-01', { onResponse }));
    const extras = new Set([
      '$.properties.storageProfile.imageReference.exactVersion',
      '$.properties.storageProfile.osDisk.deleteOption',
      '$.properties.osProfile.windowsConfiguration.patchSettings',
      '$.properties.osProfile.allowExtensionOperations',
      '$.properties.osProfile.requireGuestProvisionSignal',
    ]);
    expect(shapeDiff(example('VirtualMachine_Get.json'), body, extras, new Set())).toEqual([]);
  });

  it('VirtualMachines_Get of a Linux VM differs only by linuxConfiguration', async () => {
    const body = await raw((onResponse) => compute.virtualMachines.get('rg-web', 'web-01', { onResponse }));
    const diff = shapeDiff(example('VirtualMachine_Get.json'), body, new Set(), new Set());
    expect(diff).toContain('$.properties.osProfile.windowsConfiguration: missing');
    expect(diff).toContain('$.properties.osProfile.linuxConfiguration: not in the example');
    expect(
      (body as { properties: { osProfile: { linuxConfiguration: unknown } } }).properties.osProfile
        .linuxConfiguration,
    ).toEqual({
      disablePasswordAuthentication: true,
      provisionVMAgent: true,
      patchSettings: { patchMode: 'ImageDefault', assessmentMode: 'ImageDefault' },
    });
  });

  it('VirtualMachines_InstanceView (running VM web-01)', async () => {
    const body = await raw((onResponse) =>
      compute.virtualMachines.instanceView('rg-web', 'web-01', { onResponse }),
    );
    // a VM without extensions reports no extension handlers
    const emptyOk = new Set(['$.vmAgent.extensionHandlers']);
    expect(shapeDiff(example('VirtualMachine_Get_InstanceView.json'), body, new Set(), emptyOk)).toEqual([]);
    expect((body as { statuses: unknown[] }).statuses).toEqual([
      {
        code: 'ProvisioningState/succeeded',
        level: 'Info',
        displayStatus: 'Provisioning succeeded',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/),
      },
      { code: 'PowerState/running', level: 'Info', displayStatus: 'VM running' },
    ]);
  });

  it('VirtualMachines_ListAll items carry the example keys', async () => {
    const bodies: unknown[] = [];
    await all(
      compute.virtualMachines.listAll({
        onResponse: (r) => void bodies.push(r.parsedBody ?? JSON.parse(r.bodyAsText ?? 'null')),
      }),
    );
    const first = bodies[0] as { value: Array<Record<string, unknown>> };
    const reference = example('VirtualMachine_ListAll_MinimumSet_Gen.json') as {
      value: Array<Record<string, unknown>>;
    };
    for (const key of Object.keys(reference.value[0]!)) expect(first.value[0]).toHaveProperty(key);
    const full = shapeDiff(
      example('VirtualMachine_Get.json'),
      first.value[0],
      new Set([
        '$.properties.storageProfile.imageReference.exactVersion',
        '$.properties.storageProfile.osDisk.deleteOption',
        '$.properties.osProfile.linuxConfiguration',
        '$.properties.osProfile.allowExtensionOperations',
        '$.properties.osProfile.requireGuestProvisionSignal',
      ]),
      new Set(),
    );
    expect(full).toEqual(['$.properties.osProfile.windowsConfiguration: missing']); // web-01 is Linux
  });

  it('the comparison itself catches a misplaced property', () => {
    const reference = { properties: { hardwareProfile: { vmSize: 'x' } } };
    expect(shapeDiff(reference, { properties: { vmSize: 'x' } }, new Set(), new Set())).toEqual([
      '$.properties.hardwareProfile: missing',
      '$.properties.vmSize: not in the example',
    ]);
    expect(
      shapeDiff(reference, { properties: { hardwareProfile: { vmSize: 3 } } }, new Set(), new Set()),
    ).toEqual(['$.properties.hardwareProfile.vmSize: expected string, got number']);
  });
});
