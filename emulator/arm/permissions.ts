import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import { requireSubscription, type ArmCall, type ArmDeps } from './access.ts';
import { permissionBody } from './bodies.ts';
import { armErrors } from './errors.ts';
import type { PermissionScope } from './router.ts';
import { forApiVersion, PERMISSION_SINCE } from './shapes.ts';

/**
 * `GET {scope}/providers/Microsoft.Authorization/permissions`: the caller's permissions at a subscription,
 * resource group or resource — one `{actions, notActions, dataActions, notDataActions}` entry per role
 * assignment that applies there (at the scope or inherited from above), as Azure answers. Any caller may ask;
 * a caller with no access gets an empty list. Unknown resource groups and resources are 404s.
 */
export function createPermissionsHandler(deps: ArmDeps) {
  const { store, rbac } = deps;

  /** The canonical id of the scope; throws the ARM 404 for parts that do not exist. */
  const scopeId = (scope: PermissionScope): string => {
    const sub = requireSubscription(deps, scope.subscriptionId);
    if (scope.resourceGroup === undefined) return sub.id;
    const rg = store.resourceGroup(sub.subscriptionId, scope.resourceGroup);
    if (!rg) throw armErrors.resourceGroupNotFound(scope.resourceGroup);
    if (!scope.resource) return rg.id;
    const { namespace, type, name } = scope.resource;
    const isVm = namespace.toLowerCase() === 'microsoft.compute' && type.toLowerCase() === 'virtualmachines';
    const vm = isVm ? store.vm(sub.subscriptionId, rg.name, name) : undefined;
    if (!vm) throw armErrors.resourceNotFound(`${namespace}/${type}`, name, rg.name);
    return vm.id;
  };

  return {
    list(call: ArmCall, scope: PermissionScope): EmuResponse {
      const id = scopeId(scope);
      return json(200, {
        value: rbac
          .applicableAt(call.caller.oid, id)
          .map((a) => forApiVersion(permissionBody(a.permission), PERMISSION_SINCE, call.apiVersion)),
      });
    },
  };
}
