import type { EmuResponse } from '../http/types.ts';
import { signedOutPage } from './pages.ts';
import { isAllowedRedirectUri } from './redirect-uri.ts';
import { param, readForm, type EntraRequest } from './request.ts';
import { cookie, sessionCookie } from './session.ts';
import { SESSION_COOKIE } from './state.ts';

/** `/{tenant}/oauth2/v2.0/logout`: ends the session; returns to an allowed post_logout_redirect_uri. */
export async function logoutEndpoint({ req, ctx, state }: EntraRequest): Promise<EmuResponse> {
  const params = req.method === 'POST' ? await readForm(req) : req.url.searchParams;
  const id = cookie(req, SESSION_COOKIE);
  if (id) state.sessions.delete(id);
  const clear = { 'set-cookie': sessionCookie('', 0) };
  const target = param(params, 'post_logout_redirect_uri');
  if (target && isAllowedRedirectUri(ctx.seed.app, target)) {
    const url = new URL(target);
    const st = param(params, 'state');
    if (st) url.searchParams.set('state', st);
    return { status: 302, headers: { location: url.toString(), 'cache-control': 'no-store', ...clear } };
  }
  const page = signedOutPage();
  return { ...page, headers: { ...page.headers, ...clear } };
}
