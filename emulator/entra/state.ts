import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { EmulatorContext } from '../context.ts';

/**
 * In-memory state of the Entra half: authorization codes, refresh tokens and browser sessions.
 * One instance per emulator; bounded (LRU) so long runs cannot grow it without limit; cleared by
 * `POST /_emulator/reset`. Expiry is checked against `ctx.now()` by the grants.
 */

export interface PendingCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly oid: string;
  readonly scope: string;
  readonly nonce: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: 'S256' | 'plain';
  /** Epoch ms. */
  readonly expiresAt: number;
  redeemed: boolean;
}

export interface RefreshGrant {
  readonly clientId: string;
  readonly oid: string;
  /** The scopes of the original sign-in (a refresh token can be redeemed for any consented resource). */
  readonly scope: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

export interface EntraState {
  readonly codes: LRUCache<string, PendingCode>;
  readonly refreshTokens: LRUCache<string, RefreshGrant>;
  /** Session id (cookie) → signed-in user's oid. */
  readonly sessions: LRUCache<string, string>;
}

/** Authorization codes live 10 minutes, like Entra's. */
export const CODE_LIFETIME_MS = 10 * 60_000;
/** Refresh tokens of SPA-style (localhost) clients live 24 hours. */
export const REFRESH_TOKEN_LIFETIME_MS = 24 * 3600_000;
/** Name of the dev sign-in session cookie. */
export const SESSION_COOKIE = 'emulator_session';

export function createEntraState(ctx: EmulatorContext): EntraState {
  const state: EntraState = {
    codes: new LRUCache({ max: 10_000 }),
    refreshTokens: new LRUCache({ max: 50_000 }),
    sessions: new LRUCache({ max: 10_000 }),
  };
  ctx.onReset(() => {
    state.codes.clear();
    state.refreshTokens.clear();
    state.sessions.clear();
  });
  return state;
}

/** An opaque random handle (codes, refresh tokens, session ids). */
export function opaque(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
