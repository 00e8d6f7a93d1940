import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isAppError } from '../domain/errors.ts';
import type { Operation, OperationError } from '../../contract/operation.ts';
import type { OperationService } from '../domain/services.ts';
import { userKeyOf, type SignedInUser } from '../domain/user.ts';
import type { VmAction } from '../../contract/vm.ts';
import type { OperationStore } from './store.ts';

export interface OperationTrackerOptions {
  readonly store: OperationStore;
  readonly logger?: Logger;
  readonly now?: () => number;
  readonly newId?: () => string;
}

export interface TrackRequest {
  readonly user: SignedInUser;
  readonly vmId: string;
  readonly vmName: string;
  readonly action: VmAction;
  /** Settles when Azure reports the end of the operation. */
  readonly completion: Promise<void>;
}

/** Records operations, follows them to the end in the background, and tells listeners when they finish. */
export interface OperationTracker extends OperationService {
  /** Records an accepted operation as InProgress and follows `completion`. */
  track(request: TrackRequest): Operation;
  /** Resolves once every operation currently followed has finished (tests, graceful shutdown). */
  settled(): Promise<void>;
}

function operationError(error: unknown): OperationError {
  if (isAppError(error)) {
    const armCode = error.details?.armCode;
    return { code: error.code, message: error.message, ...(armCode ? { armCode } : {}) };
  }
  return { code: 'OperationFailed', message: 'The operation failed.' };
}

export function createOperationTracker(options: OperationTrackerOptions): OperationTracker {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;
  const listeners = new Set<(operation: Operation) => void>();
  const inFlight = new Set<Promise<void>>();

  function finish(id: string, outcome: { readonly error?: OperationError }): void {
    const current = options.store.get(id);
    if (!current || current.status !== 'InProgress') return;
    const finished: Operation = {
      ...current,
      status: outcome.error ? 'Failed' : 'Succeeded',
      ...(outcome.error ? { error: outcome.error } : {}),
      finishedAt: new Date(now()).toISOString(),
    };
    options.store.put(finished);
    options.logger?.info(
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
        options.logger?.error({ err: error, operationId: id }, 'operation listener threw');
      }
    }
  }

  return {
    track(request) {
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
      options.store.put(operation);
      const followed = request.completion.then(
        () => finish(operation.id, {}),
        (error: unknown) => finish(operation.id, { error: operationError(error) }),
      );
      inFlight.add(followed);
      void followed.finally(() => inFlight.delete(followed));
      return operation;
    },

    get(user, id) {
      const operation = options.store.get(id);
      return operation && userKeyOf(operation.requestedBy) === userKeyOf(user) ? operation : undefined;
    },

    onFinished(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    async settled() {
      await Promise.allSettled([...inFlight]);
    },
  };
}
