import type { EmulatorContext } from '../context.ts';
import type { EmuRequest } from '../http/types.ts';
import { SESSION_COOKIE, type EntraState } from './state.ts';
import { findUserByOid, type DirectoryUser } from './users.ts';

/** The dev sign-in session: a cookie naming a server-side session (user oid), so `prompt=none` works. */

export function cookie(req: EmuRequest, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export const sessionCookie = (value: string, maxAge?: number) =>
  `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; Secure; SameSite=None${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;

/** The signed-in user of the request's session, if any. */
export function sessionUser(
  ctx: EmulatorContext,
  state: EntraState,
  req: EmuRequest,
): DirectoryUser | undefined {
  const id = cookie(req, SESSION_COOKIE);
  const oid = id ? state.sessions.get(id) : undefined;
  return oid ? findUserByOid(ctx, oid) : undefined;
}
