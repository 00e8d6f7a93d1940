import { useCallback, useEffect, useRef, useState } from 'react';
import type { Operation } from '../../../contract/operation.ts';
import type { Vm, VmAction } from '../../../contract/vm.ts';
import { MAX_BULK, type ApiClient } from '../api/client.ts';
import { ApiError, isApiError, toApiError } from '../api/errors.ts';
import { vmKey } from '../grid/grid-item.ts';
import { statusOf } from '../../../contract/errors.ts';

/** A VM the service refused to act on (RBAC, conflict, throttling…), with ARM's reason. */
export interface Rejection {
  readonly vm: Pick<Vm, 'id' | 'name'>;
  readonly action: VmAction;
  readonly error: ApiError;
  /** The batch (one click on several VMs) it belongs to, when `run` was given one. */
  readonly batch?: string;
}

/**
 * A request the service refused as a whole (rate limit, network, 503…): no VM in it was acted on. One per click,
 * however many VMs, so the page can say it once.
 */
export interface RequestFailure {
  readonly action: VmAction;
  readonly vms: readonly Pick<Vm, 'id' | 'name'>[];
  readonly error: ApiError;
  readonly batch?: string;
}

export interface UseOperationsOptions {
  readonly api: ApiClient;
  /** Poll period of `/api/operations/{id}`. Default 2 000 ms. */
  readonly pollMs?: number;
  /** At most this many operation polls in flight at once. Default 6. */
  readonly pollConcurrency?: number;
  /** Azure accepted an action (the operation may already be finished, e.g. a start of a running VM). */
  readonly onAccepted?: (operation: Operation, batch: string | undefined) => void;
  /** An operation reached Succeeded or Failed; `batch` as given to `run`. */
  readonly onFinished?: (operation: Operation, batch: string | undefined) => void;
  /** A VM's action could not even start (a per-VM refusal inside a bulk answer). */
  readonly onRejected?: (rejection: Rejection) => void;
  /** The whole request failed, after the client's rate-limit retries. */
  readonly onRequestFailed?: (failure: RequestFailure) => void;
}

export interface OperationsState {
  /** Operations in progress, by `vmKey(vmId)`. */
  readonly running: ReadonlyMap<string, Operation>;
  /**
   * Starts `action` on the VMs (one request per VM alone, bulk requests of ≤ 50 otherwise); resolves once every
   * request was answered. `batch` tags every callback of this call (the page reports a batch in one toast).
   */
  run(
    action: VmAction,
    vms: readonly Pick<Vm, 'id' | 'name' | 'subscriptionId' | 'resourceGroup'>[],
    options?: { readonly batch?: string },
  ): Promise<void>;
}

export function useOperations(options: UseOperationsOptions): OperationsState {
  const { api, pollMs = 2_000, pollConcurrency = 6 } = options;
  const [running, setRunning] = useState<ReadonlyMap<string, Operation>>(new Map());
  // Latest callbacks without re-arming the poller on every render.
  const callbacks = useRef(options);
  callbacks.current = options;
  /** Operation id → the batch `run` tagged it with. */
  const batches = useRef(new Map<string, string>());

  const settle = useCallback((operation: Operation) => {
    setRunning((previous) => {
      const next = new Map(previous);
      if (operation.status === 'InProgress') next.set(vmKey(operation.vmId), operation);
      else next.delete(vmKey(operation.vmId));
      return next;
    });
    if (operation.status !== 'InProgress') {
      const batch = batches.current.get(operation.id);
      batches.current.delete(operation.id);
      callbacks.current.onFinished?.(operation, batch);
    }
  }, []);

  const run = useCallback<OperationsState['run']>(
    async (action, vms, runOptions = {}) => {
      const { batch } = runOptions;
      const tag = batch !== undefined ? { batch } : {};
      const accept = (operation: Operation) => {
        if (batch !== undefined) batches.current.set(operation.id, batch);
        callbacks.current.onAccepted?.(operation, batch);
        settle(operation);
      };
      const reject = (vm: Pick<Vm, 'id' | 'name'>, error: ApiError) =>
        callbacks.current.onRejected?.({ vm, action, error, ...tag });
      const fail = (failed: readonly Pick<Vm, 'id' | 'name'>[], error: unknown) =>
        callbacks.current.onRequestFailed?.({ action, vms: failed, error: toApiError(error), ...tag });
      if (vms.length === 1) {
        const vm = vms[0]!;
        try {
          accept(
            await api.act(
              { subscriptionId: vm.subscriptionId, resourceGroup: vm.resourceGroup, name: vm.name },
              action,
            ),
          );
        } catch (error) {
          fail([vm], error);
        }
        return;
      }
      const byKey = new Map(vms.map((vm) => [vmKey(vm.id), vm]));
      for (let i = 0; i < vms.length; i += MAX_BULK) {
        const chunk = vms.slice(i, i + MAX_BULK);
        try {
          const items = await api.actMany(
            action,
            chunk.map((vm) => vm.id),
          );
          for (const item of items) {
            if ('operation' in item) accept(item.operation);
            else {
              const vm = byKey.get(vmKey(item.vmId)) ?? {
                id: item.vmId,
                name: item.vmId.split('/').at(-1) ?? item.vmId,
              };
              reject(
                vm,
                new ApiError(item.error.code, item.error.message, {
                  status: statusOf(item.error.code),
                  ...(item.error.armCode ? { armCode: item.error.armCode } : {}),
                }),
              );
            }
          }
        } catch (error) {
          // The rest would meet the same refusal (the same budget, the same outage): stop, and report this chunk
          // and every later one as one failure.
          fail(vms.slice(i), error);
          return;
        }
      }
    },
    [api, settle],
  );

  // Poll every running operation until it finishes.
  const hasRunning = running.size > 0;
  const runningRef = useRef(running);
  runningRef.current = running;
  useEffect(() => {
    if (!hasRunning) return;
    let cancelled = false;
    const controller = new AbortController();
    const poll = async () => {
      const operations = [...runningRef.current.values()];
      await forEachLimited(operations, pollConcurrency, async (operation) => {
        try {
          const latest = await api.getOperation(operation.id, controller.signal);
          if (!cancelled && latest.status !== 'InProgress') settle(latest);
        } catch (error) {
          // The service forgot it (restart): stop tracking; the list refresh shows the VM's real state.
          if (!cancelled && isApiError(error, 'NotFound'))
            settle({
              ...operation,
              status: 'Failed',
              error: {
                code: 'OperationLost',
                message: 'The service no longer knows this operation. Refresh to see the VM state.',
              },
            });
          // Anything else (network, 503): try again next tick.
        }
      });
      if (!cancelled) timer = setTimeout(() => void poll(), pollMs);
    };
    let timer = setTimeout(() => void poll(), pollMs);
    return () => {
      cancelled = true;
      controller.abort();
      clearTimeout(timer);
    };
  }, [api, hasRunning, pollMs, pollConcurrency, settle]);

  return { running, run };
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}
