import { useCallback, useMemo, useRef, useState } from 'react';
import type { Operation } from '../../../src/domain/operation.ts';
import type { VmAction } from '../../../src/domain/vm.ts';
import type { ApiClient } from '../api/client.ts';
import { parseVmId } from '../api/vm-path.ts';
import { actionInfo, availability } from '../grid/actions.ts';
import { EMPTY_FILTER, filterVms, subscriptionOptions, type VmFilter } from '../grid/filter.ts';
import { toGridItems } from '../grid/grid-item.ts';
import { useOperations, type Rejection } from '../hooks/useOperations.ts';
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
          ? `${operation.error.message} (${operation.error.code})`
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
        body: `${error.message} (${error.code})`,
      });
    },
    [notify],
  );

  const operations = useOperations({ api, ...(pollMs !== undefined && { pollMs }), onFinished, onRejected });
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
