import type { Operation } from '../../../contract/operation.ts';
import type { PowerState, Vm, VmAction } from '../../../contract/vm.ts';

export const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
export const PROD = '9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f';
export const ALL_ACTIONS: readonly VmAction[] = ['start', 'deallocate', 'powerOff', 'restart'];

export function vmId(sub: string, rg: string, name: string): string {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
}

export function makeVm(name: string, overrides: Partial<Vm> = {}): Vm {
  const subscriptionId = overrides.subscriptionId ?? DEV;
  const resourceGroup = overrides.resourceGroup ?? 'rg-web';
  return {
    id: vmId(subscriptionId, resourceGroup, name),
    name,
    resourceGroup,
    subscriptionId,
    subscriptionName: subscriptionId === DEV ? 'Contoso Dev' : 'Contoso Prod',
    location: 'westeurope',
    size: 'Standard_B2s',
    osType: 'Linux',
    powerState: 'running' as PowerState,
    provisioningState: 'Succeeded',
    tags: {},
    actions: ALL_ACTIONS,
    ...overrides,
  };
}

/** Alice's view of Contoso Dev (Virtual Machine Contributor). */
export function aliceVms(): Vm[] {
  return [
    makeVm('web-01', { powerState: 'running', tags: { app: 'storefront' } }),
    makeVm('web-02', { powerState: 'deallocated', tags: { app: 'storefront' } }),
    makeVm('sql-01', {
      resourceGroup: 'rg-data',
      powerState: 'stopped',
      osType: 'Windows',
      size: 'Standard_E4s_v5',
    }),
    makeVm('build-agent-01', {
      resourceGroup: 'rg-data',
      powerState: 'running',
      location: 'northeurope',
      size: 'Standard_D4s_v5',
    }),
  ];
}

/** Bob: Reader on rg-web, Power On Off Contributor on web-02 only. */
export function bobVms(): Vm[] {
  return [
    makeVm('web-01', { powerState: 'running', actions: [] }),
    makeVm('web-02', { powerState: 'deallocated', actions: ALL_ACTIONS }),
  ];
}

export function operationFor(
  vm: Vm,
  action: VmAction,
  status: Operation['status'] = 'InProgress',
  extra: Partial<Operation> = {},
): Operation {
  return {
    id: `op-${vm.name}-${action}`,
    vmId: vm.id,
    vmName: vm.name,
    action,
    status,
    requestedBy: {
      tid: '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11',
      oid: 'a11ce000-0000-4000-8000-000000000001',
      name: 'Alice Wong',
      upn: 'alice@contoso.onmicrosoft.com',
    },
    startedAt: '2026-11-20T10:00:00.000Z',
    ...(status !== 'InProgress' && { finishedAt: '2026-11-20T10:00:05.000Z' }),
    ...extra,
  };
}
