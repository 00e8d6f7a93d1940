/**
 * Response bodies in the shape of the api-version a client asked for. `bodies.ts` builds the newest shape;
 * older versions of an API lack some of the properties it has, and Azure leaves out what a version does not
 * define (a client pinned to 2019-03-01 never sees `timeCreated`). Each rule below names a property the
 * emulator sends and the first api-version whose spec has it, from the Azure REST API specs' models
 * (as generated into the Python and JavaScript SDKs of each version). Pure functions.
 */
import { isAtLeast } from './api-versions.ts';

/** A property (dot path inside the body) and the first api-version that defines it. */
export interface SinceRule {
  readonly path: string;
  readonly since: string;
}

/** `VirtualMachineInstanceView`, as the `instanceView` action and `$expand=instanceView` return it. */
export const INSTANCE_VIEW_SINCE: readonly SinceRule[] = [
  { path: 'computerName', since: '2017-12-01' },
  { path: 'osName', since: '2017-12-01' },
  { path: 'osVersion', since: '2017-12-01' },
  { path: 'hyperVGeneration', since: '2019-03-01' },
  { path: 'isVMInStandbyPool', since: '2023-09-01' },
];

/** `Microsoft.Compute/virtualMachines`. */
export const VM_SINCE: readonly SinceRule[] = [
  { path: 'etag', since: '2023-09-01' },
  { path: 'properties.vmId', since: '2016-03-30' },
  { path: 'properties.timeCreated', since: '2021-11-01' },
  { path: 'properties.storageProfile.imageReference.exactVersion', since: '2019-07-01' },
  { path: 'properties.storageProfile.osDisk.managedDisk', since: '2016-04-30-preview' },
  { path: 'properties.storageProfile.osDisk.deleteOption', since: '2021-03-01' },
  { path: 'properties.osProfile.allowExtensionOperations', since: '2018-06-01' },
  { path: 'properties.osProfile.requireGuestProvisionSignal', since: '2019-03-01' },
  { path: 'properties.osProfile.windowsConfiguration.patchSettings', since: '2020-06-01' },
  { path: 'properties.osProfile.windowsConfiguration.patchSettings.assessmentMode', since: '2021-03-01' },
  { path: 'properties.osProfile.linuxConfiguration.provisionVMAgent', since: '2018-06-01' },
  { path: 'properties.osProfile.linuxConfiguration.patchSettings', since: '2020-12-01' },
  { path: 'properties.osProfile.linuxConfiguration.patchSettings.assessmentMode', since: '2021-03-01' },
  ...INSTANCE_VIEW_SINCE.map((rule) => ({ ...rule, path: `properties.instanceView.${rule.path}` })),
];

/** `Microsoft.Resources` subscriptions API: `Subscription`. */
export const SUBSCRIPTION_SINCE: readonly SinceRule[] = [
  { path: 'authorizationSource', since: '2016-06-01' },
  { path: 'subscriptionPolicies.spendingLimit', since: '2016-06-01' },
  { path: 'tenantId', since: '2018-06-01' },
  { path: 'managedByTenants', since: '2019-06-01' },
];

/** `Microsoft.Resources` resources API: `ResourceGroup`. */
export const RESOURCE_GROUP_SINCE: readonly SinceRule[] = [{ path: 'type', since: '2018-05-01' }];

/** `Microsoft.Authorization` `Permission`. */
export const PERMISSION_SINCE: readonly SinceRule[] = [
  { path: 'dataActions', since: '2018-01-01-preview' },
  { path: 'notDataActions', since: '2018-01-01-preview' },
];

/**
 * `body` as api-version `apiVersion` defines it: the properties of `rules` that appeared after that version
 * left out. The newest versions need nothing removed and get `body` itself (no copy on the hot path).
 */
export function forApiVersion<T extends object>(body: T, rules: readonly SinceRule[], apiVersion: string): T {
  const missing = rules.filter((rule) => !isAtLeast(apiVersion, rule.since));
  if (missing.length === 0) return body;
  const copy = structuredClone(body);
  for (const { path } of missing) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let parent: unknown = copy;
    for (const key of keys) parent = (parent as Record<string, unknown> | undefined)?.[key];
    if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[last];
  }
  return copy;
}
