/**
 * ARM request routing, as a pure function of method + path: which resource and operation a request is for.
 * Segments are case-insensitive and percent-decoded; empty segments are ignored (ARM tolerates `//`, which
 * @azure/arm-authorization sends for an empty `parentResourcePath`).
 */
import type { ApiFamily } from './api-versions.ts';
import { armErrors } from './errors.ts';
import { POWER_ACTIONS, type PowerAction } from './power.ts';
import type { NetworkType } from './store.ts';

export interface VmAddress {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
}

/** The scope of a permissions request: a subscription, a resource group or a resource. */
export interface PermissionScope {
  readonly subscriptionId: string;
  readonly resourceGroup?: string;
  readonly resource?: { readonly namespace: string; readonly type: string; readonly name: string };
}

/** A resource group, as a route names it. */
export interface ResourceGroupAddress {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
}

export type ArmRoute =
  | { readonly kind: 'metadata' }
  | { readonly kind: 'subscriptions.list' }
  | { readonly kind: 'subscriptions.get'; readonly subscriptionId: string }
  | { readonly kind: 'resourceGroups.list'; readonly subscriptionId: string }
  | ({ readonly kind: 'resourceGroup.get' } & ResourceGroupAddress)
  | { readonly kind: 'vms.listAll'; readonly subscriptionId: string }
  | { readonly kind: 'vms.list'; readonly subscriptionId: string; readonly resourceGroup: string }
  | ({ readonly kind: 'vm.get' } & VmAddress)
  | ({ readonly kind: 'vm.instanceView' } & VmAddress)
  | ({ readonly kind: 'vm.action'; readonly action: PowerAction } & VmAddress)
  | { readonly kind: 'network.listAll'; readonly type: NetworkType; readonly subscriptionId: string }
  | {
      readonly kind: 'network.list';
      readonly type: NetworkType;
      readonly subscriptionId: string;
      readonly resourceGroup: string;
    }
  | ({ readonly kind: 'network.get'; readonly type: NetworkType } & VmAddress)
  | {
      readonly kind: 'operation';
      readonly subscriptionId: string;
      readonly location: string;
      readonly operationId: string;
    }
  | ({ readonly kind: 'permissions' } & PermissionScope)
  | { readonly kind: 'schedules.listAll'; readonly subscriptionId: string }
  | { readonly kind: 'schedules.list'; readonly subscriptionId: string; readonly resourceGroup: string }
  | ({ readonly kind: 'schedule'; readonly method: 'GET' | 'PUT' | 'DELETE' } & VmAddress);

export type ArmRouteKind = ArmRoute['kind'];

/** The resource provider behind each route: decides the accepted api-versions. */
export function apiFamilyOf(route: ArmRoute): ApiFamily {
  switch (route.kind) {
    case 'metadata':
      return 'metadata';
    case 'subscriptions.list':
    case 'subscriptions.get':
      return 'subscriptions';
    case 'resourceGroups.list':
    case 'resourceGroup.get':
      return 'resourceGroups';
    case 'permissions':
      return 'authorization';
    case 'network.listAll':
    case 'network.list':
    case 'network.get':
      return 'network';
    case 'schedules.listAll':
    case 'schedules.list':
    case 'schedule':
      return 'devtestlab';
    default:
      return 'compute';
  }
}

/** True for routes that change state (ARM counts and throttles them as writes). */
export function isWrite(method: string): boolean {
  return !['GET', 'HEAD'].includes(method.toUpperCase());
}

/** The query parameters the emulated ARM operations read, in their canonical spelling. */
const QUERY_PARAMETERS = [
  'api-version',
  '$expand',
  '$filter',
  '$skiptoken',
  '$top',
  'statusOnly',
  'monitor',
  'skipShutdown',
  'hibernate',
];

/**
 * ARM reads query parameter names without regard to case (`API-VERSION`, `StatusOnly`): the URL with the
 * known ones in their canonical spelling (the same URL object when nothing needed renaming).
 */
export function canonicalQuery(url: URL): URL {
  const canonical = (name: string) =>
    QUERY_PARAMETERS.find((p) => p.toLowerCase() === name.toLowerCase()) ?? name;
  if ([...url.searchParams.keys()].every((name) => canonical(name) === name)) return url;
  const out = new URL(url);
  out.search = '';
  for (const [name, value] of url.searchParams) out.searchParams.append(canonical(name), value);
  return out;
}

