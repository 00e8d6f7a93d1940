import {
  apiPaths,
  type AutoShutdown,
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  isErrorCode,
  MAX_BULK_IDS,
  type BulkItem,
  type BulkResult,
  type Me,
  type Operation,
  type Vm,
  type VmAction,
  type VmDetails,
  type VmList,
  type VmRef,
} from '../../../contract/index.ts';
import { ApiError, type ApiErrorCode } from './errors.ts';
import { parseRetryAfter, withRateLimitRetry, type RetryOptions } from './rate-limit.ts';

/** Where the client gets its Bearer token: Teams SSO or the local sign-in. */
export interface TokenSource {
  /**
   * A token for the service (`aud` = the app). `forceRefresh` asks for a new one after the service answered 401.
   * Throws ApiError (`SignInRequired`, `TeamsAuthFailed`, …) when no token can be had. An empty string means the
   * requests are authenticated by the App Service authentication session (cookie): no `Authorization` header, the
   * contract's CSRF header instead.
   */
  getToken(options?: { readonly forceRefresh?: boolean }): Promise<string>;
}

export type { Me };

export interface ApiClientOptions {
  readonly tokens: TokenSource;
  /** Service origin; default `''` (same origin as the tab, which the service serves). */
  readonly baseUrl?: string;
  /** Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** How VM actions answered 429 are retried. Default RATE_LIMIT_RETRY, with setTimeout. */
  readonly rateLimitRetry?: RetryOptions;
}

/** Bulk requests are capped by the service (the contract's limit). */
export const MAX_BULK = MAX_BULK_IDS;

