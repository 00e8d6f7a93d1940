import { randomUUID } from 'node:crypto';
import type { ArmDeps } from './access.ts';
import { takeOperationFailure } from './failures.ts';
import { plan, type ConflictReason, type PlanOptions, type PowerAction } from './power.ts';
import type { VmRecord } from './store.ts';

export interface PowerOperationOptions {
  readonly now: number;
  /** Who asked: the caller's oid, or the platform's for a scheduled shutdown. */
  readonly principalId: string;
  readonly skipShutdown?: boolean;
  readonly hibernate?: boolean;
}

export type PowerOperationResult =
  | { readonly kind: 'conflict'; readonly reason: ConflictReason; readonly busyWith?: PowerAction }
  | { readonly kind: 'accepted'; readonly operationId: string };

/**
 * Begins a power operation on a VM, as ARM does for `POST …/{action}` and as the platform does for a scheduled
 * shutdown: plans it against the VM's power timeline, applies an injected failure (not to an operation joining a
 * running one), ends the operation it preempts `Canceled` with `OperationPreempted`, and records the new operation.
 */
export function beginPowerOperation(
  deps: Pick<ArmDeps, 'ctx' | 'store'>,
  vm: VmRecord,
  action: PowerAction,
  options: PowerOperationOptions,
): PowerOperationResult {
  const { ctx, store } = deps;
  const { now } = options;
  const operationId = randomUUID();
  const planOptions: PlanOptions = {
    now,
    durationMs: ctx.options.transitionMs,
    operationId,
    ...(options.skipShutdown ? { skipShutdown: true } : {}),
    ...(options.hibernate ? { hibernate: true } : {}),
  };
  let result = plan(store.power(vm.id), action, planOptions);
  if (result.kind === 'conflict') return result;
  const fail = result.joined ? undefined : takeOperationFailure(ctx.faults.operationFailures, vm, action);
  if (fail) {
    const failing = plan(store.power(vm.id), action, { ...planOptions, fail });
    if (failing.kind === 'accepted') result = failing;
  }
  if (result.kind !== 'accepted') return result;

  if (result.preempts) {
    store.endInFlight(vm.id, {
      status: 'Canceled',
      at: now,
      error: {
        code: 'OperationPreempted',
        message: 'Operation execution has been preempted by a more recent operation.',
      },
    });
  }
  store.setPower(vm.id, result.timeline);
  store.addOperation({
    id: operationId,
    subscriptionId: vm.subscriptionId,
    location: vm.location,
    resourceId: vm.id,
    action,
    principalId: options.principalId,
    startedAt: now,
    completesAt: result.completesAt,
    ...(result.failure
      ? { ended: { status: 'Failed' as const, at: result.completesAt, error: result.failure } }
      : {}),
  });
  return { kind: 'accepted', operationId };
}
