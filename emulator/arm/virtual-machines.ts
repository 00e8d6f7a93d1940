import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import {
  booleanParam,
  demand,
  demandSomeAccess,
  expandParam,
  requireSubscription,
  type ArmCall,
  type ArmDeps,
} from './access.ts';
import { instanceViewBody, vmBody } from './bodies.ts';
import { armErrors } from './errors.ts';
import { operationUrls } from './operations.ts';
import { paginate } from './paging.ts';
import { beginPowerOperation } from './power-operation.ts';
import { powerAt, type ConflictReason, type PowerAction } from './power.ts';
import { forApiVersion, INSTANCE_VIEW_SINCE, VM_SINCE } from './shapes.ts';
import type { VmAddress } from './router.ts';
import type { VmRecord } from './store.ts';

const VM_TYPE = 'Microsoft.Compute/virtualMachines';
export const VM_ACTIONS = {
  read: `${VM_TYPE}/read`,
  instanceView: `${VM_TYPE}/instanceView/read`,
  power: (action: PowerAction) => `${VM_TYPE}/${action}/action`,
} as const;

/** `Microsoft.Compute/virtualMachines`: lists, get, instance view and the power LROs. */
export function createVirtualMachinesHandler(deps: ArmDeps) {
  const { ctx, store, rbac } = deps;

  const snapshot = (vm: VmRecord, now: number) => powerAt(store.power(vm.id), now);
  /** The VM's body in the shape of the request's api-version. */
  const render = (call: ArmCall, vm: VmRecord, withInstanceView: boolean) => {
    const power = snapshot(vm, call.now);
    const body = vmBody(vm, power, withInstanceView ? instanceViewBody(vm, power, call.now) : undefined);
    return forApiVersion(body, VM_SINCE, call.apiVersion);
  };
  const listResponse = (call: ArmCall, vms: readonly VmRecord[], withInstanceView: boolean): EmuResponse => {
    const readable = vms.filter((vm) => rbac.isPermitted(call.caller.oid, VM_ACTIONS.read, vm.id));
    const page = paginate(
      readable,
      { url: call.req.url, rawPath: call.req.rawPath, baseUrl: ctx.baseUrl, pageSize: ctx.options.pageSize },
      (vm) => render(call, vm, withInstanceView),
    );
    return json(200, page);
  };

  /** Resolves a VM the caller may perform `action` on: 403 before 404, as ARM authorizes before it looks. */
  const resolve = (call: ArmCall, address: VmAddress, action: string): VmRecord => {
    const sub = requireSubscription(deps, address.subscriptionId);
    const rg = store.resourceGroup(sub.subscriptionId, address.resourceGroup);
    const vm = rg && store.vm(sub.subscriptionId, rg.name, address.name);
    const scope =
      vm?.id ??
      `${rg?.id ?? `${sub.id}/resourceGroups/${address.resourceGroup}`}/providers/${VM_TYPE}/${address.name}`;
    demand(deps, call.caller, action, scope);
    if (!rg) throw armErrors.resourceGroupNotFound(address.resourceGroup);
    if (!vm) throw armErrors.resourceNotFound(VM_TYPE, address.name, rg.name);
    return vm;
  };

  return {
    /** `GET /subscriptions/{id}/providers/Microsoft.Compute/virtualMachines` (`statusOnly`, `$expand=instanceView`) */
    listAll(call: ArmCall, subscriptionId: string): EmuResponse {
      const sub = requireSubscription(deps, subscriptionId);
      demandSomeAccess(deps, call.caller, VM_ACTIONS.read, sub.id);
      const statusOnly = booleanParam(call.req.url, 'statusOnly');
      const { vms, instanceView } = listQuery(call.req.url, store.vms(sub.subscriptionId));
      return listResponse(call, vms, statusOnly || instanceView);
    },

    /** `GET …/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines` (`$expand=instanceView`) */
    list(call: ArmCall, subscriptionId: string, resourceGroup: string): EmuResponse {
      const sub = requireSubscription(deps, subscriptionId);
      const rg = store.resourceGroup(sub.subscriptionId, resourceGroup);
      demandSomeAccess(
        deps,
        call.caller,
        VM_ACTIONS.read,
        rg?.id ?? `${sub.id}/resourceGroups/${resourceGroup}`,
      );
      if (!rg) throw armErrors.resourceGroupNotFound(resourceGroup);
      const { vms, instanceView } = listQuery(call.req.url, store.vms(sub.subscriptionId, rg.name));
      return listResponse(call, vms, instanceView);
    },

    /** `GET …/virtualMachines/{vm}` (`$expand=instanceView|userData|resiliencyView`) */
    get(call: ArmCall, address: VmAddress): EmuResponse {
      const vm = resolve(call, address, VM_ACTIONS.read);
      const expand = expandParam(call.req.url, ['instanceView', 'userData', 'resiliencyView']);
      return json(200, render(call, vm, expand.has('instanceView')));
    },

    /** `GET …/virtualMachines/{vm}/instanceView` */
    instanceView(call: ArmCall, address: VmAddress): EmuResponse {
      const vm = resolve(call, address, VM_ACTIONS.instanceView);
      const body = instanceViewBody(vm, snapshot(vm, call.now), call.now);
      return json(200, forApiVersion(body, INSTANCE_VIEW_SINCE, call.apiVersion));
    },

    /** `POST …/virtualMachines/{vm}/{start|powerOff|deallocate|restart}`: 202 + Azure-AsyncOperation + Location. */
    async action(call: ArmCall, address: VmAddress, action: PowerAction): Promise<EmuResponse> {
      const vm = resolve(call, address, VM_ACTIONS.power(action));
      const skipShutdown = action === 'powerOff' && booleanParam(call.req.url, 'skipShutdown');
      const hibernate = action === 'deallocate' && booleanParam(call.req.url, 'hibernate');
      await rejectJunkBody(call);

      const result = beginPowerOperation(deps, vm, action, {
        now: call.now,
        principalId: call.caller.oid,
        skipShutdown,
        hibernate,
      });
      if (result.kind === 'conflict')
        throw armErrors.operationNotAllowed(conflictMessage(action, vm.name, result.reason, result.busyWith));
      const { operationId } = result;
      const urls = operationUrls(ctx.baseUrl, vm.subscriptionId, vm.location, operationId, call.apiVersion);
      return {
        status: 202,
        headers: {
          'azure-asyncoperation': urls.asyncOperation,
          location: urls.location,
          'retry-after': String(ctx.options.lroRetryAfterSeconds),
        },
      };
    },
  };
}

