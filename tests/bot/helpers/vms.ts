import type { Vm } from '../../../contract/vm.ts';

export const DEV_SUB = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';

/** A VM as the service's VmService returns it, for pure card and command tests. */
export function makeVm(overrides: Partial<Vm> & { name: string }): Vm {
  const subscriptionId = overrides.subscriptionId ?? DEV_SUB;
  const resourceGroup = overrides.resourceGroup ?? 'rg-web';
  return {
    id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${overrides.name}`,
    resourceGroup,
    subscriptionId,
    subscriptionName: 'Contoso Dev',
    location: 'westeurope',
    size: 'Standard_B2s',
    osType: 'Linux',
    powerState: 'running',
    provisioningState: 'Succeeded',
    tags: {},
    actions: ['start', 'deallocate', 'powerOff', 'restart'],
    ...overrides,
  };
}

/** `count` VMs like the large seed's perf user sees (long names, many subscriptions, tags). */
export function manyVms(count: number): Vm[] {
  const states = ['running', 'running', 'deallocated', 'stopped'] as const;
  return Array.from({ length: count }, (_, i) =>
    makeVm({
      name: `perf-s${String(i % 10).padStart(2, '0')}-vm-${String(i).padStart(4, '0')}`,
      resourceGroup: `rg-perf-${i % 6}`,
      subscriptionId: `00000000-0000-4000-8000-${String(i % 10).padStart(12, '0')}`,
      subscriptionName: `Perf ${String((i % 10) + 1).padStart(2, '0')}`,
      powerState: states[i % states.length]!,
      tags: { env: i % 2 ? 'prod' : 'dev', team: `team-${i % 7}` },
    }),
  );
}
