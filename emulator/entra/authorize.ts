import type { EmulatorContext } from '../context.ts';
import type { EmuResponse } from '../http/types.ts';
import type { SeedApp } from '../seed/types.ts';
import { clientInfo } from './claims.ts';
import { findClient } from './client-auth.ts';
import { EntraError, entraErrors, fullDescription, type RequestMeta } from './errors.ts';
import { consentPage, errorPage, formPostPage, signInPage } from './pages.ts';
import { isAllowedRedirectUri } from './redirect-uri.ts';
import { param, readForm, type EntraRequest } from './request.ts';
import { parseScopes, resourcesOf } from './scopes.ts';
import { sessionCookie, sessionUser } from './session.ts';
import { CODE_LIFETIME_MS, opaque } from './state.ts';
import { hasConsented, resolveUser, type DirectoryUser } from './users.ts';

/**
 * `/{tenant}/oauth2/v2.0/authorize` — the dev sign-in: validate the request (errors Entra cannot
 * redirect — unknown client, bad redirect URI — render a page; the rest go back to the redirect
 * URI), pick an account, ask for consent when the user has not given it (or `prompt=consent`),
 * then redirect back with `code` and `state`. The pages post back here with the original
 * parameters plus `emu_user` / `emu_consent`. A session cookie makes `prompt=none` work.
 */

type ResponseMode = 'query' | 'fragment' | 'form_post';
const RESPONSE_MODES: readonly ResponseMode[] = ['query', 'fragment', 'form_post'];
const PROMPTS = new Set(['none', 'login', 'consent', 'select_account', 'create']);
/** RFC 7636 code_challenge / code_verifier alphabet and length. */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;
/** Parameters the emulator's own pages add; never echoed into hidden fields. */
const PAGE_FIELDS = new Set(['emu_user', 'emu_consent']);

/** Sends `fields` back to the redirect URI the way `response_mode` asks. */
function handBack(
  redirectUri: string,
  mode: ResponseMode,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): EmuResponse {
  const entries = Object.entries(fields).filter(([, v]) => v !== '');
  if (mode === 'form_post') {
    const response = formPostPage(redirectUri, entries);
    return { ...response, headers: { ...response.headers, ...headers } };
  }
  const url = new URL(redirectUri);
  const encoded = new URLSearchParams(entries);
  if (mode === 'fragment') url.hash = encoded.toString();
  else encoded.forEach((v, k) => url.searchParams.append(k, v));
  return { status: 302, headers: { location: url.toString(), 'cache-control': 'no-store', ...headers } };
}

interface Validated {
  readonly app: SeedApp;
  readonly redirectUri: string;
  readonly mode: ResponseMode;
  readonly state: string;
  readonly params: URLSearchParams;
}

function errorBack(v: Validated, err: EntraError, meta: RequestMeta): EmuResponse {
  return handBack(v.redirectUri, v.mode, {
    error: err.error,
    error_description: fullDescription(err, meta),
    error_uri: `${meta.baseUrl}/error?code=${err.code}`,
    ...(err.subcode ? { error_subcode: err.subcode } : {}),
    state: v.state,
  });
}

/** What the consent page lists: sign-in plus the app's delegated permissions on other resources. */
function permissionLines(ctx: EmulatorContext): string[] {
  const lines = ['Sign you in and read your profile', 'Maintain access to data you have given it access to'];
  for (const r of resourcesOf(ctx.seed)) {
    if (r.requiresConsent) lines.push(`Access ${r.displayName} as you (${r.scopes.join(', ')})`);
  }
  return lines;
}

function pickerAccounts(ctx: EmulatorContext) {
  return ctx.seed.users.map((u) => ({
    key: u.key,
    name: u.name,
    upn: u.upn,
    consented: ctx.directory.consented.has(u.oid),
  }));
}

function userFromHint(ctx: EmulatorContext, hint: string | undefined): DirectoryUser | undefined {
  if (!hint) return undefined;
  const lower = hint.toLowerCase();
  const seeded = ctx.seed.users.find((u) => u.upn.toLowerCase() === lower || u.key.toLowerCase() === lower);
  return seeded ? resolveUser(ctx, seeded.key) : resolveUser(ctx, lower.split('@')[0]!);
}

/** Validates what must be right before Entra will redirect anywhere; throws EntraError (→ error page). */
function validateClient(request: EntraRequest, params: URLSearchParams): Validated {
  const { ctx, tenant } = request;
  const app = findClient(ctx, tenant.tenant, param(params, 'client_id'));
  const redirectUri = param(params, 'redirect_uri');
  if (!redirectUri) throw entraErrors.missingParameter('redirect_uri');
  if (!isAllowedRedirectUri(app, redirectUri))
    throw entraErrors.redirectUriMismatch(redirectUri, app.clientId);
  const modeParam = param(params, 'response_mode') ?? 'query';
  const mode = (RESPONSE_MODES as readonly string[]).includes(modeParam)
    ? (modeParam as ResponseMode)
    : 'query';
  return { app, redirectUri, mode, state: params.get('state') ?? '', params };
}