/** Typed client of the service's `/api`. Every method throws ApiError. */
export interface ApiClient {
  me(signal?: AbortSignal): Promise<Me>;
  listVms(signal?: AbortSignal): Promise<VmList>;
  getVm(ref: VmRef, signal?: AbortSignal): Promise<Vm>;
  /** The details panel: the VM, its NICs and public IPs as the user may read them (unreadable parts say why). */
  getVmDetails(ref: VmRef, signal?: AbortSignal): Promise<VmDetails>;
  /** Retried on 429 per the rate-limit policy; the last 429 is thrown with its `retryAfter`. */
  act(ref: VmRef, action: VmAction): Promise<Operation>;
  /** Up to MAX_BULK ids; per-VM failures come back per item. Retried on 429 as a whole, like act. */
  actMany(action: VmAction, ids: readonly string[]): Promise<readonly BulkItem[]>;
  getOperation(id: string, signal?: AbortSignal): Promise<Operation>;
  /** Saves the VM's daily auto-shutdown (as the user: ARM's 403 for roles that may not). */
  setAutoShutdown(ref: VmRef, value: AutoShutdown): Promise<AutoShutdown>;
  /** Turns it off. */
  removeAutoShutdown(ref: VmRef): Promise<void>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { tokens, baseUrl = '' } = options;
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function send(
    path: string,
    init: { method?: string; body?: unknown; signal?: AbortSignal | undefined },
    forceRefresh = false,
  ): Promise<Response> {
    const token = await tokens.getToken({ forceRefresh });
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : { [CSRF_HEADER]: CSRF_HEADER_VALUE }),
    };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetchFn(baseUrl + path, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
        ...(init.signal && { signal: init.signal }),
        cache: 'no-store',
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiError(
        'NetworkError',
        'The service could not be reached. Check your connection and try again.',
        { status: 0, cause: error },
      );
    }
  }

  /** `send`, and once more with a fresh token after a 401 (it may have expired between acquisition and use). */
  async function sendAuthenticated(
    path: string,
    init: { method?: string; body?: unknown; signal?: AbortSignal | undefined },
  ): Promise<Response> {
    const response = await send(path, init);
    return response.status === 401 ? send(path, init, true) : response;
  }

  async function request<T>(
    path: string,
    init: { method?: string; body?: unknown; signal?: AbortSignal | undefined } = {},
  ): Promise<T> {
    const response = await sendAuthenticated(path, init);
    const body = await readJson(response);
    if (!response.ok) throw errorFrom(response, body);
    if (body === undefined)
      throw new ApiError('InvalidResponse', `The service answered ${path} without a JSON body.`, {
        status: response.status,
      });
    return body as T;
  }

  return {
    me: (signal) => request<Me>(apiPaths.me, { signal }),
    listVms: async (signal) => {
      const body = await request<Partial<VmList>>(apiPaths.vms, { signal });
      if (!Array.isArray(body.vms))
        throw new ApiError('InvalidResponse', 'The VM list has no `vms` array.', { status: 200 });
      return { vms: body.vms, errors: Array.isArray(body.errors) ? body.errors : [] };
    },
    getVm: (ref, signal) => request<Vm>(apiPaths.vm(ref), { signal }),
    getVmDetails: async (ref, signal) => {
      const body = await request<Partial<VmDetails>>(apiPaths.vmDetails(ref), { signal });
      if (!body.vm || !Array.isArray(body.networkInterfaces))
        throw new ApiError('InvalidResponse', 'The VM details have no `vm` or `networkInterfaces`.', {
          status: 200,
        });
      return { ...body, zones: Array.isArray(body.zones) ? body.zones : [] } as VmDetails;
    },
    act: async (ref, action) =>
      (
        await withRateLimitRetry(
          () => request<{ operation: Operation }>(apiPaths.action(ref, action), { method: 'POST' }),
          options.rateLimitRetry,
        )
      ).operation,
    actMany: async (action, ids) => {
      if (ids.length > MAX_BULK)
        throw new ApiError('BadRequest', `At most ${MAX_BULK} VMs per request.`, { status: 0 });
      return (
        await withRateLimitRetry(
          () =>
            request<BulkResult>(apiPaths.bulk, {
              method: 'POST',
              body: { action, ids },
            }),
          options.rateLimitRetry,
        )
      ).operations;
    },
    getOperation: (id, signal) => request<Operation>(apiPaths.operation(id), { signal }),
    setAutoShutdown: (ref, value) =>
      request<AutoShutdown>(apiPaths.autoShutdown(ref), { method: 'PUT', body: value }),
    removeAutoShutdown: async (ref) => {
      const response = await sendAuthenticated(apiPaths.autoShutdown(ref), { method: 'DELETE' });
      if (!response.ok) throw errorFrom(response, await readJson(response));
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: 'Your sign-in is no longer valid.',
  403: 'You are not allowed to do this.',
  404: 'Not found.',
  429: 'Too many requests. Wait a moment and try again.',
  503: 'Azure is unavailable right now. Try again in a moment.',
};

/** The service's `{error:{code, message, scopes?}}` as an ApiError; anything else gets a code from the status. */
export function errorFrom(
  response: Pick<Response, 'status' | 'headers'>,
  body: unknown,
  now: number = Date.now(),
): ApiError {
  const error = (
    body as { error?: { code?: unknown; message?: unknown; scopes?: unknown; armCode?: unknown } } | undefined
  )?.error;
  // A code outside the contract (a proxy's, a newer service's) is classified by its status instead.
  const code = isErrorCode(error?.code) ? error.code : codeForStatus(response.status);
  const message =
    typeof error?.message === 'string'
      ? error.message
      : (FALLBACK_MESSAGES[response.status] ?? `The service answered HTTP ${response.status}.`);
  const scopes = Array.isArray(error?.scopes)
    ? error.scopes.filter((s): s is string => typeof s === 'string')
    : undefined;
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now);
  return new ApiError(code, message, {
    status: response.status,
    ...(scopes && { scopes }),
    ...(retryAfter !== undefined && { retryAfter }),
    ...(typeof error?.armCode === 'string' &&
      error.armCode !== '' && { armCode: error.armCode.slice(0, 100) }),
  });
}

function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 400:
      return 'BadRequest';
    case 401:
      return 'InvalidToken';
    case 403:
      return 'AuthorizationFailed';
    case 404:
      return 'NotFound';
    case 409:
      return 'Conflict';
    case 413:
      return 'PayloadTooLarge';
    case 429:
      return 'TooManyRequests';
    case 503:
      return 'AzureUnavailable';
    default:
      return status >= 500 ? 'InternalError' : 'InvalidResponse';
  }
}
