import type { VirtualMachine } from '@azure/arm-compute';
import type { SignedInUser } from '../domain/user.ts';
import type { VmAction, VmRef } from '../domain/vm.ts';
import { toAppError } from './errors.ts';
import type { ArmPermission, ArmSubscription, ArmVirtualMachine, PermissionScope } from './types.ts';
import { ARM_SCOPE, type UserClientsCache } from './user-clients.ts';

/** An accepted long-running operation: ARM answered 2xx; `completion` settles when it ends. */
export interface AcceptedOperation {
  /** Resolves when ARM reports Succeeded; rejects (AppError or the LRO's error) otherwise. */
  readonly completion: Promise<void>;
}

/**
 * Azure as one signed-in user sees it, through their OBO credential. Plain data in and out;
 * failures are AppErrors (see ./errors.ts). The only module that calls SDK operations.
 */
export interface AzureGateway {
  /** Gets an ARM token for the user (the OBO exchange), proving consent and a usable assertion. */
  ensureToken(user: SignedInUser): Promise<void>;
  listSubscriptions(user: SignedInUser, signal?: AbortSignal): Promise<readonly ArmSubscription[]>;
  /**
   * Every VM of a subscription with its power state (`statusOnly=true`), page by page; `onPage`
   * sees each page as it arrives (so callers can start dependent work early).
   */
  listVms(
    user: SignedInUser,
    subscriptionId: string,
    options?: { readonly signal?: AbortSignal; readonly onPage?: (vms: readonly ArmVirtualMachine[]) => void },
  ): Promise<readonly ArmVirtualMachine[]>;
  /** One VM with its instance view. */
  getVm(user: SignedInUser, ref: VmRef): Promise<ArmVirtualMachine>;
  /** The caller's effective permissions at a scope. */
  listPermissions(user: SignedInUser, scope: PermissionScope): Promise<readonly ArmPermission[]>;
  /** Starts a power action; resolves once ARM accepted it. */
  beginAction(user: SignedInUser, ref: VmRef, action: VmAction, options?: { readonly pollIntervalMs?: number }): Promise<AcceptedOperation>;
}

const HIDDEN_SUBSCRIPTION_STATES = new Set(['disabled', 'deleted']);

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
}

export function createAzureGateway(clients: UserClientsCache): AzureGateway {
  return {
    ensureToken: (user) =>
      mapped(async () => {
        await clients.forUser(user).credential.getToken(ARM_SCOPE, { enableCae: true });
      }),

    listSubscriptions: (user, signal) =>
      mapped(async () => {
        const result: ArmSubscription[] = [];
        for await (const sub of clients.forUser(user).subscriptions().subscriptions.list({ abortSignal: signal })) {
          if (!sub.subscriptionId) continue;
          if (sub.state && HIDDEN_SUBSCRIPTION_STATES.has(sub.state.toLowerCase())) continue;
          result.push({
            subscriptionId: sub.subscriptionId,
            displayName: sub.displayName ?? sub.subscriptionId,
            ...(sub.state ? { state: sub.state } : {}),
          });
        }
        return result;
      }),

    listVms: (user, subscriptionId, options = {}) =>
      mapped(async () => {
        const compute = clients.forUser(user).compute(subscriptionId);
        const all: VirtualMachine[] = [];
        const pages = compute.virtualMachines.listAll({ statusOnly: 'true', abortSignal: options.signal }).byPage();
        for await (const page of pages) {
          all.push(...page);
          options.onPage?.(page);
        }
        return all;
      }),

    getVm: (user, ref) =>
      mapped(() =>
        clients
          .forUser(user)
          .compute(ref.subscriptionId)
          .virtualMachines.get(ref.resourceGroup, ref.name, { expand: 'instanceView' }),
      ),

    listPermissions: (user, scope) =>
      mapped(async () => {
        const permissions = clients.forUser(user).authorization(scope.subscriptionId).permissions;
        const pages =
          scope.kind === 'resourceGroup'
            ? permissions.listForResourceGroup(scope.resourceGroup)
            : permissions.listForResource(scope.resourceGroup, 'Microsoft.Compute', '', 'virtualMachines', scope.name);
        const result: ArmPermission[] = [];
        for await (const permission of pages) {
          result.push({ actions: permission.actions ?? [], notActions: permission.notActions ?? [] });
        }
        return result;
      }),

    beginAction: (user, ref, action, options = {}) =>
      mapped(async () => {
        const vms = clients.forUser(user).compute(ref.subscriptionId).virtualMachines;
        const lro = { updateIntervalInMs: options.pollIntervalMs };
        const poller =
          action === 'start'
            ? vms.start(ref.resourceGroup, ref.name, lro)
            : action === 'deallocate'
              ? vms.deallocate(ref.resourceGroup, ref.name, lro)
              : action === 'powerOff'
                ? vms.powerOff(ref.resourceGroup, ref.name, lro)
                : vms.restart(ref.resourceGroup, ref.name, lro);
        await poller.submitted();
        const completion = (async () => {
          try {
            await poller.pollUntilDone();
          } catch (error) {
            throw toAppError(error);
          }
        })();
        // The caller observes `completion`; never leave it unhandled if they do not.
        completion.catch(() => undefined);
        return { completion };
      }),
  };
}
