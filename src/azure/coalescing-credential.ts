import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

/**
 * Wraps a credential so that concurrent `getToken` calls for the same request share one call.
 * MSAL serves repeated requests from its cache, but not concurrent first requests: a listing that
 * fans out over ten subscriptions (ten SDK clients, each with its own bearer policy) would otherwise
 * make ten OBO exchanges for one new user assertion. Sequential calls still go to the credential
 * (and its cache) every time; only in-flight requests are shared. A caller's abort signal is not
 * passed to the shared call.
 */
export function coalesceTokenRequests(credential: TokenCredential): TokenCredential {
  const inFlight = new Map<string, Promise<AccessToken | null>>();
  return {
    getToken(scopes: string | string[], options: GetTokenOptions = {}): Promise<AccessToken | null> {
      const list = Array.isArray(scopes) ? scopes : [scopes];
      const key = JSON.stringify([
        list,
        options.claims ?? null,
        options.tenantId ?? null,
        options.enableCae ?? false,
      ]);
      const pending = inFlight.get(key);
      if (pending) return pending;
      const { abortSignal: _abortSignal, ...shared } = options;
      const call = credential.getToken(list, shared).finally(() => inFlight.delete(key));
      inFlight.set(key, call);
      return call;
    },
  };
}
