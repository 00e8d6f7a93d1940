import { useCallback, useEffect, useRef, useState } from 'react';
import type { SubscriptionError, Vm } from '../../../contract/vm.ts';
import { EMPTY_LIST, failedListing, mergeListing, type ListState } from './list-merge.ts';
import type { ApiClient } from '../api/client.ts';
import { toApiError, type ApiError } from '../api/errors.ts';
import { vmKey, parseVmId } from '../../../contract/vm-id.ts';

export interface UseVmsOptions {
  readonly api: ApiClient;
  /** Auto-refresh period. Default 30 000 ms. */
  readonly refreshMs?: number;
  /** Period while `fast` (operations running). Default 5 000 ms. */
  readonly fastRefreshMs?: number;
  readonly fast?: boolean;
  /** When false nothing loads (e.g. consent pending). Default true. */
  readonly enabled?: boolean;
}

export interface VmsState {
  readonly vms: readonly Vm[];
  /** Subscriptions that could not be listed; the others still are. */
  readonly errors: readonly SubscriptionError[];
  /** Subscriptions whose VMs are shown from an earlier listing (see list-merge.ts), with its time. */
  readonly staleSince: ReadonlyMap<string, number>;
  /** The last refresh listed nothing: what is shown is older than "now". */
  readonly refreshFailed: boolean;
  /** `loading` until the first answer; `error` only when there is no data at all. */
  readonly status: 'loading' | 'ready' | 'error';
  /** The last refresh's failure (the list shown may be older). */
  readonly error?: ApiError;
  /** Epoch ms of the last refresh that listed anything. */
  readonly updatedAt?: number;
  readonly refreshing: boolean;
  refresh(): void;
  /** Puts a freshly fetched VM in place (after an operation finished). */
  replaceVm(vm: Vm): void;
}

interface Data extends ListState {
  readonly status: VmsState['status'];
  readonly error?: ApiError;
}

/**
 * The user's VMs: loads, auto-refreshes (faster while operations run; paused while the page is hidden), keeps the
 * last good list on failure — of the whole request, and of each subscription Azure did not answer for.
 */
export function useVms(options: UseVmsOptions): VmsState {
  const { api, refreshMs = 30_000, fastRefreshMs = 5_000, fast = false, enabled = true } = options;
  const [data, setData] = useState<Data>({ ...EMPTY_LIST, status: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const [tick, setTick] = useState(0);
  const inFlight = useRef<AbortController | undefined>(undefined);

  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    inFlight.current?.abort();
    inFlight.current = controller;
    setRefreshing(true);
    api
      .listVms(controller.signal)
      .then(({ vms, errors }) => {
        if (controller.signal.aborted) return;
        setData((previous) => ({ ...mergeListing(previous, { vms, errors }, Date.now()), status: 'ready' }));
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = toApiError(error);
        setData((previous) => ({
          ...failedListing(previous),
          status: previous.status === 'ready' ? 'ready' : 'error',
          error: apiError,
        }));
      })
      .finally(() => {
        if (!controller.signal.aborted) setRefreshing(false);
      });
    return () => controller.abort();
  }, [api, enabled, tick]);

  // Next automatic refresh: counted from the last answer, so a slow list never overlaps itself.
  const period = fast ? fastRefreshMs : refreshMs;
  useEffect(() => {
    if (!enabled || refreshing) return;
    const timer = setTimeout(() => {
      if (typeof document === 'undefined' || document.visibilityState !== 'hidden') refresh();
    }, period);
    return () => clearTimeout(timer);
  }, [enabled, refreshing, period, refresh, data]);

  // Back from a hidden page: refresh at once if the list is stale.
  useEffect(() => {
    if (typeof document === 'undefined') return;
    const onVisible = () => {
      if (
        document.visibilityState === 'visible' &&
        (data.updatedAt === undefined || Date.now() - data.updatedAt > period)
      )
        refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [data.updatedAt, period, refresh]);

  const replaceVm = useCallback((vm: Vm) => {
    setData((previous) => ({ ...previous, vms: previous.vms.map((v) => (sameVm(v.id, vm.id) ? vm : v)) }));
  }, []);

  return { ...data, refreshing, refresh, replaceVm };
}

/** ARM ids compare case-insensitively (by the contract's VM key when both parse). */
function sameVm(a: string, b: string): boolean {
  const x = parseVmId(a);
  const y = parseVmId(b);
  return x && y ? vmKey(x) === vmKey(y) : a.toLowerCase() === b.toLowerCase();
}
