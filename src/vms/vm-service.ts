import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { AzureGateway } from '../azure/gateway.ts';
import type { ArmSubscription } from '../azure/types.ts';
import { isIdentityFailure } from '../../contract/errors.ts';
import { AppError, errorFields, isAppError } from '../domain/errors.ts';
import type { BulkItem, Operation } from '../../contract/operation.ts';
import type { VmService } from '../domain/services.ts';
import { userKeyOf, type SignedInUser } from '../domain/user.ts';
import type { SubscriptionError, Vm, VmAction, VmCapability, VmList, VmRef } from '../../contract/vm.ts';
import type { PriceCatalog } from '../azure/prices.ts';
import type { ScheduleGateway } from '../azure/schedules.ts';
import { toAutoShutdown } from './auto-shutdown-map.ts';
import type { OperationTracker } from '../operations/tracker.ts';
import { withDeadline } from '../util/deadline.ts';
import { mapLimit } from '../util/map-limit.ts';
import { compareVms, toVm, toVmWithoutActions, type VmWithoutActions } from './map-vm.ts';
import type { PermissionResolver } from './permission-resolver.ts';
import { parseVmId, vmIdOf, vmKey } from '../../contract/vm-id.ts';

export interface VmServiceOptions {
  readonly gateway: AzureGateway;
  readonly permissions: PermissionResolver;
  readonly operations: OperationTracker;
  /** How long a user's subscription list is reused. Default 60 000 ms. */
  readonly subscriptionsTtlMs?: number;
  /** Most users whose subscription list is kept. Default 10 000. */
  readonly maxUsers?: number;
  /** Largest bulk request. Default 50. */
  readonly maxBulkIds?: number;
  /** Bulk operations started in parallel. Default 10. */
  readonly bulkConcurrency?: number;
  /** LRO poll interval when ARM sends no Retry-After. Default: the SDK's. */
  readonly pollIntervalMs?: number;
  /** Longest wait for Azure on a read or for ARM to accept an action → 503 AzureTimeout. Default 20 000 ms. */
  readonly requestDeadlineMs?: number;
  /** Longest background polling of one operation. Default 30 min. */
  readonly operationTimeoutMs?: number;
  /** List prices (Retail Prices API, cached per instance). Absent: every `price` is null. */
  readonly prices?: PriceCatalog;
  /** Auto-shutdown schedules, read as the user. Absent: every `autoShutdown` is null. */
  readonly schedules?: ScheduleGateway;
  readonly logger?: Logger;
  readonly now?: () => number;
}

const NO_ACTIONS: readonly VmCapability[] = Object.freeze([]);

/** Longest a listing waits for prices; past it the price shows as unknown (the lookup goes on, cached). */
const PRICE_WAIT_MS = 3000;

/** `promise`'s value, or `fallback` once `ms` passed or when it rejects. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

/** Seconds a client should wait after a deadline passed: Azure is slow, not down. */
const TIMEOUT_RETRY_AFTER_SECONDS = 5;

function azureTimeout(ms: number): AppError {
  return new AppError(
    'AzureTimeout',
    `Azure did not answer within ${Math.round(ms / 1000)} s; try again in a moment.`,
    { retryAfter: TIMEOUT_RETRY_AFTER_SECONDS },
  );
}

function subscriptionNotFound(subscriptionId: string): AppError {
  return new AppError(
    'NotFound',
    `The subscription '${subscriptionId}' is not among the subscriptions your Azure access includes.`,
    {},
  );
}

function subscriptionError(subscriptionId: string, error: unknown): SubscriptionError {
  if (isAppError(error) && error.code !== 'InternalError') {
    return { subscriptionId, ...errorFields(error) };
  }
  return { subscriptionId, code: 'InternalError', message: 'Listing this subscription failed unexpectedly.' };
}

const priceKey = (vm: Pick<Vm, 'size' | 'location' | 'osType'>) =>
  `${vm.size}|${vm.location}|${vm.osType}`.toLowerCase();

