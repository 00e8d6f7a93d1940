/** The signed-in user, as established by validating their Teams SSO token. */
export interface SignedInUser {
  readonly oid: string;
  readonly tid: string;
  readonly upn: string;
  readonly name: string;
  /**
   * The raw, validated SSO token: the OBO user assertion. Never logged, never returned to clients.
   */
  readonly assertion: string;
  /** Assertion expiry, epoch milliseconds. */
  readonly expiresAt: number;
}

/** Who requested something, as shown to people (cards, grid, operations). */
export interface Requester {
  readonly oid: string;
  readonly name: string;
  readonly upn: string;
}
