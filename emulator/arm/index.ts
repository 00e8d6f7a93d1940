import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../context.ts';
import { json } from '../http/respond.ts';
import type { EmuRequest, EmuResponse, Handler } from '../http/types.ts';
import { createRoleAssignments } from '../rbac/assignments.ts';
import type { ArmCall, ArmDeps } from './access.ts';
import { requireApiVersion } from './api-versions.ts';
import { authenticate, type Caller } from './auth.ts';
import { ArmError, armErrors } from './errors.ts';
import { cloudMetadata } from './metadata.ts';
import { createNetworkHandler } from './network.ts';
import { createOperationsHandler } from './operations.ts';
import { createPermissionsHandler } from './permissions.ts';
import { createResourceGroupsHandler } from './resource-groups.ts';
import { createSchedulesHandler } from './schedules.ts';
import {
  apiFamilyOf,
  canonicalQuery,
  isMetadataPath,
  isWrite,
  parseArmRoute,
  type ArmRoute,
} from './router.ts';
import { createMemoryArmStore } from './store.ts';
import { createSubscriptionsHandler } from './subscriptions.ts';
import { createThrottle, type Throttle } from './throttle.ts';
import { createVirtualMachinesHandler } from './virtual-machines.ts';

/**
 * ARM: subscriptions, resource groups, compute VMs and their power operations, operation status, the VMs' network
 * interfaces and public IP addresses, RBAC permissions, throttling, and the cloud metadata document.
 *
 * Every request goes through the same steps as at ARM's front door: authenticate the bearer token (401),
 * take a throttling token (429), route (404/400/405), check the api-version (400), then the resource handler
 * (subscription 400/404, RBAC 403, resource group / resource 404, conflicts 409). `GET /metadata/endpoints` is
 * public, as at ARM: no token, no throttling. Errors are `ArmError`s, turned into `{error:{code,message}}`
 * responses here; nothing else escapes as a 500.
 */
export function createArmHandler(ctx: EmulatorContext): Handler {
  const store = createMemoryArmStore(ctx.seed, { now: ctx.now });
  const throttle = createThrottle(ctx.options.throttle, ctx.now);
  ctx.onReset(() => {
    store.reset();
    throttle.reset();
  });
  const deps: ArmDeps = { ctx, store, rbac: createRoleAssignments(ctx.seed) };
  const subscriptions = createSubscriptionsHandler(deps);
  const resourceGroups = createResourceGroupsHandler(deps);
  const vms = createVirtualMachinesHandler(deps);
  const operations = createOperationsHandler(deps);
  const permissions = createPermissionsHandler(deps);
  const network = createNetworkHandler(deps);
  const schedules = createSchedulesHandler(deps);

  const dispatch = (route: ArmRoute, call: ArmCall): EmuResponse | Promise<EmuResponse> => {
    switch (route.kind) {
      case 'metadata':
        return json(200, cloudMetadata(ctx.baseUrl, call.apiVersion));
      case 'subscriptions.list':
        return subscriptions.list(call);
      case 'subscriptions.get':
        return subscriptions.get(call, route.subscriptionId);
      case 'resourceGroups.list':
        return resourceGroups.list(call, route.subscriptionId);
      case 'resourceGroup.get':
        return resourceGroups.get(call, route);
      case 'vms.listAll':
        return vms.listAll(call, route.subscriptionId);
      case 'vms.list':
        return vms.list(call, route.subscriptionId, route.resourceGroup);
      case 'vm.get':
        return vms.get(call, route);
      case 'vm.instanceView':
        return vms.instanceView(call, route);
      case 'vm.action':
        return vms.action(call, route, route.action);
      case 'operation':
        return operations.get(call, route.subscriptionId, route.location, route.operationId);
      case 'permissions':
        return permissions.list(call, route);
      case 'network.listAll':
        return network.listAll(call, route.type, route.subscriptionId);
      case 'network.list':
        return network.list(call, route.type, route.subscriptionId, route.resourceGroup);
      case 'network.get':
        return network.get(call, route.type, route);
      case 'schedules.listAll':
        return schedules.list(call, route.subscriptionId);
      case 'schedules.list':
        return schedules.list(call, route.subscriptionId, route.resourceGroup);
      case 'schedule':
        return route.method === 'GET'
          ? schedules.get(call, route)
          : route.method === 'PUT'
            ? schedules.put(call, route)
            : schedules.delete(call, route);
    }
  };

  return async (request) => {
    const url = canonicalQuery(request.url);
    const req = url === request.url ? request : { ...request, url };
    const write = isWrite(req.method);
    ctx.stats.arm[write ? 'write' : 'read'] += 1;
    let rateLimit: Record<string, string> = {};
    let response: EmuResponse;
    try {
      const anonymous = isMetadataPath(req.rawPath);
      const caller = anonymous ? ANONYMOUS : await authenticate(header(req, 'authorization'), ctx);
      if (!anonymous) rateLimit = takeToken(ctx, throttle, caller, req.rawPath, write);
      const route = parseArmRoute(req.method, req.rawPath, req.url.searchParams.get('api-version') ?? '');
      const apiVersion = requireApiVersion(req.url, apiFamilyOf(route));
      response = await dispatch(route, { caller, apiVersion, req, now: ctx.now() });
    } catch (error) {
      if (!(error instanceof ArmError)) throw error;
      response = error.toResponse();
    }
    return { ...response, headers: { ...commonHeaders(req), ...rateLimit, ...response.headers } };
  };
}

/** The caller of the public metadata document: nobody (no RBAC applies to it). */
const ANONYMOUS: Caller = {
  oid: '00000000-0000-0000-0000-000000000000',
  tenantId: '',
  upn: undefined,
  appId: undefined,
  displayName: 'anonymous',
};

/**
 * Takes a token from the caller's bucket for the request's subscription (tenant-level requests such as
 * `GET /subscriptions` use the tenant bucket). Returns the `x-ms-ratelimit-remaining-*` header; throws 429
 * `TooManyRequests` with `Retry-After` when the bucket is empty. With throttling off, reports a full bucket.
 */
function takeToken(
  ctx: EmulatorContext,
  throttle: Throttle,
  caller: Caller,
  rawPath: string,
  write: boolean,
): Record<string, string> {
  const kind = write ? 'write' : 'read';
  const segments = rawPath.split('/').filter((s) => s !== '');
  const subscriptionId = segments[0]?.toLowerCase() === 'subscriptions' ? segments[1] : undefined;
  const name = `x-ms-ratelimit-remaining-${subscriptionId ? 'subscription' : 'tenant'}-${kind}s`;
  if (!ctx.faults.throttling) return { [name]: String(throttle.capacity(kind) - 1) };

  const decision = throttle.take(caller.oid, subscriptionId ?? 'tenant', kind);
  const headers = { [name]: String(decision.remaining) };
  if (decision.allowed) return headers;
  ctx.stats.arm.throttled += 1;
  const target = subscriptionId ? `subscription '${subscriptionId}'` : `tenant '${caller.tenantId}'`;
  throw armErrors.tooManyRequests(kind, target, caller.oid, decision.retryAfterSeconds).withHeaders(headers);
}

function header(req: EmuRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Headers ARM puts on every response. */
function commonHeaders(req: EmuRequest): Record<string, string> {
  const correlation = header(req, 'x-ms-correlation-request-id') ?? randomUUID();
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return {
    'cache-control': 'no-cache',
    pragma: 'no-cache',
    expires: '-1',
    'x-ms-correlation-request-id': correlation.slice(0, 64),
    'x-ms-routing-request-id': `LOCAL:${stamp}:${randomUUID()}`,
  };
}
