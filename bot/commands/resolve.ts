import type { Vm } from '../../contract/vm.ts';

export type Resolution =
  | { readonly kind: 'found'; readonly vm: Vm }
  /** Several VMs have exactly this name (in different resource groups or subscriptions). */
  | { readonly kind: 'ambiguous'; readonly matches: readonly Vm[] }
  /** No exact match; `suggestions` contain the text (may be empty). Never acted on without a choice. */
  | { readonly kind: 'notFound'; readonly suggestions: readonly Vm[] };

/**
 * Finds the VM a user named, case-insensitively, across all their VMs. Accepts `name`,
 * `resource-group/name` and `subscription/resource-group/name` (subscription by name or id), or a
 * full ARM id. Only exact names resolve; partial matches are suggestions.
 */
export function resolveVm(vms: readonly Vm[], query: string): Resolution {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return { kind: 'notFound', suggestions: [] };

  const byId = vms.filter((vm) => vm.id.toLowerCase() === wanted);
  if (byId.length > 0) return one(byId);

  const parts = wanted.split('/').filter(Boolean);
  const name = parts.at(-1) ?? '';
  const group = parts.length >= 2 ? parts.at(-2) : undefined;
  const subscription = parts.length >= 3 ? parts.slice(0, -2).join('/') : undefined;
  const exact = vms.filter(
    (vm) =>
      vm.name.toLowerCase() === name &&
      (group === undefined || vm.resourceGroup.toLowerCase() === group) &&
      (subscription === undefined ||
        vm.subscriptionId.toLowerCase() === subscription ||
        vm.subscriptionName.toLowerCase() === subscription),
  );
  if (exact.length > 0) return one(exact);

  const suggestions = vms.filter((vm) => vm.name.toLowerCase().includes(name));
  return { kind: 'notFound', suggestions: sortVms(suggestions) };
}

function one(matches: readonly Vm[]): Resolution {
  const [first] = matches;
  if (matches.length === 1 && first) return { kind: 'found', vm: first };
  return { kind: 'ambiguous', matches: sortVms(matches) };
}

/** Stable, readable order: name, then subscription, then resource group. */
export function sortVms(vms: readonly Vm[]): Vm[] {
  return [...vms].sort(
    (a, b) =>
      a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true }) ||
      a.subscriptionName.localeCompare(b.subscriptionName, 'en') ||
      a.resourceGroup.localeCompare(b.resourceGroup, 'en'),
  );
}
