import { useCallback, useMemo, useRef, useState } from 'react';
import type { Operation } from '../../../contract/operation.ts';
import type { Vm, VmAction } from '../../../contract/vm.ts';
import { parseVmId } from '../../../contract/vm-id.ts';
import type { ApiClient } from '../api/client.ts';
import { formatRetryAfter } from '../api/rate-limit.ts';
import { actionInfo, planAction } from '../grid/actions.ts';
import type { ActionRequest } from '../grid/ConfirmDialog.tsx';
import { EMPTY_FILTER, filterVms, subscriptionOptions, type VmFilter } from '../grid/filter.ts';
import { toGridItems, type GridItem } from '../grid/grid-item.ts';
import { useOperations, type Rejection, type RequestFailure } from '../hooks/useOperations.ts';
import { useVms } from '../hooks/useVms.ts';
import {
  batchAccepted,
  batchFinished,
  batchRefused,
  batchRejected,
  batchSubmitted,
  batchSummary,
  newBatch,
  refusedBy,
  type Batch,
  type BatchSummary,
} from './batch.ts';

export interface Notice {
  readonly intent: 'success' | 'error';
  readonly title: string;
  readonly body?: string;
}

export interface UseVmPageOptions {
  readonly api: ApiClient;
  /** A toast for a finished or refused operation on one VM. */
  readonly notify: (notice: Notice) => void;
  /** The one toast of a bulk request: shown when its requests were answered, then updated in place. */
  readonly showBatch: (id: string, summary: BatchSummary) => void;
  /** List auto-refresh, ms. Default 30 000 (5 000 while operations run). */
  readonly refreshMs?: number;
  /** Operation poll period, ms. Default 2 000. */
  readonly pollMs?: number;
  /** Which VMs to show (the view's filter, kept in the URL by the page). */
  readonly filter?: VmFilter;
}

/**
 * The one toast for a request refused as a whole, however many VMs it named. A rate limit (the service's action
 * budget, or Azure throttling the single-VM call) says so and when to try again, from the last `Retry-After`;
 * Azure refusing the change in the VM's state (409) says "Azure refused" with Azure's own words and code, never
 * that something is temporarily wrong; anything else gives the service's reason. Pure.
 */
export function requestFailedNotice({ action, vms, error }: RequestFailure): Notice {
  const verb = actionInfo(action).label.toLowerCase();
  const target = vms.length === 1 ? vms[0]!.name : `${vms.length} VMs`;
  if (error.code === 'TooManyRequests') {
    const when =
      error.retryAfter !== undefined
        ? `Try again in ${formatRetryAfter(error.retryAfter)}.`
        : 'Wait a moment and try again.';
    return {
      intent: 'error',
      title: `Too many requests: couldn't ${verb} ${target}`,
      body: `This request was rate-limited, so no VM was changed. ${when}`,
    };
  }
  if (refusedBy(error))
    return {
      intent: 'error',
      title: `Azure refused to ${verb} ${target}`,
      body: `Azure said: ${error.message} (${error.displayCode})`,
    };
  return {
    intent: 'error',
    title: `Couldn't ${verb} ${target}`,
    body: `${error.message} (${error.displayCode})`,
  };
}

