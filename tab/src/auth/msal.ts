/**
 * The browser sign-in outside Teams and outside App Service authentication: `@azure/msal-browser`, authorization code
 * + PKCE, redirect flow, against the configured authority (Entra ID in production, the emulator locally). Tokens in
 * sessionStorage (gone with the browser tab). MSAL is loaded on demand: it stays out of the tab's initial bundle.
 */
import type { AccountInfo, AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';
import type { TokenSource } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import type { ClientConfig } from '../config/client-config.ts';
import type { Account } from './account.ts';
import { failureFromError, type SignInFailure } from './sign-in-error.ts';

/** The redirect URI: the tab's own page (registered as a SPA redirect URI of the app). */
export const MSAL_REDIRECT_PATH = '/';

export interface MsalSignIn {
  /** The signed-in account, if any (after the redirect back, or from the cache). */
  readonly account?: Account;
  /** The redirect came back with an error (declined consent, …). */
  readonly failure?: SignInFailure;
  readonly tokens: TokenSource;
  /** Navigates to the authorize endpoint; returns to `returnTo` (the current page: its `?theme=` survives). */
  signIn(options?: {
    readonly returnTo?: string;
    readonly prompt?: 'select_account' | 'login';
  }): Promise<void>;
  /** Forgets the account here (sessionStorage) and signs out of the authority. */
  signOut(): Promise<void>;
}

export interface StartMsalOptions {
  readonly config: ClientConfig;
  /** The tab's origin, e.g. `http://localhost:3978`. */
  readonly origin: string;
  /** The session ended (no silent renewal): the tab shows its sign-in page. */
  readonly onSignedOut?: (reason: string) => void;
  /** Default: `import('@azure/msal-browser')`. */
  readonly load?: () => Promise<typeof import('@azure/msal-browser')>;
}

const toAccount = (info: AccountInfo): Account => ({
  name: info.name ?? info.username,
  upn: info.username,
  oid: info.localAccountId,
});

/** Creates the MSAL client, completes a redirect in progress and reports who is signed in. */
export async function startMsal(options: StartMsalOptions): Promise<MsalSignIn> {
  const { config, origin } = options;
  const msal = await (options.load ?? (() => import('@azure/msal-browser')))();
  const authority = new URL(config.authority);
  const pca: IPublicClientApplication = await msal.createStandardPublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      // The authority is the one the service names (Entra ID, or the emulator locally): no instance discovery.
      knownAuthorities: [authority.host],
      redirectUri: origin + MSAL_REDIRECT_PATH,
      postLogoutRedirectUri: origin + MSAL_REDIRECT_PATH,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });

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
    signIn: async ({ returnTo, prompt = 'select_account' } = {}) => {
      await pca.loginRedirect({
        scopes: [...scopes, 'offline_access'],
        prompt,
        ...(returnTo && { redirectStartPage: new URL(returnTo, origin).href }),
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
