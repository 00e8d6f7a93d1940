/** Reads a JWT's payload WITHOUT verifying it: only for display and expiry (the service validates tokens). */
export interface TokenClaims {
  readonly exp?: number;
  readonly name?: string;
  readonly preferred_username?: string;
  readonly upn?: string;
  readonly oid?: string;
  readonly tid?: string;
}

export function readClaims(token: string): TokenClaims | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as TokenClaims) : undefined;
  } catch {
    return undefined;
  }
}
