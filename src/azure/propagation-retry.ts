import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';

/**
 * AADSTS codes Entra answers while a new federated identity credential (or app credential) is
 * still propagating: "no matching federated identity record" (70021) and its assertion-side twin
 * (700213). Entra documents that a new federated credential can take minutes to be honoured.
 */
const PROPAGATION_ERRORS = new Set([70021, 700213]);

export interface PropagationRetryOptions {
  /** When the service started (epoch ms): only this long after it are these errors retried. */
  readonly startedAt: number;
  /** How long after start the errors may be propagation. Default 10 min. */
  readonly windowMs?: number;
  /** Delays between attempts. Default 1, 2, 4, 8 s (15 s in all, inside the request deadline). */
  readonly delaysMs?: readonly number[];
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The AADSTS number MSAL put on its ServerError (`errorNo`, the first of Entra's `error_codes`). */
function aadstsOf(error: unknown): number | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const errorNo = (current as { errorNo?: unknown }).errorNo;
    const n = typeof errorNo === 'number' ? errorNo : typeof errorNo === 'string' ? Number(errorNo) : NaN;
    if (Number.isInteger(n)) return n;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Retries the OBO exchange while its failure is a credential still propagating, for a bounded time
 * after the service starts (the first deployment creates the federated credential minutes before
 * Entra honours it). After the window, or for any other error, the failure surfaces at once (as
 * 503 ServiceMisconfigured through the error mapping).
 */
export function retryWhilePropagating(
  credential: TokenCredential,
  options: PropagationRetryOptions,
): TokenCredential {
  const now = options.now ?? Date.now;
  const windowMs = options.windowMs ?? 10 * 60_000;
  const delays = options.delaysMs ?? [1000, 2000, 4000, 8000];
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return {
    async getToken(scopes: string | string[], getOptions: GetTokenOptions = {}): Promise<AccessToken | null> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await credential.getToken(scopes, getOptions);
        } catch (error) {
          const code = aadstsOf(error);
          const delay = delays[attempt];
          const propagating = code !== undefined && PROPAGATION_ERRORS.has(code);
          if (!propagating || delay === undefined || now() - options.startedAt > windowMs) throw error;
          if (getOptions.abortSignal?.aborted) throw error;
          await sleep(delay);
        }
      }
    },
  };
}
