import type { SubscriptionError, Vm } from '../../../contract/vm.ts';

/** What the page shows of the VM list, across refreshes. */
export interface ListState {
  readonly vms: readonly Vm[];
  /** Subscriptions that could not be listed by the last refresh; the others still are. */
  readonly errors: readonly SubscriptionError[];
  /** Epoch ms of the last refresh that listed at least one subscription (or all of them, without errors). */
  readonly updatedAt?: number;
  /**
   * Subscriptions (lower-cased id) whose VMs are shown from an earlier listing, with its time: the last refresh
   * could not list them, and a VM does not vanish because Azure did not answer for its subscription.
   */
  readonly staleSince: ReadonlyMap<string, number>;
  /** The last refresh listed nothing (every subscription failed, or the request failed as a whole). */
  readonly refreshFailed: boolean;
}

export const EMPTY_LIST: ListState = { vms: [], errors: [], staleSince: new Map(), refreshFailed: false };

const subscriptionOf = (vm: Vm) => vm.subscriptionId.toLowerCase();

/**
 * The list after a refresh answered `vms` and `errors` at `now`. VMs of a subscription that failed are kept from
 * the previous list and marked stale with the time they were last listed; when every subscription failed the
 * update time stays that of the last good list (the page must not say "Updated just now" then). Pure.
 */
export function mergeListing(
  previous: ListState,
  answer: { readonly vms: readonly Vm[]; readonly errors: readonly SubscriptionError[] },
  now: number,
): ListState {
  const failed = new Set(answer.errors.map((e) => e.subscriptionId.toLowerCase()));
  const carried = previous.vms.filter((vm) => failed.has(subscriptionOf(vm)));
  const staleSince = new Map<string, number>();
  for (const vm of carried) {
    const sub = subscriptionOf(vm);
    const since = previous.staleSince.get(sub) ?? previous.updatedAt;
    if (since !== undefined && !staleSince.has(sub)) staleSince.set(sub, since);
  }
  const listedNothing = answer.vms.length === 0 && answer.errors.length > 0;
  const updatedAt = listedNothing ? previous.updatedAt : now;
  return {
    vms: carried.length === 0 ? answer.vms : [...answer.vms, ...carried],
    errors: answer.errors,
    ...(updatedAt !== undefined ? { updatedAt } : {}),
    staleSince,
    refreshFailed: listedNothing,
  };
}

/** The list after a refresh failed as a whole: everything shown stays, marked as not refreshed. Pure. */
export function failedListing(previous: ListState): ListState {
  return { ...previous, refreshFailed: true };
}

/** Display names of subscriptions, from an error's own name or the VMs listed so far. Pure. */
export function subscriptionNames(
  vms: readonly Pick<Vm, 'subscriptionId' | 'subscriptionName'>[],
  errors: readonly SubscriptionError[] = [],
): Map<string, string> {
  const names = new Map<string, string>();
  for (const vm of vms)
    if (vm.subscriptionName) names.set(vm.subscriptionId.toLowerCase(), vm.subscriptionName);
  for (const e of errors)
    if (e.subscriptionName) names.set(e.subscriptionId.toLowerCase(), e.subscriptionName);
  return names;
}
