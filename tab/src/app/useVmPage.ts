import { useCallback, useMemo, useRef, useState } from 'react';
import type { Operation } from '../../../contract/operation.ts';
import type { VmAction } from '../../../contract/vm.ts';
import type { ApiClient } from '../api/client.ts';
import { formatRetryAfter } from '../api/rate-limit.ts';
import { parseVmId } from '../../../contract/vm-id.ts';
import { actionInfo, availability } from '../grid/actions.ts';
import { EMPTY_FILTER, filterVms, subscriptionOptions, type VmFilter } from '../grid/filter.ts';
import { toGridItems } from '../grid/grid-item.ts';
import { useOperations, type Rejection, type RequestFailure } from '../hooks/useOperations.ts';
import { useVms } from '../hooks/useVms.ts';

export interface Notice {
  readonly intent: 'success' | 'error';
  readonly title: string;
  readonly body?: string;
}

export interface UseVmPageOptions {
  readonly api: ApiClient;
  /** A toast for finished or refused operations. */
  readonly notify: (notice: Notice) => void;
  /** List auto-refresh, ms. Default 30 000 (5 000 while operations run). */
  readonly refreshMs?: number;
  /** Operation poll period, ms. Default 2 000. */
  readonly pollMs?: number;
}

/**
 * The one toast for a request refused as a whole, however many VMs it named. A rate limit (the service's action
 * budget, or Azure throttling the single-VM call) says so and when to try again, from the last `Retry-After`;
 * anything else gives the service's reason. Pure.
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
  return {
    intent: 'error',
    title: `Couldn't ${verb} ${target}`,
    body: `${error.message} (${error.displayCode})`,
  };
}

/** State and behaviour of the VM page, apart from rendering: list, filter, selection, actions, operations. */
export function useVmPage(options: UseVmPageOptions) {
  const { api, notify, refreshMs, pollMs } = options;
  const [filter, setFilter] = useState<VmFilter>(EMPTY_FILTER);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<VmAction | undefined>();
  const [announcement, setAnnouncement] = useState('');

  // The list hook comes after the operations hook (it refreshes faster while operations run): reach it by ref.
  const vmsRef = useRef<ReturnType<typeof useVms> | undefined>(undefined);
  const onFinished = useCallback(
    (operation: Operation) => {
      const info = actionInfo(operation.action);
      if (operation.status === 'Succeeded') {
        // The toast is announced by Fluent's live region: no second announcement here.
        notify({ intent: 'success', title: `${operation.vmName} ${info.done}` });
      } else {
        const reason = operation.error
          ? `${operation.error.message} (${operation.error.armCode ?? operation.error.code})`
          : 'Azure reported a failure.';
        notify({
          intent: 'error',
          title: `Couldn't ${info.label.toLowerCase()} ${operation.vmName}`,
          body: reason,
        });
      }
      const ref = parseVmId(operation.vmId);
      if (ref) {
        api.getVm(ref).then(
          (vm) => vmsRef.current?.replaceVm(vm),
          () => vmsRef.current?.refresh(),
        );
      }
    },
    [api, notify],
  );
  const onRejected = useCallback(
    ({ vm, action, error }: Rejection) => {
      const info = actionInfo(action);
      notify({
        intent: 'error',
        title: `Couldn't ${info.label.toLowerCase()} ${vm.name}`,
        body: `${error.message} (${error.displayCode})`,
      });
    },
    [notify],
  );

  const onRequestFailed = useCallback(
    (failure: RequestFailure) => notify(requestFailedNotice(failure)),
    [notify],
  );

  const operations = useOperations({
    api,
    ...(pollMs !== undefined && { pollMs }),
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

  const start = useCallback(
    (action: VmAction) => {
      if (!availability(action, selectedItems).enabled) return;
      const targets = selectedItems.map((item) => item.vm);
      const info = actionInfo(action);
      setAnnouncement(
        `${info.label}: ${targets.length === 1 ? targets[0]!.name : `${targets.length} VMs`} requested.`,
      );
      void operations.run(action, targets);
    },
    [operations, selectedItems],
  );

  const requestAction = useCallback(
    (action: VmAction) => {
      if (actionInfo(action).confirm) setConfirming(action);
      else start(action);
    },
    [start],
  );

  const confirm = useCallback(() => {
    const action = confirming;
    setConfirming(undefined);
    if (action) start(action);
  }, [confirming, start]);

  return {
    vms,
    items,
    visible,
    subscriptions,
    filter,
    setFilter,
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
