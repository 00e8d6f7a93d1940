import { MAX_TOKEN_LENGTH } from './token-validator.ts';
/**
 * App Service authentication ("Easy Auth") with the token store on: the platform injects the signed-in user's
 * access token in this header. It is only a transport: the token is validated exactly like a bearer token.
 * The `X-MS-CLIENT-PRINCIPAL*` headers are never read for identity (informational; the token decides).
 */
export const EASY_AUTH_TOKEN_HEADER = 'x-ms-token-aad-access-token';

/** Longest header value looked at: the validator's own limit; longer is refused before any parsing. */
export const MAX_TOKEN_HEADER_LENGTH = MAX_TOKEN_LENGTH;

export type EasyAuthToken =
  | { readonly kind: 'absent' }
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'token'; readonly token: string };

/** The token store's access token from the request headers (one value, JWT characters only). */
export function easyAuthToken(header: string | readonly string[] | undefined): EasyAuthToken {
  if (header === undefined) return { kind: 'absent' };
  if (typeof header !== 'string') {
    return { kind: 'malformed', reason: `The ${EASY_AUTH_TOKEN_HEADER} header must appear once.` };
  }
  const value = header.trim();
  if (value === '') return { kind: 'malformed', reason: `The ${EASY_AUTH_TOKEN_HEADER} header is empty.` };
  if (value.length > MAX_TOKEN_HEADER_LENGTH) {
    return { kind: 'malformed', reason: `The ${EASY_AUTH_TOKEN_HEADER} header is too long.` };
  }
  if (!/^[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*$/.test(value)) {
    return { kind: 'malformed', reason: 'The token is malformed.' };
  }
  return { kind: 'token', token: value };
}