/** VmService over ARM, every call as the signed-in user (their OBO credential). */
export function createVmService(options: VmServiceOptions): VmService {
  const { gateway, permissions, operations } = options;
  const maxBulkIds = options.maxBulkIds ?? 50;
  const deadlineMs = options.requestDeadlineMs ?? 20_000;
  const operationTimeoutMs = options.operationTimeoutMs ?? 30 * 60_000;
  const inTime = <T>(work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> =>
    withDeadline(deadlineMs, work, {
      ...(signal ? { signal } : {}),
      onTimeout: () => azureTimeout(deadlineMs),
    });
  // A user's subscriptions change rarely: the list is reused briefly (one ARM round trip saved per
  // listing), keyed by user, shared by concurrent callers, never cached when it fails.
  const subscriptionLists = new LRUCache<string, Promise<readonly ArmSubscription[]>>({
    max: options.maxUsers ?? 10_000,
    ttl: Math.max(1, options.subscriptionsTtlMs ?? 60_000),
    perf: { now: options.now ?? Date.now },
  });

  function subscriptionsOf(user: SignedInUser): Promise<readonly ArmSubscription[]> {
    const key = userKeyOf(user);
    const cached = subscriptionLists.get(key);
    if (cached) return cached;
    // Shared by concurrent callers, so no caller's abort signal cancels it.
    const pending = gateway.listSubscriptions(user);
    subscriptionLists.set(key, pending);
    pending.catch(() => {
      if (subscriptionLists.get(key) === pending) subscriptionLists.delete(key);
    });
    return pending;
  }

  /**
   * The subscription, if the user can see it; otherwise 404 before anything reaches ARM. Ids come
   * from callers, so nothing (SDK clients, permission lookups) is ever built for an id the user's
   * own subscription list does not hold: memory stays bounded whatever ids are sent.
   */
  async function visibleSubscription(user: SignedInUser, subscriptionId: string): Promise<ArmSubscription> {
    const id = subscriptionId.toLowerCase();
    const subscriptions = await subscriptionsOf(user);
    const found = subscriptions.find((s) => s.subscriptionId.toLowerCase() === id);
    if (!found) throw subscriptionNotFound(subscriptionId);
    return found;
  }

  /** Prices of the VMs' sizes: one (cached) lookup per size and region, however many VMs share it. */
  async function pricesOf(vms: readonly VmWithoutActions[]): Promise<Map<string, Vm['price']>> {
    const result = new Map<string, Vm['price']>();
    const catalog = options.prices;
    if (!catalog) return result;
    const keys = new Map<string, VmWithoutActions>();
    for (const vm of vms) keys.set(priceKey(vm), vm);
    await Promise.all(
      [...keys].map(async ([key, vm]) => {
        result.set(key, await within(catalog.priceOf(vm.size, vm.location, vm.osType), PRICE_WAIT_MS, null));
      }),
    );
    return result;
  }

  /** The user's readable shutdown schedules of a subscription; none when they cannot be read. */
  function schedulesOf(user: SignedInUser, subscriptionId: string, signal: AbortSignal | undefined) {
    if (!options.schedules) return Promise.resolve(new Map<string, never>());
    return options.schedules.listForSubscription(user, subscriptionId, signal).catch((error: unknown) => {
      options.logger?.debug({ err: error, subscriptionId }, 'auto-shutdown schedules not readable');
      return new Map<string, never>();
    });
  }

  async function listSubscription(
    user: SignedInUser,
    subscription: ArmSubscription,
    signal: AbortSignal | undefined,
  ): Promise<Vm[]> {
    permissions.prefetchSubscription(user, subscription.subscriptionId);
    const schedules = schedulesOf(user, subscription.subscriptionId, signal);
    const seenGroups = new Set<string>();
    // Mapped page by page: the SDK models of a page are dropped as soon as it is handled.
    const listed: Array<{ readonly vm: VmWithoutActions; readonly ref: VmRef }> = [];
    await gateway.listVms(
      user,
      subscription.subscriptionId,
      (page) => {
        for (const arm of page) {
          const ref = parseVmId(arm.id);
          const vm = ref && toVmWithoutActions(arm, subscription.displayName, ref);
          if (!ref || !vm) continue;
          listed.push({ vm, ref });
          const group = ref.resourceGroup.toLowerCase();
          if (seenGroups.has(group)) continue;
          seenGroups.add(group);
          permissions.prefetchGroup(user, ref.subscriptionId, ref.resourceGroup);
        }
      },
      signal ? { signal } : {},
    );
    const [actions, prices, shutdowns] = await Promise.all([
      permissions.actionsFor(
        user,
        listed.map((x) => x.ref),
      ),
      pricesOf(listed.map((x) => x.vm)),
      schedules,
    ]);
    return listed.map(({ vm, ref }) => {
      const schedule = shutdowns.get(vm.id.toLowerCase());
      return {
        ...vm,
        actions: actions.get(vmKey(ref)) ?? NO_ACTIONS,
        price: prices.get(priceKey(vm)) ?? null,
        autoShutdown: schedule ? toAutoShutdown(schedule) : null,
      };
    });
  }

  async function act(user: SignedInUser, ref: VmRef, action: VmAction): Promise<Operation> {
    // The deadline covers reaching ARM's 202 only; an accepted operation is always tracked.
    const accepted = await inTime(async (signal) => {
      await visibleSubscription(user, ref.subscriptionId);
      return gateway.beginAction(user, ref, action, {
        signal,
        timeoutMs: operationTimeoutMs,
        ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
      });
    });
    return operations.track({
      user,
      vmId: vmIdOf(ref),
      vmName: ref.name,
      action,
      completion: accepted.completion,
      ...(accepted.poller ? { poller: accepted.poller } : {}),
    });
  }

  async function listAll(user: SignedInUser, signal: AbortSignal): Promise<VmList> {
    const subscriptions = await subscriptionsOf(user);
    const results = await Promise.allSettled(subscriptions.map((s) => listSubscription(user, s, signal)));
    const vms: Vm[] = [];
    const errors: SubscriptionError[] = [];
    results.forEach((result, index) => {
      const subscription = subscriptions[index];
      if (!subscription) return;
      if (result.status === 'fulfilled') {
        for (const vm of result.value) vms.push(vm); // no spread: subscriptions can hold many thousands
        return;
      }
      const error = result.reason;
      if (isAppError(error) && isIdentityFailure(error.code)) throw error;
      if (!isAppError(error) || error.code === 'InternalError') {
        options.logger?.error(
          { err: error, subscriptionId: subscription.subscriptionId },
          'listing a subscription failed',
        );
      }
      errors.push({
        ...subscriptionError(subscription.subscriptionId, error),
        subscriptionName: subscription.displayName,
      });
    });
    vms.sort(compareVms);
    return { vms, errors } satisfies VmList;
  }

  async function getOne(user: SignedInUser, ref: VmRef, signal: AbortSignal): Promise<Vm> {
    const subscription = await visibleSubscription(user, ref.subscriptionId);
    const schedule = options.schedules
      ? options.schedules.get(user, ref, signal).catch(() => undefined)
      : Promise.resolve(undefined);
    const [arm, actions, shutdown] = await Promise.all([
      gateway.getVm(user, ref, { signal }),
      permissions.actionsFor(user, [ref]),
      schedule,
    ]);
    const vm = toVm(arm, {
      subscriptionName: subscription.displayName,
      actions: actions.get(vmKey(ref)) ?? [],
    });
    if (!vm) throw new AppError('NotFound', `The VM '${ref.name}' was not found.`);
    const prices = await pricesOf([vm]);
    return {
      ...vm,
      price: prices.get(priceKey(vm)) ?? null,
      autoShutdown: shutdown ? toAutoShutdown(shutdown) : null,
    };
  }

  return {
    list: (user, listOptions = {}) => inTime((signal) => listAll(user, signal), listOptions.signal),

    get: (user, ref, getOptions = {}) => inTime((signal) => getOne(user, ref, signal), getOptions.signal),

    act,

    async actMany(user, action, ids) {
      if (ids.length > maxBulkIds) {
        throw new AppError('BadRequest', `At most ${maxBulkIds} VMs can be changed in one request.`, {});
      }
      const seen = new Set<string>();
      return mapLimit(ids, options.bulkConcurrency ?? 10, async (id): Promise<BulkItem> => {
        const ref = parseVmId(id);
        if (!ref) {
          return {
            vmId: String(id),
            error: { code: 'BadRequest', message: 'Not an ARM virtual machine id.' },
          };
        }
        const key = vmKey(ref);
        if (seen.has(key)) {
          return {
            vmId: id,
            error: {
              code: 'BadRequest',
              message: 'This VM appears more than once in the request.',
            },
          };
        }
        seen.add(key);
        try {
          return { vmId: id, operation: await act(user, ref, action) };
        } catch (error) {
          if (isAppError(error)) {
            return {
              vmId: id,
              error: errorFields(error),
            };
          }
          options.logger?.error({ err: error, vmId: id, action }, 'bulk action failed unexpectedly');
          return {
            vmId: id,
            error: { code: 'InternalError', message: 'The action could not be started.' },
          };
        }
      });
    },
  };
}
