import type { TokenSource } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import type { ClientConfig } from '../config/client-config.ts';
import { readClaims } from './jwt.ts';
import type { TokenClient, TokenSet } from './token-client.ts';

/** Who is signed in (from the token's claims, for display only; the service decides who the user is). */
export interface Account {
  readonly name: string;
  readonly upn: string;
  readonly oid: string;
}

/** A local-mode sign-in, kept in sessionStorage: gone when the browser tab closes. */
export interface LocalSession extends TokenSet {
  readonly account: Account;
}

const KEY = 'vmm.session';
/** Tokens this close to expiry are renewed before use. */
export const RENEW_BEFORE_MS = 2 * 60 * 1000;

export function sessionFromTokens(set: TokenSet): LocalSession {
  const claims = readClaims(set.accessToken) ?? {};
  return {
    ...set,
    expiresAt: claims.exp ? Math.min(set.expiresAt, claims.exp * 1000) : set.expiresAt,
    account: {
      name: claims.name ?? claims.preferred_username ?? 'Signed-in user',
      upn: claims.preferred_username ?? claims.upn ?? '',
      oid: claims.oid ?? '',
    },
  };
}

export function loadSession(storage: Storage): LocalSession | undefined {
  try {
    const raw = storage.getItem(KEY);
    const session = raw ? (JSON.parse(raw) as LocalSession) : undefined;
    return session && typeof session.accessToken === 'string' && typeof session.expiresAt === 'number'
      ? session
      : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(storage: Storage, session: LocalSession): void {
  storage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage): void {
  storage.removeItem(KEY);
}

export interface LocalTokenSourceOptions {
  readonly config: ClientConfig;
  readonly storage: Storage;
  readonly tokens: TokenClient;
  /** Default Date.now. */
  readonly now?: () => number;
  /** Called when the session ended (refresh failed or impossible): the tab shows its sign-in page. */
  readonly onSignedOut?: (reason: string) => void;
}

/**
 * Bearer tokens from the local sign-in: the stored token while fresh, renewed with the refresh token when it is
 * about to expire or the service refused it. No session or a failed renewal → ApiError `SignInRequired`.
 */
export function createLocalTokenSource(options: LocalTokenSourceOptions): TokenSource {
  const { config, storage, tokens, now = Date.now, onSignedOut } = options;
  let renewing: Promise<string> | undefined;

  const end = (reason: string): never => {
    clearSession(storage);
    onSignedOut?.(reason);
    throw new ApiError('SignInRequired', reason, { status: 401 });
  };

  const renew = async (session: LocalSession): Promise<string> => {
    if (!session.refreshToken) return end('Your session has ended. Sign in again.');
    try {
      const next = sessionFromTokens(
        await tokens.refresh({
          clientId: config.clientId,
          refreshToken: session.refreshToken,
          scopes: [...config.scopes, 'offline_access'],
        }),
      );
      const merged = { ...next, refreshToken: next.refreshToken ?? session.refreshToken };
      saveSession(storage, merged);
      return merged.accessToken;
    } catch {
      return end('Your session has ended. Sign in again.');
    }
  };

  return {
    getToken: async ({ forceRefresh = false } = {}) => {
      const session = loadSession(storage);
      if (!session)
        throw new ApiError('SignInRequired', 'Sign in to see your virtual machines.', { status: 401 });
      if (!forceRefresh && session.expiresAt - RENEW_BEFORE_MS > now()) return session.accessToken;
      renewing ??= renew(session).finally(() => {
        renewing = undefined;
      });
      return renewing;
    },
  };
}
