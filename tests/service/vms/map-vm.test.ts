import { describe, expect, it } from '@jest/globals';
import { compareVms, toVm } from '../../../src/vms/map-vm.ts';
import { powerStateOf, provisioningStateOf } from '../../../src/vms/power-state.ts';
import { parseVmId, vmIdOf, vmKey } from '../../../contract/vm-id.ts';
import { isResourceGroupName, isSubscriptionId, isVmName } from '../../../contract/vm-id.ts';

const SUB = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
const ID = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-01`;

describe('powerStateOf', () => {
  it.each([
    ['PowerState/running', 'running'],
    ['PowerState/starting', 'starting'],
    ['PowerState/stopping', 'stopping'],
    ['PowerState/stopped', 'stopped'],
    ['PowerState/deallocating', 'deallocating'],
    ['PowerState/deallocated', 'deallocated'],
    ['powerstate/RUNNING', 'running'],
    ['PowerState/hibernated', 'unknown'],
  ])('%s → %s', (code, expected) => {
    expect(powerStateOf([{ code: 'ProvisioningState/succeeded' }, { code }])).toBe(expected);
  });

  it('unknown without a PowerState status', () => {
    expect(powerStateOf(undefined)).toBe('unknown');
    expect(powerStateOf([])).toBe('unknown');
    expect(powerStateOf([{ code: 'ProvisioningState/succeeded' }, {}])).toBe('unknown');
  });
});

describe('provisioningStateOf', () => {
  it('prefers the model, then the status', () => {
    expect(provisioningStateOf('Succeeded', [{ code: 'ProvisioningState/failed' }])).toBe('Succeeded');
    expect(provisioningStateOf(undefined, [{ code: 'ProvisioningState/updating' }])).toBe('Updating');
    expect(provisioningStateOf(undefined, undefined)).toBe('Unknown');
  });
});

describe('parseVmId / vmIdOf', () => {
  it('round-trips and is case-insensitive on segment names', () => {
    const ref = parseVmId(ID);
    expect(ref).toEqual({ subscriptionId: SUB, resourceGroup: 'rg-web', name: 'web-01' });
    expect(vmIdOf(ref!)).toBe(ID);
    expect(
      parseVmId(
        ID.replace('resourceGroups', 'resourcegroups').replace('Microsoft.Compute', 'microsoft.compute'),
      ),
    ).toEqual(ref);
    expect(vmKey(ref!)).toBe(ID.toLowerCase());
  });

  it.each([
    [undefined],
    [42],
    [''],
    [`/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm`],
    [`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualMachines/vm`],
    [`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/extra`],
    [`/subscriptions/${SUB}/resourceGroups/rg./providers/Microsoft.Compute/virtualMachines/vm`],
    [`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-`],
    [`/subscriptions/${SUB}/resourceGroups/../providers/Microsoft.Compute/virtualMachines/vm`],
    [`subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm`],
  ])('rejects %p', (id) => {
    expect(parseVmId(id)).toBeUndefined();
  });
});

describe('Azure names', () => {
  it('subscription ids are GUIDs', () => {
    expect(isSubscriptionId(SUB)).toBe(true);
    expect(isSubscriptionId(SUB.toUpperCase())).toBe(true);
    expect(isSubscriptionId('1b5e2f3a7c4d4e8f9a012b3c4d5e6f70')).toBe(false);
    expect(isSubscriptionId(`${SUB}x`)).toBe(false);
  });

  it('resource groups: 1–90 of [-\\w.()], not ending with a dot', () => {
    expect(isResourceGroupName('rg-web')).toBe(true);
    expect(isResourceGroupName('a')).toBe(true);
    expect(isResourceGroupName('rg.(x)_1')).toBe(true);
    expect(isResourceGroupName('x'.repeat(90))).toBe(true);
    expect(isResourceGroupName('x'.repeat(91))).toBe(false);
    expect(isResourceGroupName('rg.')).toBe(false);
    expect(isResourceGroupName('')).toBe(false);
    expect(isResourceGroupName('rg/x')).toBe(false);
    expect(isResourceGroupName('rg x')).toBe(false);
  });

  it('VM names: 1–64, letters/digits/-/_/., no trailing dot or hyphen', () => {
    expect(isVmName('web-01')).toBe(true);
    expect(isVmName('a')).toBe(true);
    expect(isVmName('vm_1.prod')).toBe(true);
    expect(isVmName('v'.repeat(64))).toBe(true);
    expect(isVmName('v'.repeat(65))).toBe(false);
    expect(isVmName('vm.')).toBe(false);
    expect(isVmName('vm-')).toBe(false);
    expect(isVmName('-vm')).toBe(false);
    expect(isVmName('vm(1)')).toBe(false);
    expect(isVmName('')).toBe(false);
    expect(isVmName('..')).toBe(false);
  });
});

describe('toVm', () => {
  it('maps an ARM VM to the product model', () => {
    const vm = toVm(
      {
        id: ID,
        name: 'web-01',
        location: 'westeurope',
        tags: { env: 'dev' },
        hardwareProfile: { vmSize: 'Standard_B2s' },
        storageProfile: { osDisk: { osType: 'Linux' } },
        provisioningState: 'Succeeded',
        instanceView: { statuses: [{ code: 'ProvisioningState/succeeded' }, { code: 'PowerState/running' }] },
      },
      { subscriptionName: 'Contoso Dev', actions: ['start', 'restart'] },
    );
    expect(vm).toEqual({
      id: ID,
      name: 'web-01',
      resourceGroup: 'rg-web',
      subscriptionId: SUB,
      subscriptionName: 'Contoso Dev',
      location: 'westeurope',
      size: 'Standard_B2s',
      osType: 'Linux',
      powerState: 'running',
      provisioningState: 'Succeeded',
      tags: { env: 'dev' },
      actions: ['start', 'restart'],
    });
  });

  it('tolerates a sparse resource and refuses one without a VM id', () => {
    expect(toVm({ id: ID }, { subscriptionName: 'x', actions: [] })).toMatchObject({
      name: 'web-01',
      size: '',
      osType: '',
      powerState: 'unknown',
      provisioningState: 'Unknown',
      tags: {},
    });
    expect(toVm({ name: 'x' }, { subscriptionName: 'x', actions: [] })).toBeUndefined();
  });

  it('orders by subscription, resource group, name', () => {
    const base = toVm({ id: ID }, { subscriptionName: 'B', actions: [] })!;
    const list = [
      { ...base, subscriptionName: 'B', resourceGroup: 'b', name: 'a' },
      { ...base, subscriptionName: 'A', resourceGroup: 'z', name: 'z' },
      { ...base, subscriptionName: 'B', resourceGroup: 'a', name: 'b' },
      { ...base, subscriptionName: 'B', resourceGroup: 'a', name: 'A' },
    ].sort(compareVms);
    expect(list.map((v) => `${v.subscriptionName}/${v.resourceGroup}/${v.name}`)).toEqual([
      'A/z/z',
      'B/a/A',
      'B/a/b',
      'B/b/a',
    ]);
  });
});
