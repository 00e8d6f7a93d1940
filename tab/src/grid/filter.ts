import type { PowerState, Vm } from '../../../contract/vm.ts';

export interface VmFilter {
  /** Free text; every whitespace-separated term must match name, group, location, size, OS, subscription or a tag. */
  readonly text: string;
  /** Power states to show; empty = all. */
  readonly states: readonly PowerState[];
  /** Subscription ids to show; empty = all. */
  readonly subscriptions: readonly string[];
}

export const EMPTY_FILTER: VmFilter = { text: '', states: [], subscriptions: [] };

export function isFiltering(filter: VmFilter): boolean {
  return filter.text.trim() !== '' || filter.states.length > 0 || filter.subscriptions.length > 0;
}

function haystack(vm: Vm): string {
  return [
    vm.name,
    vm.resourceGroup,
    vm.location,
    vm.size,
    vm.osType,
    vm.subscriptionName,
    vm.powerState,
    ...Object.values(vm.tags ?? {}),
  ]
    .join('\u0000')
    .toLowerCase();
}

/** Pure. Keeps input order. */
export function filterVms<T extends { readonly vm: Vm }>(
  items: readonly T[],
  filter: VmFilter,
): readonly T[] {
  if (!isFiltering(filter)) return items;
  const terms = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  const states = new Set(filter.states);
  const subscriptions = new Set(filter.subscriptions.map((s) => s.toLowerCase()));
  return items.filter(({ vm }) => {
    if (states.size > 0 && !states.has(vm.powerState)) return false;
    if (subscriptions.size > 0 && !subscriptions.has(vm.subscriptionId.toLowerCase())) return false;
    if (terms.length === 0) return true;
    const text = haystack(vm);
    return terms.every((term) => text.includes(term));
  });
}

export interface SubscriptionOption {
  readonly id: string;
  readonly name: string;
  readonly count: number;
}

/** The subscriptions present in the list, by name. Pure. */
export function subscriptionOptions(vms: readonly Vm[]): SubscriptionOption[] {
  const byId = new Map<string, { id: string; name: string; count: number }>();
  for (const vm of vms) {
    const key = vm.subscriptionId.toLowerCase();
    const entry = byId.get(key);
    if (entry) entry.count += 1;
    else byId.set(key, { id: vm.subscriptionId, name: vm.subscriptionName || vm.subscriptionId, count: 1 });
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}
