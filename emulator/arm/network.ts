import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import { demand, demandSomeAccess, requireSubscription, type ArmCall, type ArmDeps } from './access.ts';
import { networkInterfaceBody, publicIpBody } from './bodies.ts';
import { armErrors } from './errors.ts';
import { paginate } from './paging.ts';
import { powerAt } from './power.ts';
import type { VmAddress } from './router.ts';
import type { NetworkRecord, NetworkType } from './store.ts';

/** The RBAC action that reads each type (`Microsoft.Network/{type}/read`). */
export const NETWORK_READ: Readonly<Record<NetworkType, string>> = {
  networkInterfaces: 'Microsoft.Network/networkInterfaces/read',
  publicIPAddresses: 'Microsoft.Network/publicIPAddresses/read',
};

/**
 * `Microsoft.Network/networkInterfaces` and `publicIPAddresses`: get, list per resource group and per subscription,
 * under the same RBAC as everything else (403 `AuthorizationFailed` before 404, lists filtered to what the caller may
 * read). Read-only: the emulator's VMs and their networking are seeded, never created.
 */
export function createNetworkHandler(deps: ArmDeps) {
  const { ctx, store, rbac } = deps;
  const render = (record: NetworkRecord, now: number) => {
    if (record.type === 'networkInterfaces') return networkInterfaceBody(record);
    return publicIpBody(record, powerAt(store.power(record.vmResourceId), now).state);
  };
  const listResponse = (call: ArmCall, type: NetworkType, records: readonly NetworkRecord[]): EmuResponse => {
    const readable = records.filter((r) => rbac.isPermitted(call.caller.oid, NETWORK_READ[type], r.id));
    const page = paginate(
      readable,
      { url: call.req.url, rawPath: call.req.rawPath, baseUrl: ctx.baseUrl, pageSize: ctx.options.pageSize },
      (record) => render(record, call.now),
    );
    return json(200, page);
  };

  return {
    /** `GET /subscriptions/{id}/providers/Microsoft.Network/{type}` */
    listAll(call: ArmCall, type: NetworkType, subscriptionId: string): EmuResponse {
      const sub = requireSubscription(deps, subscriptionId);
      demandSomeAccess(deps, call.caller, NETWORK_READ[type], sub.id);
      return listResponse(call, type, store.network(type, sub.subscriptionId));
    },

    /** `GET …/resourceGroups/{rg}/providers/Microsoft.Network/{type}` */
    list(call: ArmCall, type: NetworkType, subscriptionId: string, resourceGroup: string): EmuResponse {
      const sub = requireSubscription(deps, subscriptionId);
      const rg = store.resourceGroup(sub.subscriptionId, resourceGroup);
      demandSomeAccess(
        deps,
        call.caller,
        NETWORK_READ[type],
        rg?.id ?? `${sub.id}/resourceGroups/${resourceGroup}`,
      );
      if (!rg) throw armErrors.resourceGroupNotFound(resourceGroup);
      return listResponse(call, type, store.network(type, sub.subscriptionId, rg.name));
    },

    /** `GET …/resourceGroups/{rg}/providers/Microsoft.Network/{type}/{name}`: 403 before 404, as ARM. */
    get(call: ArmCall, type: NetworkType, address: VmAddress): EmuResponse {
      const sub = requireSubscription(deps, address.subscriptionId);
      const rg = store.resourceGroup(sub.subscriptionId, address.resourceGroup);
      const record = rg && store.networkResource(type, sub.subscriptionId, rg.name, address.name);
      const scope =
        record?.id ??
        `${rg?.id ?? `${sub.id}/resourceGroups/${address.resourceGroup}`}/providers/Microsoft.Network/${type}/${address.name}`;
      demand(deps, call.caller, NETWORK_READ[type], scope);
      if (!rg) throw armErrors.resourceGroupNotFound(address.resourceGroup);
      if (!record) throw armErrors.resourceNotFound(`Microsoft.Network/${type}`, address.name, rg.name);
      return json(200, render(record, call.now));
    },
  };
}
