/**
 * `@azure/msal-browser` (authorization code + PKCE, redirect flow) against the configured authority (Entra ID in
 * production, the emulator locally), for two uses with one client configuration ({@link createMsalClient}):
 * - the browser sign-in outside Teams and outside App Service authentication ({@link startMsal});
 * - the consent window, auth-start → authorize → auth-end ({@link beginConsent}, {@link completeConsent}), opened
 *   by Teams `authentication.authenticate` (tab consent, the bot's sign-in fallback) or by the browser's popup.
 * Tokens in sessionStorage (gone with the browser tab). MSAL is loaded on demand: it stays out of the tab's initial
 * bundle.
 */
import type { AccountInfo, AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';
import type { TokenSource } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import { ARM_SCOPE, type ClientConfig } from '../config/client-config.ts';
import type { Account } from './account.ts';
import { AUTH_END_PATH, MSAL_REDIRECT_PATH, safeReturnTo } from './redirects.ts';
import {
  describeSignInFailure,
  failureFromError,
  oauthErrorOf,
  type SignInFailure,
} from './sign-in-error.ts';

export type Prompt = 'consent' | 'select_account' | 'login';

export interface MsalClientOptions {
  readonly config: ClientConfig;
  /** The tab's origin, e.g. `http://localhost:3978`. */
  readonly origin: string;
  /** Default: `import('@azure/msal-browser')`. */
  readonly load?: () => Promise<typeof import('@azure/msal-browser')>;
}

/** The one MSAL configuration of the tab and its auth pages: the authority the service names, sessionStorage. */
export async function createMsalClient(options: MsalClientOptions): Promise<IPublicClientApplication> {
  const { config, origin } = options;
  const msal = await (options.load ?? (() => import('@azure/msal-browser')))();
  return msal.createStandardPublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      // The authority is the one the service names (Entra ID, or the emulator locally): no instance discovery.
      knownAuthorities: [new URL(config.authority).host],
      redirectUri: origin + MSAL_REDIRECT_PATH,
      postLogoutRedirectUri: origin + MSAL_REDIRECT_PATH,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
}

export interface SignInOptions {
  /** Where to land afterwards, if on the app's origin (see safeReturnTo); `/` otherwise. Default: `/`. */
  readonly returnTo?: string;
  readonly prompt?: Prompt;
  readonly loginHint?: string;
}

export interface MsalSignIn {
  /** The signed-in account, if any (after the redirect back, or from the cache). */
  readonly account?: Account;
  /** The redirect came back with an error (declined consent, …). */
  readonly failure?: SignInFailure;
  readonly tokens: TokenSource;
  /** Navigates to the authorize endpoint; returns to `returnTo` (the current page: its `?theme=` survives). */
  signIn(options?: SignInOptions): Promise<void>;
  /** Forgets the account here (sessionStorage) and signs out of the authority. */
  signOut(): Promise<void>;
}

export interface StartMsalOptions extends MsalClientOptions {
  /** The session ended (no silent renewal): the tab shows its sign-in page. */
  readonly onSignedOut?: (reason: string) => void;
}

/** MSAL's `errorCode`s for an authority it could not reach or that did not answer in time: not a signed-out user. */
const UNREACHABLE = new Set(['network_error', 'endpoints_resolution_error', 'timed_out']);

const toAccount = (info: AccountInfo): Account => ({
  name: info.name ?? info.username,
  upn: info.username,
  oid: info.localAccountId,
});

/** Creates the MSAL client, completes a redirect in progress and reports who is signed in. */
export async function startMsal(options: StartMsalOptions): Promise<MsalSignIn> {
  const { config, origin } = options;
  const pca = await createMsalClient(options);

  let failure: SignInFailure | undefined;
  let result: AuthenticationResult | null = null;
  try {
    result = await pca.handleRedirectPromise();
  } catch (error) {
    failure = failureFromError(error);
  }
  const info = result?.account ?? pca.getActiveAccount() ?? pca.getAllAccounts()[0] ?? null;
  if (info) pca.setActiveAccount(info);
  const scopes = [...config.scopes];

  const tokens: TokenSource = {
    getToken: async ({ forceRefresh = false } = {}) => {
      const account = pca.getActiveAccount();
      if (!account)
        throw new ApiError('SignInRequired', 'Sign in to see your virtual machines.', { status: 401 });
      try {
        return (await pca.acquireTokenSilent({ scopes, account, forceRefresh })).accessToken;
      } catch (error) {
        // Offline or a slow network: the session may well be fine; the call fails, the user stays signed in.
        if (UNREACHABLE.has(oauthErrorOf(error).error)) {
          const { title, text } = describeSignInFailure('network_error', '');
          throw new ApiError('NetworkError', `${title}. ${text}`, { status: 0, cause: error });
        }
        const reason = 'Your session has ended. Sign in again.';
        options.onSignedOut?.(reason);
        throw new ApiError('SignInRequired', reason, { status: 401, cause: error });
      }
    },
  };

  return {
    ...(info && { account: toAccount(info) }),
    ...(failure && { failure }),
    tokens,
    signIn: async ({ returnTo, prompt = 'select_account', loginHint } = {}) => {
      await pca.loginRedirect({
        scopes: [...scopes, 'offline_access'],
        prompt,
        ...(loginHint && { loginHint }),
        // MSAL goes there after the redirect back, whatever it is: only a page of this app.
        redirectStartPage: origin + safeReturnTo(returnTo, origin),
      });
    },
    signOut: async () => {
      const account = pca.getActiveAccount();
      await pca.logoutRedirect({
        ...(account && { account }),
        postLogoutRedirectUri: origin + MSAL_REDIRECT_PATH,
      });
    },
  };
}

/**
 * Scopes the consent window asks for: Azure Resource Manager's `user_impersonation`, the delegated permission the
 * service's OBO exchange needs (MSAL adds `openid profile offline_access`). The app's own `access_as_user` is not
 * repeated here: Teams clients are pre-authorized for it and the browser sign-in (MSAL, App Service authentication)
 * asks for it, and one token request naming two resources is refused (AADSTS28000).
 */
export function consentScopes(): string[] {
  return [ARM_SCOPE];
}

export interface ConsentRequest extends MsalClientOptions {
  readonly prompt?: Prompt;
  readonly loginHint?: string;
}

/** auth-start: navigates to the authorize endpoint for the consent; the answer comes back to auth-end. */
export async function beginConsent(request: ConsentRequest): Promise<void> {
  const pca = await createMsalClient(request);
  // Clears what an abandoned attempt in this window left (interaction in progress); no response is expected here.
  await pca.handleRedirectPromise({ navigateToLoginRequestUrl: false }).catch(() => null);
  const redirectUri = request.origin + AUTH_END_PATH;
  await pca.acquireTokenRedirect({
    scopes: consentScopes(),
    redirectUri,
    // auth-end reports the outcome itself (it does not navigate on).
    redirectStartPage: redirectUri,
    ...(request.prompt && { prompt: request.prompt }),
    ...(request.loginHint && { loginHint: request.loginHint }),
  });
}

/** What the consent window reports to Teams or to its opener. */
export type ConsentOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** OAuth error (`access_denied`, …). */
      readonly error: string;
      /** Entra's `error_description` as sent (AADSTS code, trace and correlation ids). */
      readonly description: string;
      readonly failure: SignInFailure;
    };

function failed(error: unknown): ConsentOutcome {
  const oauth = oauthErrorOf(error);
  return { ok: false, error: oauth.error, description: oauth.description, failure: failureFromError(error) };
}

/** auth-end: MSAL redeems the code (PKCE, checking `state`) and the outcome is reported. Never throws. */
export async function completeConsent(options: MsalClientOptions): Promise<ConsentOutcome> {
  try {
    const pca = await createMsalClient(options);
    const result = await pca.handleRedirectPromise({ navigateToLoginRequestUrl: false });
    if (result) return { ok: true };
    return failed({
      errorCode: 'state_mismatch',
      errorMessage:
        'This response does not match a consent request started here, or it expired. Start again.',
    });
  } catch (error) {
    return failed(error);
  }
}