const VMSS_FILTER =
  /^\s*virtualMachineScaleSet\/id\s+eq\s+'(\/subscriptions\/[^']+\/providers\/Microsoft\.Compute\/virtualMachineScaleSets\/[^'/]+)'\s*$/i;

/**
 * List query options, as Compute validates them: `$filter` only as `virtualMachineScaleSet/id eq '{id}'` (no seeded
 * VM belongs to a scale set, so it matches none), and `$expand=instanceView` only together with such a `$filter`.
 */
function listQuery(url: URL, vms: readonly VmRecord[]): { vms: readonly VmRecord[]; instanceView: boolean } {
  const filter = url.searchParams.get('$filter');
  const expand = expandParam(url, ['instanceView']);
  if (filter !== null && !VMSS_FILTER.test(filter)) {
    throw armErrors.invalidParameter(
      '$filter',
      `The value '${filter}' of parameter '$filter' is not valid. Allowed value is ` +
        `"virtualMachineScaleSet/id eq '/subscriptions/{subId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/virtualMachineScaleSets/{vmssName}'".`,
    );
  }
  if (expand.has('instanceView') && filter === null) {
    throw armErrors.invalidParameter(
      '$expand',
      "The $expand option 'instanceView' can only be specified together with a valid $filter option.",
    );
  }
  return { vms: filter === null ? vms : [], instanceView: expand.has('instanceView') };
}

/** Power actions take no body; one that is sent must at least be JSON, as ARM's deserializer demands. */
async function rejectJunkBody(call: ArmCall): Promise<void> {
  const text = (await call.req.body()).toString('utf8').trim();
  if (text === '') return;
  try {
    JSON.parse(text);
  } catch (error) {
    throw armErrors.invalidRequestContent(error instanceof Error ? error.message : 'Unexpected content');
  }
}

function conflictMessage(
  action: PowerAction,
  vmName: string,
  reason: ConflictReason,
  busyWith?: PowerAction,
): string {
  switch (reason) {
    case 'deallocated':
      return `Operation '${action}' is not allowed on VM '${vmName}' since the VM is either deallocated or marked to be deallocated.`;
    case 'not-running':
      return `Operation '${action}' is not allowed on VM '${vmName}' since the VM is not running. The operation requires the VM to be running (or set to run).`;
    case 'busy':
      return `Operation '${action}' is not allowed on VM '${vmName}' since another operation${busyWith ? ` '${busyWith}'` : ''} is in progress on it. Retry after it completes.`;
  }
}
