import type { TokenSource } from '../api/client.ts';

/** What the page needs from the host's authentication (Teams SSO or the local sign-in). */
export interface AuthAdapter {
  readonly kind: 'teams' | 'local';
  readonly tokens: TokenSource;
  /**
   * Runs the consent popup for Azure Resource Manager access. Resolves once granted; rejects with ApiError
   * `ConsentRequired` when blocked, closed or declined.
   */
  consent(): Promise<void>;
  /** Local mode only. */
  readonly signOut?: () => void;
}