/** Names ARM accepts for VMs (and other resources here): 1–90 of `A-Za-z0-9_-.()`, not ending in a period. */
const NAME = /^[-\w.()]{1,90}$/;

function checkName(name: string): string {
  if (!NAME.test(name) || name.endsWith('.')) throw armErrors.invalidResourceName(name);
  return name;
}

/** A character ARM allows in resource group names: a (Unicode) letter or digit, `-`, `.`, `(`, `)` or `_`. */
const GROUP_CHARACTER = /^[\p{L}\p{N}\-.()_]$/u;

/**
 * Resource group names, as ARM checks them: 1–90 allowed characters, not ending in a period. 400
 * `InvalidResourceGroup` naming the offending characters, as ARM's message does.
 */
function checkResourceGroupName(name: string): string {
  const invalid = [...name].filter((c) => !GROUP_CHARACTER.test(c)).join('');
  if (invalid !== '') throw armErrors.invalidResourceGroupCharacters(name, invalid);
  if ([...name].length > 90 || name.endsWith('.')) throw armErrors.invalidResourceGroupName(name);
  return name;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw armErrors.invalidResourceName(segment);
  }
}

const eq = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** The cloud metadata document (`GET /metadata/endpoints`): the one ARM route that needs no token. */
export function isMetadataPath(rawPath: string): boolean {
  const segs = rawPath.split('/').filter((s) => s !== '');
  return segs.length === 2 && eq(segs[0], 'metadata') && eq(segs[1], 'endpoints');
}

/**
 * Parses an ARM request. Throws `ArmError`: 404 `NotFound` for paths ARM does not serve here, 400
 * `InvalidResourceType` for unknown types/actions under a provider, 400 `InvalidResourceName` /
 * `InvalidResourceGroup`, and 405 for a known resource with the wrong method. `apiVersion` is only used in error
 * messages.
 */
