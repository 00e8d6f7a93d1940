import { useCallback, useEffect, useState } from 'react';
import type { VmDetails } from '../../../contract/vm-details.ts';
import { parseVmId } from '../../../contract/vm-id.ts';
import type { ApiClient } from '../api/client.ts';
import { ApiError, toApiError } from '../api/errors.ts';

export interface VmDetailsState {
  readonly details?: VmDetails;
  readonly error?: ApiError;
  readonly loading: boolean;
  retry(): void;
}

/**
 * The details of `vmId` (undefined: none open). Fetched again when `version` changes — the VM's power state, so
 * that a dynamic public address assigned on start shows up — and on `retry()`. A failure is kept for the panel to
 * show beside what it already has: the panel never turns into an error page.
 */
export function useVmDetails(api: ApiClient, vmId: string | undefined, version = ''): VmDetailsState {
  const [state, setState] = useState<{ details?: VmDetails; error?: ApiError; loading: boolean }>({
    loading: false,
  });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);

  useEffect(() => {
    if (vmId === undefined) {
      setState({ loading: false });
      return;
    }
    const ref = parseVmId(vmId);
    if (!ref) {
      setState({
        loading: false,
        error: new ApiError('BadRequest', 'The link does not name a virtual machine.', { status: 0 }),
      });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({
      // Keep what is shown while the same VM is fetched again; a new VM starts empty.
      ...(previous.details && previous.details.vm.id.toLowerCase() === vmId.toLowerCase()
        ? { details: previous.details }
        : {}),
      loading: true,
    }));
    api.getVmDetails(ref, controller.signal).then(
      (details) => {
        if (!controller.signal.aborted) setState({ details, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({
          ...(previous.details ? { details: previous.details } : {}),
          error: toApiError(error),
          loading: false,
        }));
      },
    );
    return () => controller.abort();
  }, [api, vmId, version, attempt]);

  return { ...state, retry };
}
