import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from '../api/errors.ts';
import type { AuthAdapter } from './auth-adapter.ts';

export interface ConsentState {
  readonly granting: boolean;
  /** Why the last attempt did not complete. */
  readonly error?: ApiError;
  /** Opens the consent popup; calls `onGranted` when the user granted access. */
  grant(): void;
}

export function useConsent(auth: AuthAdapter, onGranted: () => void): ConsentState {
  const [granting, setGranting] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const grant = useCallback(() => {
    setGranting(true);
    setError(undefined);
    auth
      .consent()
      .then(onGranted, (e: unknown) => setError(toApiError(e)))
      .finally(() => setGranting(false));
  }, [auth, onGranted]);
  return { granting, grant, ...(error && { error }) };
}
