/** The details service's pure mapping of the VM model: disks and since when the power state holds. */
import { describe, expect, it } from '@jest/globals';
import type { ArmVmModel } from '../../../src/azure/network.ts';
import { disksOf, modelDetails, powerStateSinceOf } from '../../../src/vms/details.ts';
import { makeVm } from '../../tab/support/fixtures.ts';

const statuses = (...codes: Array<[string, string?]>) => ({
  instanceView: { statuses: codes.map(([code, time]) => ({ code, ...(time ? { time } : {}) })) },
});

describe('disksOf', () => {
  it('the OS disk first, then the data disks by LUN, with size, type and caching', () => {
    const model: ArmVmModel = {
      storageProfile: {
        osDisk: {
          name: 'web-01_OsDisk_1',
          diskSizeGB: 30,
          caching: 'ReadWrite',
          managedDisk: { storageAccountType: 'Premium_LRS' },
        },
        dataDisks: [
          {
            lun: 3,
            name: 'logs',
            diskSizeGB: 512,
            caching: 'None',
            managedDisk: { storageAccountType: 'Standard_LRS' },
          },
          {
            lun: 0,
            managedDisk: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/data0' },
          },
        ],
      },
    };
    expect(disksOf(model)).toEqual([
      {
        name: 'web-01_OsDisk_1',
        role: 'os',
        sizeGiB: 30,
        storageAccountType: 'Premium_LRS',
        caching: 'ReadWrite',
      },
      { name: 'data0', role: 'data', lun: 0 },
      {
        name: 'logs',
        role: 'data',
        lun: 3,
        sizeGiB: 512,
        storageAccountType: 'Standard_LRS',
        caching: 'None',
      },
    ]);
  });

  it('none when the model has no storage profile; a nameless disk is left out', () => {
    expect(disksOf({})).toEqual([]);
    expect(disksOf({ storageProfile: { osDisk: { diskSizeGB: 30 } } })).toEqual([]);
    expect(modelDetails(makeVm('web-01'), {}).disks).toEqual([]);
  });
});

describe('powerStateSinceOf', () => {
  const vm = makeVm('web-01', { powerState: 'running' });
  it("the provisioning status's time, for a stable state the instance view agrees with", () => {
    const model = statuses(
      ['ProvisioningState/succeeded', '2026-12-01T10:02:00+00:00'],
      ['PowerState/running'],
    );
    expect(powerStateSinceOf(vm, model)).toBe('2026-12-01T10:02:00.000Z');
    expect(modelDetails(vm, model).powerStateSince).toBe('2026-12-01T10:02:00.000Z');
  });

  it('nothing while the VM changes, after a failure, without a time, or when the list and Azure disagree', () => {
    const at = '2026-12-01T10:02:00Z';
    const starting = makeVm('web-01', { powerState: 'starting' });
    expect(
      powerStateSinceOf(starting, statuses(['ProvisioningState/succeeded', at], ['PowerState/starting'])),
    ).toBeUndefined();
    expect(
      powerStateSinceOf(vm, statuses(['ProvisioningState/updating'], ['PowerState/running'])),
    ).toBeUndefined();
    expect(
      powerStateSinceOf(vm, statuses(['ProvisioningState/failed/InternalError', at], ['PowerState/running'])),
    ).toBeUndefined();
    expect(
      powerStateSinceOf(vm, statuses(['ProvisioningState/succeeded'], ['PowerState/running'])),
    ).toBeUndefined();
    expect(
      powerStateSinceOf(vm, statuses(['ProvisioningState/succeeded', at], ['PowerState/stopped'])),
    ).toBeUndefined();
    expect(
      powerStateSinceOf(vm, statuses(['ProvisioningState/succeeded', 'not a time'], ['PowerState/running'])),
    ).toBeUndefined();
    expect(powerStateSinceOf(vm, {})).toBeUndefined();
  });
});