export function parseArmRoute(method: string, rawPath: string, apiVersion: string): ArmRoute {
  const segs = rawPath
    .split('/')
    .filter((s) => s !== '')
    .map(decodeSegment);
  const verb = method.toUpperCase();
  const read = <R extends ArmRoute>(route: R, methods: readonly string[] = ['GET']): R => {
    if (!methods.includes(verb)) throw armErrors.methodNotAllowed(method);
    return route;
  };
  const unknownType = (namespace: string, type: string) =>
    armErrors.invalidResourceType(type, namespace, apiVersion);

  if (isMetadataPath(rawPath)) return read({ kind: 'metadata' });
  if (!eq(segs[0], 'subscriptions')) throw armErrors.pathNotFound(rawPath);
  if (segs.length === 1) return read({ kind: 'subscriptions.list' });
  const subscriptionId = segs[1]!;
  if (segs.length === 2) return read({ kind: 'subscriptions.get', subscriptionId });
  if (eq(segs[2], 'resourceGroups') && segs.length <= 4) {
    if (segs.length === 3) return read({ kind: 'resourceGroups.list', subscriptionId });
    const resourceGroup = checkResourceGroupName(segs[3]!);
    // HEAD is ARM's existence check (204 / 404).
    return read({ kind: 'resourceGroup.get', subscriptionId, resourceGroup }, ['GET', 'HEAD']);
  }

  const tail = segs.slice(-3);
  if (segs.length >= 5 && eq(tail[0], 'providers') && eq(tail[1], 'Microsoft.Authorization')) {
    if (!eq(tail[2], 'permissions')) throw unknownType('Microsoft.Authorization', tail[2]!);
    return read({ kind: 'permissions', ...parsePermissionScope(segs.slice(0, -3), rawPath) });
  }

  const rest = segs.slice(2);
  if (eq(rest[0], 'providers')) {
    const namespace = rest[1];
    if (namespace === undefined) throw armErrors.pathNotFound(rawPath);
    const types = rest.slice(2);
    if (eq(namespace, 'Microsoft.Network')) {
      const type = types.length === 1 ? networkType(types[0]!) : undefined;
      if (!type) throw unknownType(namespace, types.filter((_, i) => i % 2 === 0).join('/'));
      return read({ kind: 'network.listAll', type, subscriptionId });
    }
    if (eq(namespace, 'Microsoft.DevTestLab') && types.length === 1 && eq(types[0], 'schedules'))
      return read({ kind: 'schedules.listAll', subscriptionId });
    if (!eq(namespace, 'Microsoft.Compute')) throw unknownType(namespace, types.join('/'));
    if (types.length === 1 && eq(types[0], 'virtualMachines'))
      return read({ kind: 'vms.listAll', subscriptionId });
    if (types.length === 4 && eq(types[0], 'locations') && eq(types[2], 'operations')) {
      return read({ kind: 'operation', subscriptionId, location: types[1]!, operationId: types[3]! });
    }
    throw unknownType(namespace, types.filter((_, i) => i % 2 === 0).join('/'));
  }

  if (
    !eq(rest[0], 'resourceGroups') ||
    rest[1] === undefined ||
    !eq(rest[2], 'providers') ||
    rest[3] === undefined
  ) {
    throw armErrors.pathNotFound(rawPath);
  }
  const resourceGroup = checkResourceGroupName(rest[1]);
  const namespace = rest[3];
  const resource = rest.slice(4);
  if (eq(namespace, 'Microsoft.Network')) {
    const type = networkType(resource[0] ?? '');
    if (!type || resource.length > 2)
      throw unknownType(namespace, resource.filter((_, i) => i % 2 === 0).join('/'));
    if (resource.length === 1) return read({ kind: 'network.list', type, subscriptionId, resourceGroup });
    return read({ kind: 'network.get', type, subscriptionId, resourceGroup, name: checkName(resource[1]!) });
  }
  if (eq(namespace, 'Microsoft.DevTestLab') && eq(resource[0], 'schedules') && resource.length <= 2) {
    if (resource.length === 1) return read({ kind: 'schedules.list', subscriptionId, resourceGroup });
    const name = checkName(resource[1]!);
    const scheduleMethod = verb === 'GET' || verb === 'PUT' || verb === 'DELETE' ? verb : undefined;
    if (!scheduleMethod) throw armErrors.methodNotAllowed(method);
    return { kind: 'schedule', method: scheduleMethod, subscriptionId, resourceGroup, name };
  }
  if (!eq(namespace, 'Microsoft.Compute'))
    throw unknownType(namespace, resource.filter((_, i) => i % 2 === 0).join('/'));
  if (!eq(resource[0], 'virtualMachines')) throw unknownType(namespace, resource[0] ?? '');
  if (resource.length === 1) return read({ kind: 'vms.list', subscriptionId, resourceGroup });

  const vm: VmAddress = { subscriptionId, resourceGroup, name: checkName(resource[1]!) };
  if (resource.length === 2) return read({ kind: 'vm.get', ...vm });
  const child = resource[2]!;
  if (resource.length === 3 && eq(child, 'instanceView')) return read({ kind: 'vm.instanceView', ...vm });
  const action = POWER_ACTIONS.find((a) => eq(child, a));
  if (resource.length === 3 && action) {
    if (verb !== 'POST') throw armErrors.methodNotAllowed(method);
    return { kind: 'vm.action', action, ...vm };
  }
  throw unknownType(namespace, `virtualMachines/${child}`);
}

/** The Microsoft.Network types served (NICs and public IPs), in ARM's canonical casing. */
function networkType(segment: string): NetworkType | undefined {
  if (eq(segment, 'networkInterfaces')) return 'networkInterfaces';
  if (eq(segment, 'publicIPAddresses')) return 'publicIPAddresses';
  return undefined;
}

/** `/subscriptions/{id}[/resourceGroups/{rg}[/providers/{ns}/{type}/{name}…]]` */
function parsePermissionScope(segs: readonly string[], rawPath: string): PermissionScope {
  const subscriptionId = segs[1]!;
  if (segs.length === 2) return { subscriptionId };
  if (!eq(segs[2], 'resourceGroups') || segs[3] === undefined) throw armErrors.pathNotFound(rawPath);
  const resourceGroup = checkResourceGroupName(segs[3]);
  if (segs.length === 4) return { subscriptionId, resourceGroup };
  const pairs = segs.slice(6);
  if (!eq(segs[4], 'providers') || segs[5] === undefined || pairs.length < 2 || pairs.length % 2 !== 0) {
    throw armErrors.pathNotFound(rawPath);
  }
  const type = pairs.filter((_, i) => i % 2 === 0).join('/');
  const name = pairs
    .filter((_, i) => i % 2 === 1)
    .map(checkName)
    .join('/');
  return { subscriptionId, resourceGroup, resource: { namespace: segs[5], type, name } };
}
