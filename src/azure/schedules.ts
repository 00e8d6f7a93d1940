import type { Schedule } from '@azure/arm-devtestlabs';
import { LRUCache } from 'lru-cache';
import type { VmRef } from '../../contract/vm.ts';
import { isAppError } from '../domain/errors.ts';
import { userKeyOf, type SignedInUser } from '../domain/user.ts';
import { toAppError } from './errors.ts';
import type { UserClientsCache } from './user-clients.ts';

/**
 * A VM's daily auto-shutdown as ARM keeps it: `Microsoft.DevTestLab/schedules/shutdown-computevm-{vm}` in the
 * VM's resource group (what the portal's "Auto-shutdown" blade writes), read and written as the user through
 * @azure/arm-devtestlabs (`globalSchedules`).
 */
export interface ArmShutdownSchedule {
  readonly enabled: boolean;
  /** `HHmm`. */
  readonly time: string;
  readonly timeZoneId: string;
  readonly targetResourceId: string;
  readonly notification: {
    readonly enabled: boolean;
    readonly timeInMinutes: number;
    readonly webhookUrl?: string;
    /** Kept as it was (the portal's e-mail notification), never set by the app. */
    readonly emailRecipient?: string;
  };
}

export interface ScheduleGateway {
  /** The VM's shutdown schedule; undefined when it has none (ARM's 404). */
  get(user: SignedInUser, ref: VmRef, signal?: AbortSignal): Promise<ArmShutdownSchedule | undefined>;
  /** Creates or replaces it. `location` is the VM's. */
  put(
    user: SignedInUser,
    ref: VmRef,
    schedule: ArmShutdownSchedule,
    location: string,
  ): Promise<ArmShutdownSchedule>;
  /** Deletes it (nothing to delete is fine). */
  delete(user: SignedInUser, ref: VmRef): Promise<void>;
  /**
   * Every VM shutdown schedule of a subscription the user may read, keyed by the target VM id (lower case).
   * One ARM request (paged), for a listing.
   */
  listForSubscription(
    user: SignedInUser,
    subscriptionId: string,
    signal?: AbortSignal,
  ): Promise<Map<string, ArmShutdownSchedule>>;
}

export const SHUTDOWN_TASK_TYPE = 'ComputeVmShutdownTask';

/** The schedule's name for a VM, as the portal names it. */
export const scheduleNameOf = (vmName: string) => `shutdown-computevm-${vmName}`;

/** SDK model → the product's slice; undefined for anything that is not a VM shutdown schedule. Pure. */
export function fromSdkSchedule(schedule: Schedule): ArmShutdownSchedule | undefined {
  if (schedule.taskType?.toLowerCase() !== SHUTDOWN_TASK_TYPE.toLowerCase()) return undefined;
  const time = schedule.dailyRecurrence?.time;
  if (!time || !schedule.targetResourceId || !schedule.timeZoneId) return undefined;
  const n = schedule.notificationSettings;
  return {
    enabled: schedule.status !== 'Disabled',
    time,
    timeZoneId: schedule.timeZoneId,
    targetResourceId: schedule.targetResourceId,
    notification: {
      enabled: n?.status === 'Enabled',
      timeInMinutes: n?.timeInMinutes ?? 30,
      ...(n?.webhookUrl ? { webhookUrl: n.webhookUrl } : {}),
      ...(n?.emailRecipient ? { emailRecipient: n.emailRecipient } : {}),
    },
  };
}

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
}

