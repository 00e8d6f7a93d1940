import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { AzureGateway } from '../azure/gateway.ts';
import type { ArmPermission, PermissionScope } from '../azure/types.ts';
import { userKeyOf, type SignedInUser } from '../domain/user.ts';
import { VM_CAPABILITIES, type VmCapability, type VmRef } from '../../contract/vm.ts';
import { mapLimit } from '../util/map-limit.ts';
import { allowedVmActions } from './permissions.ts';
import { vmKey } from '../../contract/vm-id.ts';

export interface PermissionResolverOptions {
  readonly gateway: AzureGateway;
  /** How long a (user, scope) answer is reused. */
  readonly ttlMs: number;
  /** Most (user, scope) entries kept. */
  readonly maxEntries: number;
  /** Most VM-scope lookups per call; past it VMs keep their resource-group actions. Default 100. */
  readonly maxVmLookups?: number;
  /** VM-scope lookups in flight per call. Default 16. */
  readonly concurrency?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
}

/**
 * Which power actions the user's RBAC allows on VMs, from Microsoft.Authorization permissions
 * (effective rights at a scope, inherited ones included), asked from the top down and only as deep
 * as needed: once per subscription; for VMs the subscription does not fully allow, once per
 * resource group; for VMs still not fully allowed, once per VM (roles can be assigned on the VM).
 * Answers are cached per user and scope for `ttlMs`; concurrent asks share one call.
 */
export interface PermissionResolver {
  /** Starts the subscription-level lookup (e.g. together with the VM listing). */
  prefetchSubscription(user: SignedInUser, subscriptionId: string): void;
  /** Starts a resource group's lookup if the subscription level will not settle it. */
  prefetchGroup(user: SignedInUser, subscriptionId: string, resourceGroup: string): void;
  /** Actions per VM, keyed by `vmKey`. Never throws: a failed lookup yields no actions. */
  actionsFor(user: SignedInUser, refs: readonly VmRef[]): Promise<Map<string, readonly VmCapability[]>>;
}

function scopeKey(user: SignedInUser, scope: PermissionScope): string {
  let key = `${userKeyOf(user)}|/subscriptions/${scope.subscriptionId}`;
  if (scope.kind !== 'subscription') key += `/resourcegroups/${scope.resourceGroup}`;
  if (scope.kind === 'vm') key += `/vm/${scope.name}`;
  return key.toLowerCase();
}

const complete = (actions: readonly VmCapability[]) => actions.length === VM_CAPABILITIES.length;

export function createPermissionResolver(options: PermissionResolverOptions): PermissionResolver {
  const now = options.now ?? Date.now;
  const cache = new LRUCache<string, Promise<readonly VmCapability[]>>({
    max: options.maxEntries,
    ttl: Math.max(1, options.ttlMs),
    perf: { now },
  });
  const maxVmLookups = options.maxVmLookups ?? 100;
  const concurrency = options.concurrency ?? 16;

  /** The VM actions allowed at a scope (cached promise; a failure is not cached and yields none). */
  function actionsAt(user: SignedInUser, scope: PermissionScope): Promise<readonly VmCapability[]> {
    const key = scopeKey(user, scope);
    const cached = cache.get(key);
    if (cached) return cached;
    const pending = options.gateway.listPermissions(user, scope).then(
      (permissions: readonly ArmPermission[]) => allowedVmActions(permissions),
      (error: unknown) => {
        cache.delete(key);
        options.logger?.warn(
          { err: error, scope: scope.kind },
          'permission lookup failed; treating as no actions',
        );
        return [] as readonly VmCapability[];
      },
    );
    cache.set(key, pending);
    return pending;
  }

  const subscriptionScope = (subscriptionId: string): PermissionScope => ({
    kind: 'subscription',
    subscriptionId,
  });

  /** Subscription level, then resource group level when the subscription does not allow everything. */
  async function groupActions(
    user: SignedInUser,
    subscriptionId: string,
    resourceGroup: string,
  ): Promise<readonly VmCapability[]> {
    const atSubscription = await actionsAt(user, subscriptionScope(subscriptionId));
    if (complete(atSubscription)) return atSubscription;
    return actionsAt(user, { kind: 'resourceGroup', subscriptionId, resourceGroup });
  }

  return {
    prefetchSubscription(user, subscriptionId) {
      void actionsAt(user, subscriptionScope(subscriptionId));
    },

    prefetchGroup(user, subscriptionId, resourceGroup) {
      void groupActions(user, subscriptionId, resourceGroup);
    },

    async actionsFor(user, refs) {
      const result = new Map<string, readonly VmCapability[]>();
      const groups = new Map<string, VmRef[]>();
      for (const ref of refs) {
        const key = `${ref.subscriptionId}/${ref.resourceGroup}`.toLowerCase();
        const members = groups.get(key);
        if (members) members.push(ref);
        else groups.set(key, [ref]);
      }
      const undecided: VmRef[] = [];
      await Promise.all(
        [...groups.values()].map(async (members) => {
          const first = members[0];
          if (!first) return;
          const actions = await groupActions(user, first.subscriptionId, first.resourceGroup);
          for (const ref of members) {
            result.set(vmKey(ref), actions);
            if (!complete(actions)) undecided.push(ref);
          }
        }),
      );
      if (undecided.length > maxVmLookups) {
        options.logger?.info(
          { vms: undecided.length, limit: maxVmLookups },
          'too many VMs need VM-scope permission lookups; the rest keep their resource-group actions',
        );
      }
      await mapLimit(undecided.slice(0, maxVmLookups), concurrency, async (ref) => {
        result.set(vmKey(ref), await actionsAt(user, { kind: 'vm', ...ref }));
      });
      return result;
    },
  };
}
