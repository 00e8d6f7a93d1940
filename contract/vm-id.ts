import type { VmRef } from './vm.ts';

/**
 * Azure's naming rules for the parts of a VM id and the one parser/formatter of VM ids: the HTTP
 * routes, card data, chat commands and the tab all use these, so a name ARM would never issue
 * (`..`, `%2e%2e`, `wéb-02`, `web-02#x`) never reaches ARM from any front door.
 */

/** Subscription ids are GUIDs. */
export const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resource groups: 1–90 of letters, digits, `-`, `_`, `.`, `(`, `)`; not ending in `.`. */
export const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/;

/** VMs: 1–64 of letters, digits, `-`, `_`, `.`; starting with a letter or digit; not ending in `.` or `-`. */
export const VM_NAME = /^[A-Za-z0-9](?:[-\w.]{0,62}[A-Za-z0-9_])?$/;

export const isSubscriptionId = (value: string): boolean => SUBSCRIPTION_ID.test(value);
// `\w` is ASCII-only without the `u` flag: exactly Azure's letter/digit set here.
export const isResourceGroupName = (value: string): boolean => RESOURCE_GROUP.test(value);
export const isVmName = (value: string): boolean => VM_NAME.test(value);

const VM_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)$/i;

/** The ARM id of a VM. */
export function vmIdOf(ref: VmRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${ref.name}`;
}

/** A VM reference from its three parts, if each follows Azure's rules (subscription id lower-cased). */
export function vmRefOf(subscriptionId: string, resourceGroup: string, name: string): VmRef | undefined {
  if (!isSubscriptionId(subscriptionId) || !isResourceGroupName(resourceGroup) || !isVmName(name))
    return undefined;
  return { subscriptionId: subscriptionId.toLowerCase(), resourceGroup, name };
}

/** Parses an ARM VM id (case-insensitive segments, valid names); undefined when it is not one. */
export function parseVmId(id: unknown): VmRef | undefined {
  if (typeof id !== 'string' || id.length > 400) return undefined;
  const match = VM_ID.exec(id);
  if (!match) return undefined;
  const [, subscriptionId = '', resourceGroup = '', name = ''] = match;
  return vmRefOf(subscriptionId, resourceGroup, name);
}

/** Case-insensitive identity of a VM (ARM compares names without case). */
export function vmKey(ref: VmRef): string {
  return vmIdOf(ref).toLowerCase();
}
