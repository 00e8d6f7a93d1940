import { describe, expect, it } from '@jest/globals';
import { armTime, instanceViewBody, operationStatusBody, vmBody } from '../../../emulator/arm/bodies.ts';
import type { PowerSnapshot } from '../../../emulator/arm/power.ts';
import type { OperationRecord, VmRecord } from '../../../emulator/arm/store.ts';

const vm: VmRecord = {
  id: '/subscriptions/s/resourceGroups/rg-data/providers/Microsoft.Compute/virtualMachines/sql-reporting-01',
  subscriptionId: 's',
  resourceGroup: 'rg-data',
  name: 'sql-reporting-01',
  location: 'westeurope',
  size: 'Standard_E4s_v5',
  osType: 'Windows',
  image: {
    publisher: 'MicrosoftWindowsServer',
    offer: 'WindowsServer',
    sku: '2022-datacenter-azure-edition',
  },
  tags: {},
  vmId: '0f47b100-583c-48e3-a4c0-aefc2c9bbcc1',
  timeCreated: Date.UTC(2025, 5, 1),
  zone: undefined,
  adminUsername: 'azureuser',
  networkInterfaceIds: [
    '/subscriptions/s/resourceGroups/rg-data/providers/Microsoft.Network/networkInterfaces/sql-reporting-01-nic',
  ],
};
const snapshot = (state: PowerSnapshot['state'], updating = false): PowerSnapshot => ({
  state,
  updating,
  hibernated: false,
  since: 0,
});

describe('bodies', () => {
  it('formats times like ARM (.NET round-trip, 7 digits, +00:00)', () => {
    expect(armTime(Date.UTC(2026, 10, 28, 17, 3, 9, 123))).toBe('2026-11-28T17:03:09.1230000+00:00');
  });

  it('caps a Windows computer name at 15 characters and names the OS disk like Azure', () => {
    const body = vmBody(vm, snapshot('running'));
    expect(body.properties.osProfile.computerName).toBe('sql-reporting-0');
    expect(body.properties.storageProfile.osDisk.name).toBe(
      'sql-reporting-01_OsDisk_1_0f47b100583c48e3a4c0aefc2c9bbcc1',
    );
    expect(body.properties.storageProfile.osDisk.managedDisk.storageAccountType).toBe('Premium_LRS');
    expect(body.properties.provisioningState).toBe('Succeeded');
    expect(vmBody(vm, snapshot('starting', true)).properties.provisioningState).toBe('Updating');
  });

  it('omits host-side details from a deallocated instance view; an allocated, stopped VM has a Not Ready agent', () => {
    const deallocated = instanceViewBody(vm, snapshot('deallocated'), 0);
    expect(Object.keys(deallocated).sort()).toEqual([
      'disks',
      'hyperVGeneration',
      'isVMInStandbyPool',
      'statuses',
    ]);
    const stopped = instanceViewBody(vm, snapshot('stopped'), 0);
    expect(stopped.vmAgent?.statuses[0]).toMatchObject({ level: 'Warning', displayStatus: 'Not Ready' });
    expect(stopped.osName).toBe('Windows Server 2022 Datacenter Azure Edition');
    const starting = instanceViewBody(vm, snapshot('starting', true), 0);
    expect(starting.statuses).toEqual([
      { code: 'ProvisioningState/updating', level: 'Info', displayStatus: 'Updating' },
      { code: 'PowerState/starting', level: 'Info', displayStatus: 'VM starting' },
    ]);
  });

  it('reports an operation InProgress, then Succeeded with an endTime, or how it ended early', () => {
    const op: OperationRecord = {
      id: 'op-1',
      subscriptionId: 's',
      location: 'westeurope',
      resourceId: vm.id,
      action: 'start',
      principalId: 'p',
      startedAt: 1000,
      completesAt: 2000,
    };
    expect(operationStatusBody(op, 1500)).toEqual({
      startTime: armTime(1000),
      status: 'InProgress',
      name: 'op-1',
    });
    expect(operationStatusBody(op, 2000)).toEqual({
      startTime: armTime(1000),
      endTime: armTime(2000),
      status: 'Succeeded',
      name: 'op-1',
    });
    const preempted = {
      ...op,
      ended: { status: 'Canceled' as const, at: 1200, error: { code: 'OperationPreempted', message: 'm' } },
    };
    expect(operationStatusBody(preempted, 1100).status).toBe('InProgress');
    expect(operationStatusBody(preempted, 5000)).toEqual({
      startTime: armTime(1000),
      endTime: armTime(1200),
      status: 'Canceled',
      error: { code: 'OperationPreempted', message: 'm' },
      name: 'op-1',
    });
  });
});
