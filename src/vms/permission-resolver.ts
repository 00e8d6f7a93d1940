import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { AzureGateway } from '../azure/gateway.ts';
import type { ArmPermission, PermissionScope } from '../azure/types.ts';
import type { SignedInUser } from '../domain/user.ts';
import { VM_ACTIONS, type VmAction, type VmRef } from '../domain/vm.ts';
import { mapLimit } from '../util/map-limit.ts';
import { allowedVmActions } from './permissions.ts';
import { vmKey } from './vm-id.ts';

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
 * Which power actions the user's RBAC allows on VMs, from Microsoft.Authorization permissions:
 * once per resource group (which includes everything inherited from the subscription), and only
 * for VMs the resource group does not already fully allow, once per VM (a role can be assigned on
 * the VM itself). Answers are cached per user and scope for `ttlMs`; concurrent asks share one call.
 */
export interface PermissionResolver {
  /** Starts fetching a resource group's permissions (e.g. as soon as a listing page shows it). */
  prefetch(user: SignedInUser, subscriptionId: string, resourceGroup: string): void;
  /** Actions per VM, keyed by `vmKey`. Never throws: a failed lookup yields no actions. */
  actionsFor(user: SignedInUser, refs: readonly VmRef[]): Promise<Map<string, readonly VmAction[]>>;
}

function scopeKey(user: SignedInUser, scope: PermissionScope): string {
  const base = `${user.tid}|${user.oid}|/subscriptions/${scope.subscriptionId}/resourcegroups/${scope.resourceGroup}`;
  return (scope.kind === 'vm' ? `${base}/vm/${scope.name}` : base).toLowerCase();
}

export function createPermissionResolver(options: PermissionResolverOptions): PermissionResolver {
  const now = options.now ?? Date.now;
  const cache = new LRUCache<string, Promise<readonly ArmPermission[]>>({
    max: options.maxEntries,
    ttl: Math.max(1, options.ttlMs),
    perf: { now },
  });
  const maxVmLookups = options.maxVmLookups ?? 100;
  const concurrency = options.concurrency ?? 16;

  function permissionsAt(user: SignedInUser, scope: PermissionScope): Promise<readonly ArmPermission[]> {
    const key = scopeKey(user, scope);
    const cached = cache.get(key);
    if (cached) return cached;
    const pending = options.gateway.listPermissions(user, scope).catch((error: unknown) => {
      cache.delete(key);
      options.logger?.warn(
        { err: error, scope: scope.kind },
        'permission lookup failed; treating as no actions',
      );
      return [] as readonly ArmPermission[];
    });
    cache.set(key, pending);
    return pending;
  }

  const groupScope = (ref: Pick<VmRef, 'subscriptionId' | 'resourceGroup'>): PermissionScope => ({
    kind: 'resourceGroup',
    subscriptionId: ref.subscriptionId,
    resourceGroup: ref.resourceGroup,
  });

  return {
    prefetch(user, subscriptionId, resourceGroup) {
      void permissionsAt(user, groupScope({ subscriptionId, resourceGroup }));
    },

    async actionsFor(user, refs) {
      const result = new Map<string, readonly VmAction[]>();
      const groups = new Map<string, VmRef[]>();
      for (const ref of refs) {
        const key = `${ref.subscriptionId}/${ref.resourceGroup}`.toLowerCase();
        const list = groups.get(key);
        if (list) list.push(ref);
        else groups.set(key, [ref]);
      }
      const undecided: VmRef[] = [];
      await Promise.all(
        [...groups.values()].map(async (members) => {
          const first = members[0];
          if (!first) return;
          const actions = allowedVmActions(await permissionsAt(user, groupScope(first)));
          for (const ref of members) {
            result.set(vmKey(ref), actions);
            if (actions.length < VM_ACTIONS.length) undecided.push(ref);
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
        const permissions = await permissionsAt(user, { kind: 'vm', ...ref });
        result.set(vmKey(ref), allowedVmActions(permissions));
      });
      return result;
    },
  };
}
