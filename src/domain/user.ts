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

/** Who a user is across tenants: an `oid` is unique only within its tenant (`tid`). */
export type UserIdentity = Pick<SignedInUser, 'tid' | 'oid'>;

/**
 * The one key for anything kept per user (caches, stores, rate limits): tenant and object id,
 * case-insensitive. Keying by `oid` alone would let a token of another allowed tenant that carries
 * the same oid reach this user's state.
 */
export function userKeyOf(user: UserIdentity): string {
  return `${user.tid.toLowerCase()}|${user.oid.toLowerCase()}`;
}

export type { Requester } from '../../contract/operation.ts';
