import { ARM_SCOPE, type ClientConfig } from '../config/client-config.ts';
import { authorizeUrl, parseAuthorizeResponse, type Prompt } from './endpoints.ts';
import { sessionFromTokens, type LocalSession } from './local-session.ts';
import { savePending, safeReturnTo, takePending, type AuthMode } from './pending.ts';
import { createPkcePair, randomString } from './pkce.ts';
import type { TokenClient } from './token-client.ts';

/** The page the authorize endpoint redirects back to. Must be a registered redirect URI of the app. */
export const AUTH_END_PATH = '/auth-end.html';
export const AUTH_START_PATH = '/auth-start.html';

const OIDC = ['openid', 'profile'] as const;

/**
 * Scopes asked at the authorize endpoint.
 * - signin: the app's own API (`access_as_user`): the token the service validates, plus a refresh token.
 * - consent: Azure Resource Manager's `user_impersonation`, the delegated permission the service's OBO exchange
 *   needs. The app's own `access_as_user` is not repeated here: Teams clients are pre-authorized for it and the local
 *   sign-in asks for it, and one request naming two resources is refused by the emulator (AADSTS28000-style).
 */
export function scopesFor(mode: AuthMode, config: ClientConfig): string[] {
  return mode === 'signin' ? [...config.scopes, ...OIDC, 'offline_access'] : [ARM_SCOPE, ...OIDC];
}

export interface BeginAuthOptions {
  readonly mode: AuthMode;
  readonly prompt?: Prompt;
  readonly loginHint?: string;
  /** Where the sign-in returns to; anything that does not resolve on `env.origin` becomes `/` (safeReturnTo). */
  readonly returnTo?: string;
}

export interface FlowEnvironment {
  /** The tab's origin, e.g. `http://localhost:3978`. */
  readonly origin: string;
  readonly storage: Storage;
  readonly now: () => number;
  readonly crypto?: Crypto;
}

/** Creates and stores the PKCE request; returns the authorize URL to navigate to. */
export async function beginAuthorize(
  config: ClientConfig,
  env: FlowEnvironment,
  options: BeginAuthOptions,
): Promise<string> {
  const pkce = await createPkcePair(env.crypto);
  const state = randomString(16, env.crypto);
  const redirectUri = env.origin + AUTH_END_PATH;
  const scopes = scopesFor(options.mode, config);
  savePending(env.storage, {
    state,
    mode: options.mode,
    codeVerifier: pkce.verifier,
    redirectUri,
    scopes,
    returnTo: safeReturnTo(options.returnTo, env.origin),
    createdAt: env.now(),
  });
  return authorizeUrl({
    authority: config.authority,
    clientId: config.clientId,
    redirectUri,
    scopes,
    state,
    codeChallenge: pkce.challenge,
    ...(options.prompt && { prompt: options.prompt }),
    ...(options.loginHint && { loginHint: options.loginHint }),
  });
}

export type AuthOutcome =
  | { readonly ok: true; readonly mode: 'signin'; readonly session: LocalSession; readonly returnTo: string }
  | { readonly ok: true; readonly mode: 'consent' }
  | { readonly ok: false; readonly mode?: AuthMode; readonly error: string; readonly description: string };

/**
 * Handles the redirect back from the authorize endpoint: checks `state` against the stored request, then
 * redeems the code (sign-in) or reports the consent. Never throws.
 */
export async function completeAuthorize(
  config: ClientConfig,
  env: FlowEnvironment,
  search: string,
  tokens: TokenClient,
): Promise<AuthOutcome> {
  const response = parseAuthorizeResponse(search);
  const pending =
    response.state !== undefined ? takePending(env.storage, response.state, env.now()) : undefined;
  if (!pending) {
    return {
      ok: false,
      error: 'state_mismatch',
      description: 'This sign-in response does not match a sign-in started here, or it expired. Start again.',
    };
  }
  if (response.kind === 'error')
    return { ok: false, mode: pending.mode, error: response.error, description: response.description };
  if (pending.mode === 'consent') return { ok: true, mode: 'consent' };
  try {
    const set = await tokens.redeemCode({
      clientId: config.clientId,
      code: response.code,
      redirectUri: pending.redirectUri,
      codeVerifier: pending.codeVerifier,
      scopes: pending.scopes,
    });
    // Checked again on the way out: the stored request may come from an older tab or have been tampered with.
    return {
      ok: true,
      mode: 'signin',
      session: sessionFromTokens(set),
      returnTo: safeReturnTo(pending.returnTo, env.origin),
    };
  } catch (error) {
    const e = error as { error?: string; message?: string };
    return {
      ok: false,
      mode: 'signin',
      error: e.error ?? 'token_error',
      description: e.message ?? 'The sign-in could not be completed.',
    };
  }
}
