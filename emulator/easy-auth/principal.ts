import type { IncomingHttpHeaders } from 'node:http';
import type { Session } from './sessions.ts';

/** App Service's claim type names for the name and role claims of `X-MS-CLIENT-PRINCIPAL`. */
const NAME_TYPE = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const ROLE_TYPE = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
const OID_TYPE = 'http://schemas.microsoft.com/identity/claims/objectidentifier';

export interface UserClaim {
  readonly typ: string;
  readonly val: string;
}

/** The id token's claims as App Service lists them (`user_claims`, the principal's `claims`): one per value. */
export function userClaims(session: Session): UserClaim[] {
  const claims: UserClaim[] = [];
  for (const [typ, value] of Object.entries(session.claims)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        claims.push({ typ, val: String(v) });
    }
  }
  const oid = session.claims.oid;
  if (typeof oid === 'string') claims.push({ typ: OID_TYPE, val: oid });
  return claims;
}

const text = (session: Session, key: string) =>
  typeof session.claims[key] === 'string' ? (session.claims[key] as string) : '';

/** Who the user is for App Service: the UPN (`preferred_username`), else the object id. */
export const userId = (session: Session) => text(session, 'preferred_username') || text(session, 'oid');

/** App Service writes `expires_on` as an ISO instant. */
export const expiresOn = (session: Session) => new Date(session.expiresAt).toISOString();

/** `GET /.auth/me`: App Service's shape, one entry per provider. */
export function meDocument(session: Session): unknown[] {
  return [
    {
      access_token: session.accessToken,
      expires_on: expiresOn(session),
      id_token: session.idToken,
      provider_name: 'aad',
      ...(session.refreshToken ? { refresh_token: session.refreshToken } : {}),
      user_claims: userClaims(session),
      user_id: userId(session),
    },
  ];
}

/** Is this one of the headers App Service owns (and therefore never passes on from the client)? */
export function isPlatformHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('x-ms-token-') || lower.startsWith('x-ms-client-principal');
}

/** Removes every client-sent `X-MS-TOKEN-*` / `X-MS-CLIENT-PRINCIPAL*` header. */
export function stripPlatformHeaders(headers: IncomingHttpHeaders): void {
  for (const name of Object.keys(headers)) if (isPlatformHeader(name)) delete headers[name];
}

/** The headers App Service injects for a signed-in user with the token store on. */
export function platformHeaders(session: Session): Record<string, string> {
  const principal = {
    auth_typ: 'aad',
    claims: userClaims(session),
    name_typ: NAME_TYPE,
    role_typ: ROLE_TYPE,
  };
  return {
    'x-ms-token-aad-access-token': session.accessToken,
    'x-ms-token-aad-id-token': session.idToken,
    'x-ms-token-aad-expires-on': expiresOn(session),
    ...(session.refreshToken ? { 'x-ms-token-aad-refresh-token': session.refreshToken } : {}),
    'x-ms-client-principal': Buffer.from(JSON.stringify(principal)).toString('base64'),
    'x-ms-client-principal-id': text(session, 'oid'),
    'x-ms-client-principal-name': userId(session),
    'x-ms-client-principal-idp': 'aad',
  };
}
