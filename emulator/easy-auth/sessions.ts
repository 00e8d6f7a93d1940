import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { TokenResponse } from './identity.ts';

/** App Service's session cookie name. */
export const SESSION_COOKIE = 'AppServiceAuthSession';
/** Binds a login in flight to the browser that started it (App Service: the `Nonce` cookie). */
export const LOGIN_COOKIE = 'AppServiceAuthLogin';

export interface Session extends TokenResponse {
  readonly claims: Readonly<Record<string, unknown>>;
}

export interface PendingLogin {
  readonly nonce: string;
  /** Same-origin path to return to. */
  readonly redirect: string;
}

export const LOGIN_TTL_MS = 10 * 60_000;
/** Sessions outlive their access token (refresh): 8 hours, like App Service's default cookie lifetime. */
export const SESSION_TTL_MS = 8 * 60 * 60_000;

export interface SessionStore {
  create(session: Session): string;
  get(id: string | undefined): Session | undefined;
  replace(id: string, session: Session): void;
  delete(id: string | undefined): void;
  beginLogin(login: PendingLogin): string;
  takeLogin(state: string | undefined): PendingLogin | undefined;
}

export const newId = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Bounded, in memory: at most `max` sessions and logins, each with a TTL. */
export function createSessionStore(options: { max?: number } = {}): SessionStore {
  const max = options.max ?? 5000;
  const sessions = new LRUCache<string, Session>({ max, ttl: SESSION_TTL_MS });
  const logins = new LRUCache<string, PendingLogin>({ max, ttl: LOGIN_TTL_MS });
  return {
    create(session) {
      const id = newId();
      sessions.set(id, session);
      return id;
    },
    get: (id) => (id ? sessions.get(id) : undefined),
    replace(id, session) {
      sessions.set(id, session);
    },
    delete(id) {
      if (id) sessions.delete(id);
    },
    beginLogin(login) {
      const state = newId(16);
      logins.set(state, login);
      return state;
    },
    takeLogin(state) {
      if (!state) return undefined;
      const login = logins.get(state);
      logins.delete(state);
      return login;
    },
  };
}

/** One cookie's value from a Cookie header (the first one of that name). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** A host-only cookie for the front door (plain HTTP on loopback, so never `Secure`). */
export function setCookie(name: string, value: string, maxAgeSeconds: number): string {
  return [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`].join('; ');
}

export const clearCookie = (name: string) => setCookie(name, '', 0);
