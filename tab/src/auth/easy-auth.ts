import type { TokenSource } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import type { Account } from './account.ts';
import { isThemeName } from '../theme/theme.ts';
import { safeReturnTo } from './redirects.ts';

/** App Service authentication's endpoints (same origin as the app). */
export const EASY_AUTH_PATHS = {
  me: '/.auth/me',
  login: '/.auth/login/aad',
  refresh: '/.auth/refresh',
  logout: '/.auth/logout',
  loggedOut: '/.auth/logout/complete',
} as const;

/** What `/.auth/me` told: App Service authentication is in front of the app, and who is signed in (if anyone). */
export interface EasyAuthSession {
  readonly account?: Account;
}

interface UserClaim {
  readonly typ?: unknown;
  readonly val?: unknown;
}

/** The account in App Service's `/.auth/me` answer (`[{user_id, user_claims: [{typ, val}]}]`). */
export function accountFromMe(body: unknown): Account | undefined {
  const entry = Array.isArray(body) ? (body[0] as Record<string, unknown> | undefined) : undefined;
  if (!entry || typeof entry !== 'object') return undefined;
  const claims = Array.isArray(entry.user_claims) ? (entry.user_claims as UserClaim[]) : [];
  const claim = (...types: string[]) =>
    claims.find((c) => typeof c.typ === 'string' && types.includes(c.typ) && typeof c.val === 'string')
      ?.val as string | undefined;
  const upn = claim('preferred_username', 'upn') ?? (typeof entry.user_id === 'string' ? entry.user_id : '');
  return {
    // Claims and `user_id` may be present but empty: '' is no name.
    name: claim('name') || upn || 'Signed-in user',
    upn,
    oid: claim('oid', 'http://schemas.microsoft.com/identity/claims/objectidentifier') ?? '',
  };
}

/**
 * Is the app behind App Service authentication? `/.auth/me` answers 200 (signed in) or 401 (not signed in) there;
 * without it the service answers 404 (or the probe fails): undefined.
 */
export async function probeEasyAuth(
  fetchFn: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<EasyAuthSession | undefined> {
  let response: Response;
  try {
    response = await fetchFn(EASY_AUTH_PATHS.me, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return undefined;
  }
  if (response.status === 401) return {};
  if (response.status !== 200) return undefined;
  const body: unknown = await response.json().catch(() => undefined);
  if (!Array.isArray(body)) return undefined;
  const account = accountFromMe(body);
  return account ? { account } : {};
}

/** `/.auth/login/aad`, returning to `returnTo` (a same-origin path; the page's `?theme=` rides along). */
export function easyAuthLoginUrl(returnTo: string, origin: string): string {
  return `${EASY_AUTH_PATHS.login}?post_login_redirect_uri=${encodeURIComponent(safeReturnTo(returnTo, origin))}`;
}

/** `/.auth/logout`, ending on App Service's signed-out page (in the host's theme, when it chose one). */
export function easyAuthLogoutUrl(theme?: string | null): string {
  const done = isThemeName(theme) ? `${EASY_AUTH_PATHS.loggedOut}?theme=${theme}` : EASY_AUTH_PATHS.loggedOut;
  return `${EASY_AUTH_PATHS.logout}?post_logout_redirect_uri=${encodeURIComponent(done)}`;
}

export interface EasyAuthTokenSourceOptions {
  readonly fetch?: typeof fetch;
  /** The session ended (refresh refused): the tab shows its sign-in page. */
  readonly onSignedOut?: (reason: string) => void;
}

/**
 * Behind App Service authentication the session cookie authenticates the API calls: no bearer token (an empty
 * token tells the API client so). After a 401 the client asks again with `forceRefresh`: `/.auth/refresh` renews the
 * token store's tokens; if that fails the session is over → ApiError `SignInRequired`.
 */
export function createEasyAuthTokenSource(options: EasyAuthTokenSourceOptions = {}): TokenSource {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  let refreshing: Promise<string> | undefined;
  const end = (): never => {
    const reason = 'Your session has ended. Sign in again.';
    options.onSignedOut?.(reason);
    throw new ApiError('SignInRequired', reason, { status: 401 });
  };
  const refresh = async (): Promise<string> => {
    let response: Response;
    try {
      response = await fetchFn(EASY_AUTH_PATHS.refresh, { credentials: 'same-origin', cache: 'no-store' });
    } catch (error) {
      throw new ApiError(
        'NetworkError',
        'The sign-in session could not be renewed: the site is unreachable.',
        {
          status: 0,
          cause: error,
        },
      );
    }
    return response.ok ? '' : end();
  };
  return {
    getToken: async ({ forceRefresh = false } = {}) => {
      if (!forceRefresh) return '';
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },
  };
}