export function createScheduleGateway(clients: UserClientsCache): ScheduleGateway {
  const schedulesOf = async (user: SignedInUser, subscriptionId: string) =>
    (await clients.forUser(user).devTestLabs(subscriptionId)).globalSchedules;

  return {
    async get(user, ref, signal) {
      try {
        const schedules = await schedulesOf(user, ref.subscriptionId);
        const found = await schedules.get(ref.resourceGroup, scheduleNameOf(ref.name), {
          ...(signal ? { abortSignal: signal } : {}),
        });
        return fromSdkSchedule(found);
      } catch (error) {
        const app = isAppError(error) ? error : toAppError(error);
        if (app.code === 'NotFound' && app.details?.armCode !== 'ResourceGroupNotFound') return undefined;
        throw app;
      }
    },

    put: (user, ref, schedule, location) =>
      mapped(async () => {
        const schedules = await schedulesOf(user, ref.subscriptionId);
        const saved = await schedules.createOrUpdate(ref.resourceGroup, scheduleNameOf(ref.name), {
          location,
          status: schedule.enabled ? 'Enabled' : 'Disabled',
          taskType: SHUTDOWN_TASK_TYPE,
          dailyRecurrence: { time: schedule.time },
          timeZoneId: schedule.timeZoneId,
          targetResourceId: schedule.targetResourceId,
          notificationSettings: {
            status: schedule.notification.enabled ? 'Enabled' : 'Disabled',
            timeInMinutes: schedule.notification.timeInMinutes,
            ...(schedule.notification.webhookUrl ? { webhookUrl: schedule.notification.webhookUrl } : {}),
            ...(schedule.notification.emailRecipient
              ? { emailRecipient: schedule.notification.emailRecipient }
              : {}),
            notificationLocale: 'en',
          },
        });
        const result = fromSdkSchedule(saved);
        if (!result) throw new TypeError('ARM answered the schedule write with something else.');
        return result;
      }),

    delete: (user, ref) =>
      mapped(async () => {
        const schedules = await schedulesOf(user, ref.subscriptionId);
        await schedules.delete(ref.resourceGroup, scheduleNameOf(ref.name));
      }),

    listForSubscription: (user, subscriptionId, signal) =>
      mapped(async () => {
        const schedules = await schedulesOf(user, subscriptionId);
        const result = new Map<string, ArmShutdownSchedule>();
        for await (const item of schedules.listBySubscription({
          ...(signal ? { abortSignal: signal } : {}),
        })) {
          const schedule = fromSdkSchedule(item);
          if (schedule) result.set(schedule.targetResourceId.toLowerCase(), schedule);
        }
        return result;
      }),
  };
}

export interface ScheduleCacheOptions {
  /** How long a user's schedules of a subscription are reused by listings. */
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly now?: () => number;
}

/**
 * Listings reuse a user's schedules of a subscription briefly (one ARM request saved per subscription per listing,
 * as for the subscription list); a save or delete through the app drops the subscription's entries, so the next
 * listings on this instance show it at once (other instances within `ttlMs`). Failures are not kept.
 */
const NO_SCHEDULES: Promise<Map<string, ArmShutdownSchedule>> = Promise.resolve(new Map());

export function withScheduleCache(inner: ScheduleGateway, options: ScheduleCacheOptions): ScheduleGateway {
  const cache = new LRUCache<string, Promise<Map<string, ArmShutdownSchedule>>>({
    max: options.maxEntries,
    ttl: Math.max(1, options.ttlMs),
    perf: { now: options.now ?? Date.now },
  });
  const keyOf = (user: SignedInUser, subscriptionId: string) =>
    `${userKeyOf(user)}|${subscriptionId.toLowerCase()}`;
  /** Every user's entry for the subscription (saves are rare; other users' listings then see it at once too). */
  const forget = (subscriptionId: string) => {
    const suffix = `|${subscriptionId.toLowerCase()}`;
    for (const key of [...cache.keys()]) if (key.endsWith(suffix)) cache.delete(key);
  };
  return {
    get: (user, ref, signal) => inner.get(user, ref, signal),
    async put(user, ref, schedule, location) {
      try {
        return await inner.put(user, ref, schedule, location);
      } finally {
        forget(ref.subscriptionId);
      }
    },
    async delete(user, ref) {
      try {
        await inner.delete(user, ref);
      } finally {
        forget(ref.subscriptionId);
      }
    },
    listForSubscription(user, subscriptionId) {
      const key = keyOf(user, subscriptionId);
      const cached = cache.get(key);
      if (cached) return cached;
      // Shared by concurrent listings, so no caller's abort signal cancels it.
      const pending = inner.listForSubscription(user, subscriptionId);
      cache.set(key, pending);
      pending.then(
        (schedules) => {
          // Most users have no schedule in most subscriptions: they all share one empty answer, so an entry costs
          // its key, not a Map and a Promise of its own.
          if (schedules.size === 0 && cache.get(key) === pending) cache.set(key, NO_SCHEDULES);
        },
        () => {
          if (cache.get(key) === pending) cache.delete(key);
        },
      );
      return pending;
    },
  };
}
