import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Operation, OperationError } from '../../contract/operation.ts';
import type { VmAction } from '../../contract/vm.ts';
import { errorFields, isAppError } from '../domain/errors.ts';
import type { OperationService } from '../domain/services.ts';
import { userKeyOf, type SignedInUser } from '../domain/user.ts';
import type { OperationRecord, OperationStore } from './store.ts';

export interface TrackRequest {
  readonly user: SignedInUser;
  readonly vmId: string;
  readonly vmName: string;
  readonly action: VmAction;
  /** Settles when Azure reports the end of the operation (polled on this instance). */
  readonly completion: Promise<void>;
  /** The SDK poller's serialized state: lets any instance resume the poll. */
  readonly poller?: string;
}

/** Resumes polling an operation another instance (or an earlier process) started, as `user`. */
export type ResumeOperation = (
  record: OperationRecord,
  user: SignedInUser,
) => Promise<{ completion: Promise<void> }>;

export interface OperationTrackerOptions {
  readonly store: OperationStore;
  /** This process, for poll leases. Default: a random id. */
  readonly instanceId?: string;
  /**
   * True when the store outlives the process (Redis): on shutdown polls are handed over (leases
   * released) instead of being recorded as lost.
   */
  readonly durable?: boolean;
  /** Takes over polls nobody does (instance died, restart). Without it, operations end with their process. */
  readonly resume?: ResumeOperation;
  /** Poll lease lifetime; renewed every third of it. Default 15 s. */
  readonly leaseMs?: number;
  /** How often to look for polls nobody does. Default 3 s. */
  readonly sweepMs?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
  readonly newId?: () => string;
}

/** Records operations, follows them to the end, and tells listeners when they finish. */
export interface OperationTracker extends OperationService {
  /** Records an accepted operation as InProgress and follows `completion`. */
  track(request: TrackRequest): Promise<Operation>;
  /** Starts looking for operations nobody polls (durable stores). */
  start(): void;
  /** Stops sweeping and hands this instance's polls over (durable) or lets them end (memory). */
  close(): Promise<void>;
  /** Resolves once every operation this instance follows has finished (tests, graceful shutdown). */
  settled(): Promise<void>;
}

function operationError(error: unknown): OperationError {
  if (isAppError(error)) {
    return errorFields(error);
  }
  return { code: 'OperationFailed', message: 'The operation failed.' };
}

/** The requester as a signed-in user again, from the record (their assertion, while it is valid). */
function requesterOf(record: OperationRecord): SignedInUser | undefined {
  if (!record.assertion || record.assertionExpiresAt === undefined) return undefined;
  const { requestedBy } = record.operation;
  return {
    oid: requestedBy.oid,
    tid: requestedBy.tid,
    name: requestedBy.name,
    upn: requestedBy.upn,
    assertion: record.assertion,
    expiresAt: record.assertionExpiresAt,
  };
}

/**
 * Operations kept in the store seam, each polled by exactly one instance at a time (a lease it
 * renews while polling). When a lease lapses — the instance died or restarted — another instance
 * (or the same one after a restart) takes it over and resumes the SDK poller from its serialized
 * state as the requester; if the requester's token has expired, the requester's next request does.
 * The end is recorded exactly once (a claim), and only the instance that records it tells its listeners.
 */