/** State and behaviour of the VM page, apart from rendering: list, filter, selection, actions, operations. */
export function useVmPage(options: UseVmPageOptions) {
  const { api, notify, showBatch, refreshMs, pollMs, filter = EMPTY_FILTER } = options;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<ActionRequest | undefined>();
  const [announcement, setAnnouncement] = useState('');

  // The list hook comes after the operations hook (it refreshes faster while operations run): reach it by ref.
  const vmsRef = useRef<ReturnType<typeof useVms> | undefined>(undefined);
  /** Fetches one VM again (its state changed, or Azure said it is not what the list shows). */
  const reload = useCallback(
    (vmId: string) => {
      const ref = parseVmId(vmId);
      if (!ref) return;
      api.getVm(ref).then(
        (vm) => vmsRef.current?.replaceVm(vm),
        () => vmsRef.current?.refresh(),
      );
    },
    [api],
  );

  // Batches in flight, by id: updated from every callback, shown once their requests were answered.
  const batches = useRef(new Map<string, Batch>());
  const updateBatch = useCallback(
    (id: string, change: (batch: Batch) => Batch) => {
      const batch = batches.current.get(id);
      if (!batch) return;
      const next = change(batch);
      const summary = batchSummary(next);
      if (next.submitted && summary.done) batches.current.delete(id);
      else batches.current.set(id, next);
      if (next.submitted) showBatch(id, summary);
    },
    [showBatch],
  );

  const onAccepted = useCallback(
    (operation: Operation, batch: string | undefined) => {
      if (batch !== undefined) updateBatch(batch, (b) => batchAccepted(b, operation));
    },
    [updateBatch],
  );
  const onFinished = useCallback(
    (operation: Operation, batch: string | undefined) => {
      reload(operation.vmId);
      // A batch's operations finished before its requests were all answered were counted by onAccepted.
      if (batch !== undefined) {
        updateBatch(batch, (b) => (b.running.has(operation.id) ? batchFinished(b, operation) : b));
        return;
      }
      const info = actionInfo(operation.action);
      if (operation.status === 'Succeeded') {
        // The toast is announced by Fluent's live region: no second announcement here.
        notify({ intent: 'success', title: `${operation.vmName} ${info.finished}` });
        return;
      }
      const reason = operation.error
        ? `${operation.error.message} (${operation.error.armCode ?? operation.error.code})`
        : 'Azure reported a failure.';
      notify({
        intent: 'error',
        title: `Couldn't ${info.label.toLowerCase()} ${operation.vmName}`,
        body: reason,
      });
    },
    [notify, reload, updateBatch],
  );
  const onRejected = useCallback(
    ({ vm, action, error, batch }: Rejection) => {
      if (refusedBy(error)) reload(vm.id);
      if (batch !== undefined) {
        updateBatch(batch, (b) => batchRejected(b, vm.name, error));
        return;
      }
      notify(requestFailedNotice({ action, vms: [vm], error }));
    },
    [notify, reload, updateBatch],
  );
  const onRequestFailed = useCallback(
    (failure: RequestFailure) => {
      if (refusedBy(failure.error)) failure.vms.forEach((vm) => reload(vm.id));
      if (failure.batch !== undefined) {
        updateBatch(failure.batch, (b) =>
          batchRefused(
            b,
            failure.vms.map((vm) => vm.name),
            failure.error,
          ),
        );
        return;
      }
      notify(requestFailedNotice(failure));
    },
    [notify, reload, updateBatch],
  );

  const operations = useOperations({
    api,
    ...(pollMs !== undefined && { pollMs }),
    onAccepted,
    onFinished,
    onRejected,
    onRequestFailed,
  });
  const vms = useVms({
    api,
    fast: operations.running.size > 0,
    ...(refreshMs !== undefined && { refreshMs }),
  });
  vmsRef.current = vms;

  const items = useMemo(() => toGridItems(vms.vms, operations.running), [vms.vms, operations.running]);
  const visible = useMemo(() => filterVms(items, filter), [items, filter]);
  const subscriptions = useMemo(() => subscriptionOptions(vms.vms), [vms.vms]);
  // Actions apply to the selected rows that are shown: a filter never hides what a click acts on.
  const selectedItems = useMemo(
    () => visible.filter((item) => selected.has(item.vm.id)),
    [visible, selected],
  );

  const sequence = useRef(0);
  const start = useCallback(
    (request: ActionRequest) => {
      const { action, plan } = request;
      const targets: Vm[] = plan.eligible.map((item) => item.vm);
      if (targets.length === 0) return;
      const info = actionInfo(action);
      setAnnouncement(
        `${info.label}: ${targets.length === 1 ? targets[0]!.name : `${targets.length} VMs`} requested.`,
      );
      // One VM alone reports like before (one toast naming it); a click on several is one batch, one toast.
      if (targets.length + plan.skipped.length === 1) {
        void operations.run(action, targets);
        return;
      }
      const id = `batch-${++sequence.current}`;
      batches.current.set(
        id,
        newBatch(
          id,
          action,
          targets.length,
          plan.skipped.map((s) => ({ name: s.item.vm.name, reason: s.reason })),
        ),
      );
      void operations.run(action, targets, { batch: id }).then(() => updateBatch(id, batchSubmitted));
    },
    [operations, updateBatch],
  );

  /**
   * A toolbar button (the selection) or a row menu (`items`: that one VM). Runs only on the VMs where the action
   * makes sense (contract/power.ts); asks first when it is one that interrupts or keeps billing, or when it skips
   * any VM, so the dialog can say which and why.
   */
  const requestAction = useCallback(
    (action: VmAction, items?: readonly GridItem[]) => {
      const plan = planAction(action, items ?? selectedItems);
      if (plan.eligible.length === 0) return;
      const request = { action, plan };
      if (actionInfo(action).confirm || plan.skipped.length > 0) setConfirming(request);
      else start(request);
    },
    [selectedItems, start],
  );

  const confirm = useCallback(() => {
    const request = confirming;
    setConfirming(undefined);
    if (request) start(request);
  }, [confirming, start]);

  return {
    vms,
    items,
    visible,
    subscriptions,
    filter,
    selected,
    setSelected,
    selectedItems,
    clearSelection: () => setSelected(new Set()),
    requestAction,
    confirming,
    confirm,
    cancelConfirm: () => setConfirming(undefined),
    running: operations.running,
    announcement,
  };
}
