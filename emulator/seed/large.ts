import { createHash } from 'node:crypto';
import { defaultSeed } from './default.ts';
import type { Seed, SeedResourceGroup, SeedSubscription, SeedVm } from './types.ts';

/** Deterministic GUID from a string, so the large seed is the same on every run. */
export function guidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface LargeSeedOptions {
  readonly subscriptions?: number;
  readonly vmsPerSubscription?: number;
  readonly resourceGroupsPerSubscription?: number;
}

const sizes = ['Standard_B2s', 'Standard_D2s_v5', 'Standard_D4s_v5', 'Standard_E4s_v5', 'Standard_F8s_v2'];
const locations = ['westeurope', 'northeurope', 'eastus2', 'westus3', 'uksouth'];
const states = ['running', 'running', 'deallocated', 'stopped'] as const;

/**
 * The default cast plus user `perf`, Owner on `subscriptions` subscriptions of
 * `vmsPerSubscription` VMs each (defaults 10 × 300), for benchmarks.
 */
export function largeSeed(options: LargeSeedOptions = {}): Seed {
  const subCount = options.subscriptions ?? 10;
  const perSub = options.vmsPerSubscription ?? 300;
  const rgCount = options.resourceGroupsPerSubscription ?? 6;
  const subscriptions: SeedSubscription[] = [];
  for (let s = 0; s < subCount; s++) {
    const resourceGroups: SeedResourceGroup[] = [];
    for (let g = 0; g < rgCount; g++) {
      const vms: SeedVm[] = [];
      for (let v = g; v < perSub; v += rgCount) {
        const linux = v % 3 !== 0;
        vms.push({
          name: `perf-s${String(s).padStart(2, '0')}-vm-${String(v).padStart(4, '0')}`,
          size: sizes[v % sizes.length]!,
          osType: linux ? 'Linux' : 'Windows',
          image: linux
            ? { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server' }
            : {
                publisher: 'MicrosoftWindowsServer',
                offer: 'WindowsServer',
                sku: '2022-datacenter-azure-edition',
              },
          powerState: states[v % states.length]!,
          tags: { env: s % 2 ? 'prod' : 'dev', team: `team-${v % 7}` },
        });
      }
      resourceGroups.push({ name: `rg-perf-${g}`, location: locations[(s + g) % locations.length]!, vms });
    }
    subscriptions.push({
      subscriptionId: guidFrom(`perf-subscription-${s}`),
      displayName: `Perf ${String(s + 1).padStart(2, '0')}`,
      resourceGroups,
    });
  }
  return {
    ...defaultSeed,
    users: [
      ...defaultSeed.users,
      {
        key: 'perf',
        name: 'Perf Tester',
        upn: 'perf@contoso.onmicrosoft.com',
        oid: 'fe4f0000-0000-4000-8000-000000000099',
        consented: true,
      },
    ],
    subscriptions: [...defaultSeed.subscriptions, ...subscriptions],
    roleAssignments: [
      ...defaultSeed.roleAssignments,
      ...subscriptions.map((sub) => ({
        user: 'perf',
        role: 'Owner',
        scope: `/subscriptions/${sub.subscriptionId}`,
      })),
    ],
  };
}