/** Validates the rest of the request; errors go back to the redirect URI. */
function validateRequest(ctx: EmulatorContext, v: Validated) {
  const { params } = v;
  const mode = param(params, 'response_mode');
  if (mode && !(RESPONSE_MODES as readonly string[]).includes(mode))
    throw entraErrors.invalidParameter('response_mode', mode);
  const responseType = param(params, 'response_type');
  if (!responseType) throw entraErrors.missingParameter('response_type');
  if (responseType !== 'code') throw entraErrors.unsupportedResponseType(responseType);
  const scope = param(params, 'scope');
  if (!scope) throw entraErrors.missingParameter('scope');
  parseScopes(scope, ctx.seed, { multipleResources: 'first' });
  const challenge = param(params, 'code_challenge');
  const method = param(params, 'code_challenge_method') ?? 'plain';
  if (challenge !== undefined && !PKCE_VALUE.test(challenge)) throw entraErrors.invalidCodeChallenge();
  if (method !== 'S256' && method !== 'plain')
    throw entraErrors.invalidParameter('code_challenge_method', method);
  const prompt = param(params, 'prompt');
  if (prompt && !PROMPTS.has(prompt)) throw entraErrors.invalidParameter('prompt', prompt);
  return { scope, challenge, method: method as 'S256' | 'plain', prompt };
}

export async function authorizeEndpoint(request: EntraRequest): Promise<EmuResponse> {
  const { req, ctx, state, meta, tenant } = request;
  if (req.method !== 'GET' && req.method !== 'POST') {
    return pageFor(entraErrors.invalidParameter('method', req.method), meta);
  }
  const params = req.method === 'POST' ? await readForm(req) : req.url.searchParams;
  let v: Validated;
  try {
    v = validateClient(request, params);
  } catch (error) {
    if (error instanceof EntraError) return pageFor(error, meta);
    throw error;
  }

  try {
    const { scope, challenge, method, prompt } = validateRequest(ctx, v);
    const fields = [...params].filter(([k]) => !PAGE_FIELDS.has(k));
    const action = req.rawPath;
    const posted = req.method === 'POST';

    // 1. Who is signing in?
    let user: DirectoryUser | undefined;
    const chosen = posted ? param(params, 'emu_user') : undefined;
    if (chosen) {
      user = resolveUser(ctx, chosen);
      if (!user) {
        return signInPage({
          action,
          fields,
          appName: v.app.displayName,
          tenantName: tenant.tenant.name,
          accounts: pickerAccounts(ctx),
          error: `There is no account '${chosen}' in this directory.`,
        });
      }
    } else if (prompt === 'none') {
      const session = sessionUser(ctx, state, req);
      const hinted = userFromHint(ctx, param(params, 'login_hint'));
      if (!session || (param(params, 'login_hint') && hinted?.oid !== session.oid))
        throw entraErrors.loginRequired();
      user = session;
    } else {
      const preselect = userFromHint(ctx, param(params, 'login_hint')) ?? sessionUser(ctx, state, req);
      return signInPage({
        action,
        fields,
        appName: v.app.displayName,
        tenantName: tenant.tenant.name,
        accounts: pickerAccounts(ctx),
        ...(preselect ? { preselect: preselect.key } : {}),
      });
    }

    // 2. Has the user consented (or must be asked again)?
    const decision = posted ? param(params, 'emu_consent') : undefined;
    if (decision === 'cancel') throw entraErrors.consentDeclined();
    if (decision === 'accept') {
      if (!user.synthetic) ctx.directory.consented.add(user.oid);
    } else if (!hasConsented(ctx, user) || prompt === 'consent') {
      if (prompt === 'none') throw entraErrors.consentRequiredInteractive(v.app.clientId, v.app.displayName);
      return consentPage({
        action,
        fields,
        appName: v.app.displayName,
        user,
        permissions: permissionLines(ctx),
      });
    }

    // 3. Issue the code, remember the session, go back.
    const code = opaque(48);
    state.codes.set(code, {
      clientId: v.app.clientId,
      redirectUri: v.redirectUri,
      oid: user.oid,
      scope,
      nonce: param(params, 'nonce'),
      codeChallenge: challenge,
      codeChallengeMethod: method,
      expiresAt: ctx.now() + CODE_LIFETIME_MS,
      redeemed: false,
    });
    const sessionId = opaque(24);
    state.sessions.set(sessionId, user.oid);
    return handBack(
      v.redirectUri,
      v.mode,
      {
        code,
        ...(param(params, 'client_info') === '1'
          ? { client_info: clientInfo(user.oid, tenant.tenant.id) }
          : {}),
        state: v.state,
        session_state: sessionId,
      },
      { 'set-cookie': sessionCookie(sessionId) },
    );
  } catch (error) {
    if (error instanceof EntraError) return errorBack(v, error, meta);
    throw error;
  }
}

function pageFor(err: EntraError, meta: RequestMeta): EmuResponse {
  return errorPage({
    message: err.message,
    traceId: meta.traceId,
    correlationId: meta.correlationId,
    timestamp: meta.timestamp,
  });
}
