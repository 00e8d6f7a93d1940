import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import { demand, demandSomeAccess, requireSubscription, type ArmCall, type ArmDeps } from './access.ts';
import { resourceGroupBody } from './bodies.ts';
import { armErrors } from './errors.ts';
import { paginate } from './paging.ts';
import type { ResourceGroupAddress } from './router.ts';
import { forApiVersion, RESOURCE_GROUP_SINCE } from './shapes.ts';
import type { ResourceGroupRecord } from './store.ts';

/** What reading a resource group takes (`*\/read` and Reader grant it, as do the VM roles). */
export const RESOURCE_GROUP_READ = 'Microsoft.Resources/subscriptions/resourceGroups/read';

const TAG_FILTER = /^\s*tagName\s+eq\s+'([^']*)'(?:\s+and\s+tagValue\s+eq\s+'([^']*)')?\s*$/i;

/**
 * `Microsoft.Resources` resource groups (the resources API): the list holds the groups the caller may read,
 * as ARM filters it; a group the caller may not read is 403 before it is 404 (ARM authorizes before it looks).
 * Existing code reads them (`ResourceManagementClient.resource_groups.get`, `az group show`) even when it only
 * manages VMs.
 */
export function createResourceGroupsHandler(deps: ArmDeps) {
  const { ctx, store, rbac } = deps;
  const body = (call: ArmCall, rg: ResourceGroupRecord) =>
    forApiVersion(resourceGroupBody(rg), RESOURCE_GROUP_SINCE, call.apiVersion);

  return {
    /** `GET /subscriptions/{id}/resourcegroups` (`$filter=tagName eq '…' [and tagValue eq '…']`, `$top`) */
    list(call: ArmCall, subscriptionId: string): EmuResponse {
      const sub = requireSubscription(deps, subscriptionId);
      demandSomeAccess(deps, call.caller, RESOURCE_GROUP_READ, sub.id);
      const matches = tagFilterOf(call.req.url);
      const top = topOf(call.req.url);
      const readable = store
        .resourceGroups(sub.subscriptionId)
        .filter((rg) => rbac.isPermitted(call.caller.oid, RESOURCE_GROUP_READ, rg.id))
        .filter(matches)
        .slice(0, top);
      const page = paginate(
        readable,
        {
          url: call.req.url,
          rawPath: call.req.rawPath,
          baseUrl: ctx.baseUrl,
          pageSize: ctx.options.pageSize,
        },
        (rg) => body(call, rg),
      );
      return json(200, page);
    },

    /** `GET` (or `HEAD`: 204, ARM's existence check) `/subscriptions/{id}/resourcegroups/{name}` */
    get(call: ArmCall, address: ResourceGroupAddress): EmuResponse {
      const sub = requireSubscription(deps, address.subscriptionId);
      const rg = store.resourceGroup(sub.subscriptionId, address.resourceGroup);
      demand(
        deps,
        call.caller,
        RESOURCE_GROUP_READ,
        rg?.id ?? `${sub.id}/resourceGroups/${address.resourceGroup}`,
      );
      if (!rg) throw armErrors.resourceGroupNotFound(address.resourceGroup);
      if (call.req.method.toUpperCase() === 'HEAD') return { status: 204 };
      return json(200, body(call, rg));
    },
  };
}

/** `$filter` on tags, the filter the resource groups list supports; anything else is 400 `InvalidParameter`. */
function tagFilterOf(url: URL): (rg: ResourceGroupRecord) => boolean {
  const filter = url.searchParams.get('$filter');
  if (filter === null || filter.trim() === '') return () => true;
  const match = TAG_FILTER.exec(filter);
  if (!match) {
    throw armErrors.invalidParameter(
      '$filter',
      `The value '${filter}' of parameter '$filter' is not valid. Resource groups can be filtered by ` +
        "\"tagName eq '{name}'\" or \"tagName eq '{name}' and tagValue eq '{value}'\".",
    );
  }
  const [, name, value] = match;
  return (rg) =>
    Object.entries(rg.tags ?? {}).some(
      ([k, v]) => k.toLowerCase() === name!.toLowerCase() && (value === undefined || v === value),
    );
}

/** `$top`: at most this many groups (all of them without it). */
function topOf(url: URL): number {
  const raw = url.searchParams.get('$top');
  if (raw === null || raw.trim() === '') return Infinity;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1) {
    throw armErrors.invalidParameter(
      '$top',
      `The value '${raw}' of parameter '$top' is not valid. It must be a positive integer.`,
    );
  }
  return top;
}
