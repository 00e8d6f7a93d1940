import type { SeedApp } from '../seed/types.ts';

/** Is `uri` allowed by the app's redirect URIs? Same scheme and host, any port (loopback), path prefix. */
export function isAllowedRedirectUri(app: SeedApp, uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash || url.username || url.password) return false;
  return app.redirectUris.some((registered) => {
    const r = new URL(registered);
    return r.protocol === url.protocol && r.hostname === url.hostname && url.pathname.startsWith(r.pathname);
  });
}
