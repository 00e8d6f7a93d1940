/** Where the browser is sent around sign-in: the auth pages' paths, and where to land afterwards. Pure: no I/O. */

/** The consent / sign-in window's first page (Teams `authentication.authenticate`, the bot's fallback, the popup). */
export const AUTH_START_PATH = '/auth-start.html';
/** The consent window's redirect URI. Must be a registered (SPA) redirect URI of the app. */
export const AUTH_END_PATH = '/auth-end.html';
/** The browser sign-in's redirect URI: the tab's own page (registered as a SPA redirect URI of the app). */
export const MSAL_REDIRECT_PATH = '/';

/**
 * Where to go after sign-in (MSAL's `redirectStartPage`, App Service authentication's `post_login_redirect_uri`):
 * `value` resolved against the app's `origin` with the URL parser, kept only when it stays on that origin (then its
 * path, query and fragment); `/` otherwise. Why the parser and not string checks: browsers strip tabs and newlines
 * from URLs and read a backslash as `/`, so `/\t/evil.example` looks like a path but navigates to `//evil.example`.
 * The result is parsed once more because a same-origin path can itself start with `//` (`/.//evil` normalises to
 * `//evil`), which navigation would read as another host.
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
