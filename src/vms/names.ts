/**
 * Azure naming rules for the parts of a VM id, as pure predicates shared by the HTTP validators
 * and the ARM id parser.
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