export function createOperationTracker(options: OperationTrackerOptions): OperationTracker {
  const { store } = options;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;
  const me = options.instanceId ?? randomUUID();
  const leaseMs = options.leaseMs ?? 15_000;
  const listeners = new Set<(operation: Operation) => void>();
  const followed = new Map<
    string,
    { readonly done: Promise<void>; readonly renew: ReturnType<typeof setInterval> }
  >();
  let sweeper: ReturnType<typeof setInterval> | undefined;
  let closing = false;
  // Users whose operations were looked at lately: a busy user's every request does not re-read the store.
  const lookedAt = new LRUCache<string, true>({ max: 10_000, ttl: options.sweepMs ?? 3000 });
  const log = options.logger;

  async function finish(id: string, outcome: { readonly error?: OperationError }): Promise<void> {
    // On shutdown with a shared store, the poll is handed over, not ended: another instance resumes it.
    if (closing && options.durable) return;
    if (!(await store.claimFinish(id))) return;
    const current = await store.get(id);
    if (!current || current.operation.status !== 'InProgress') return;
    const finished: Operation = {
      ...current.operation,
      status: outcome.error ? 'Failed' : 'Succeeded',
      ...(outcome.error ? { error: outcome.error } : {}),
      finishedAt: new Date(now()).toISOString(),
    };
    await store.put({ operation: finished });
    await store.release(id, me);
    log?.info(
      {
        operationId: id,
        vmId: finished.vmId,
        action: finished.action,
        status: finished.status,
        userOid: finished.requestedBy.oid,
      },
      'operation finished',
    );
    for (const listener of [...listeners]) {
      try {
        listener(finished);
      } catch (error) {
        log?.error({ err: error, operationId: id }, 'operation listener threw');
      }
    }
  }

  /** Follows a poll this instance holds the lease for, renewing the lease until it ends. */
  function follow(id: string, completion: Promise<void>): void {
    const renew = setInterval(
      () => {
        store.renew(id, me, leaseMs).then(
          (held) => {
            if (!held) log?.warn({ operationId: id }, 'operation lease lost; another instance polls it');
          },
          (error: unknown) => log?.warn({ operationId: id, err: error }, 'operation lease renewal failed'),
        );
      },
      Math.max(100, Math.floor(leaseMs / 3)),
    );
    renew.unref();
    const done = completion
      .then(
        () => finish(id, {}),
        (error: unknown) => finish(id, { error: operationError(error) }),
      )
      .catch((error: unknown) =>
        log?.error({ operationId: id, err: error }, 'recording an operation end failed'),
      )
      .finally(() => {
        clearInterval(renew);
        followed.delete(id);
      });
    followed.set(id, { done, renew });
  }

  /** Takes over a poll nobody holds, as `user` (or the stored requester). False when it cannot. */
  async function takeOver(id: string, user?: SignedInUser): Promise<boolean> {
    if (!options.resume || closing || followed.has(id)) return false;
    if (!(await store.lease(id, me, leaseMs))) return false;
    try {
      const record = await store.get(id);
      const stranger = user !== undefined && record && userKeyOf(record.operation.requestedBy) !== userKeyOf(user);
      if (!record || record.operation.status !== 'InProgress' || !record.poller || stranger) {
        await store.release(id, me);
        return false;
      }
      const as = user ?? requesterOf(record);
      if (!as) {
        // The requester's token has expired: their next request resumes it.
        await store.release(id, me);
        return false;
      }
      const { completion } = await options.resume(record, as);
      follow(id, completion);
      log?.info({ operationId: id, instance: me }, 'operation poll taken over');
      return true;
    } catch (error) {
      await store.release(id, me).catch(() => undefined);
      log?.warn({ operationId: id, err: error }, 'taking over an operation poll failed');
      return false;
    }
  }

  async function sweep(): Promise<void> {
    const ids = await store.active();
    for (const id of ids) if (!followed.has(id)) await takeOver(id);
  }

  return {
    async track(request) {
      const operation: Operation = {
        id: newId(),
        vmId: request.vmId,
        vmName: request.vmName,
        action: request.action,
        status: 'InProgress',
        requestedBy: {
          oid: request.user.oid,
          tid: request.user.tid,
          name: request.user.name,
          upn: request.user.upn,
        },
        startedAt: new Date(now()).toISOString(),
      };
      await store.lease(operation.id, me, leaseMs);
      await store.put({
        operation,
        ...(request.poller ? { poller: request.poller } : {}),
        assertion: request.user.assertion,
        assertionExpiresAt: request.user.expiresAt,
      });
      follow(operation.id, request.completion);
      return operation;
    },

    async get(user, id) {
      const record = await store.get(id);
      if (!record || userKeyOf(record.operation.requestedBy) !== userKeyOf(user)) return undefined;
      // Nobody polls it (its instance is gone and the stored token expired): the requester's own
      // request resumes it, with their fresh token.
      if (record.operation.status === 'InProgress' && !followed.has(id) && 'assertion' in user) {
        void takeOver(id, user);
      }
      return record.operation;
    },

    resumeFor(user) {
      if (!options.resume || closing) return;
      const key = userKeyOf(user);
      if (lookedAt.has(key)) return;
      lookedAt.set(key, true);
      void (async () => {
        for (const id of await store.activeFor(key)) if (!followed.has(id)) await takeOver(id, user);
      })().catch((error: unknown) => log?.warn({ err: error }, 'resuming a user’s operations failed'));
    },

    onFinished(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    start() {
      if (sweeper || !options.resume) return;
      const every = options.sweepMs ?? 3000;
      sweeper = setInterval(() => {
        sweep().catch((error: unknown) => log?.warn({ err: error }, 'operation sweep failed'));
      }, every);
      sweeper.unref();
      void sweep().catch((error: unknown) => log?.warn({ err: error }, 'operation sweep failed'));
    },

    async close() {
      closing = true;
      if (sweeper) clearInterval(sweeper);
      sweeper = undefined;
      if (!options.durable) return;
      await Promise.allSettled(
        [...followed.keys()].map(async (id) => {
          const entry = followed.get(id);
          if (entry) clearInterval(entry.renew);
          await store.release(id, me);
        }),
      );
    },

    async settled() {
      await Promise.allSettled([...followed.values()].map((f) => f.done));
    },
  };
}
