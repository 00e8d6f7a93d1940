import { ARM_SCOPE, type ClientConfig } from '../config/client-config.ts';
import { authorizeUrl, parseAuthorizeResponse, type Prompt } from './endpoints.ts';
import { savePending, takePending, type AuthMode } from './pending.ts';
import { createPkcePair, randomString } from './pkce.ts';

/** The page the authorize endpoint redirects back to. Must be a registered redirect URI of the app. */
export const AUTH_END_PATH = '/auth-end.html';
export const AUTH_START_PATH = '/auth-start.html';

const OIDC = ['openid', 'profile'] as const;

/**
 * Scopes asked at the authorize endpoint by the consent window: Azure Resource Manager's `user_impersonation`, the
 * delegated permission the service's OBO exchange needs. The app's own `access_as_user` is not repeated here: Teams
 * clients are pre-authorized for it and the browser sign-in (MSAL, App Service authentication) asks for it, and one
 * request naming two resources is refused by the emulator (AADSTS28000-style). Sign-in itself is MSAL's
 * (src/auth/msal.ts) or App Service's (easy-auth.ts): this flow only asks for consent.
 */
export function scopesFor(_mode: AuthMode, _config: ClientConfig): string[] {
  return [ARM_SCOPE, ...OIDC];
}

export interface BeginAuthOptions {
  readonly mode: AuthMode;
  readonly prompt?: Prompt;
  readonly loginHint?: string;
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
  | { readonly ok: true; readonly mode: 'consent' }
  | { readonly ok: false; readonly mode?: AuthMode; readonly error: string; readonly description: string };

/**
 * Handles the redirect back from the authorize endpoint: checks `state` against the stored request and reports the
 * consent (granted, or Entra's error). The code is not redeemed: granting was the point. Never throws.
 */
export function completeAuthorize(env: FlowEnvironment, search: string): AuthOutcome {
  const response = parseAuthorizeResponse(search);
  const pending =
    response.state !== undefined ? takePending(env.storage, response.state, env.now()) : undefined;
  if (!pending) {
    return {
      ok: false,
      error: 'state_mismatch',
      description: 'This response does not match a consent request started here, or it expired. Start again.',
    };
  }
  if (response.kind === 'error')
    return { ok: false, mode: pending.mode, error: response.error, description: response.description };
  return { ok: true, mode: 'consent' };
}
