import type { TokenSource } from '../api/client.ts';

/**
 * What the page needs from the host's authentication: Teams SSO, the browser sign-in (MSAL), or App Service
 * authentication (the session cookie; `tokens` then gives an empty token and refreshes the session on 401).
 */
export interface AuthAdapter {
  readonly kind: 'teams' | 'local' | 'easyauth';
  readonly tokens: TokenSource;
  /**
   * Runs the consent popup for Azure Resource Manager access. Resolves once granted; rejects with ApiError
   * `ConsentRequired` when blocked, closed or declined.
   */
  consent(): Promise<void>;
  /** Outside Teams only. */
  readonly signOut?: () => void;
}
