/**
 * The consent request in flight, kept in sessionStorage between auth-start and auth-end (the same popup window).
 * Keyed by `state`; taken once.
 */
export type AuthMode = 'consent';

export interface PendingAuth {
  readonly state: string;
  readonly mode: AuthMode;
  readonly codeVerifier: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  /** Epoch ms. Requests older than PENDING_TTL_MS are refused. */
  readonly createdAt: number;
}

export const PENDING_TTL_MS = 10 * 60 * 1000;
const PREFIX = 'vmm.auth.pending.';

export function savePending(storage: Storage, pending: PendingAuth): void {
  storage.setItem(PREFIX + pending.state, JSON.stringify(pending));
}

/** The pending request for `state`, removed from storage; undefined if unknown or expired. */
export function takePending(storage: Storage, state: string, now: number): PendingAuth | undefined {
  const key = PREFIX + state;
  const raw = storage.getItem(key);
  storage.removeItem(key);
  if (!raw) return undefined;
  try {
    const pending = JSON.parse(raw) as PendingAuth;
    if (pending.state !== state || now - pending.createdAt > PENDING_TTL_MS) return undefined;
    return pending;
  } catch {
    return undefined;
  }
}

/**
 * Where to go after sign-in (App Service authentication's `post_login_redirect_uri`): `value` resolved against the app's `origin` with the URL parser, kept only when
 * it stays on that origin (then its path, query and fragment); `/` otherwise. Why the parser and not string
 * checks: browsers strip tabs and newlines from URLs and read a backslash as `/`, so `/\t/evil.example` looks
 * like a path but navigates to `//evil.example`. The result is parsed once more because a same-origin path can
 * itself start with `//` (`/.//evil` normalises to `//evil`), which navigation would read as another host.
 */
export function safeReturnTo(value: string | null | undefined, origin: string): string {
  if (!value) return '/';
  try {
    const home = new URL(origin).origin;
    const url = new URL(value, home);
    if (url.origin !== home) return '/';
    const path = url.pathname + url.search + url.hash;
    return new URL(path, home).href === url.href ? path : '/';
  } catch {
    return '/';
  }
}
