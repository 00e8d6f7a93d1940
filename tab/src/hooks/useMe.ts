import { useEffect, useState } from 'react';
import type { ApiClient, Me } from '../api/client.ts';

/** The signed-in user as the service sees them (`GET /api/me`); undefined until known or on failure. */
export function useMe(api: ApiClient): Me | undefined {
  const [me, setMe] = useState<Me | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    api.me(controller.signal).then(setMe, () => undefined);
    return () => controller.abort();
  }, [api]);
  return me;
}
