/** PKCE (RFC 7636) with S256, and the random `state`/`nonce` values of the authorization code flow. */

export interface PkcePair {
  /** 43 characters of base64url: kept by the client, sent to the token endpoint. */
  readonly verifier: string;
  /** base64url(SHA-256(verifier)): sent to the authorize endpoint. */
  readonly challenge: string;
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `byteLength` random bytes as base64url. */
export function randomString(byteLength = 32, crypto: Crypto = globalThis.crypto): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

export async function s256(verifier: string, crypto: Crypto = globalThis.crypto): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export async function createPkcePair(crypto: Crypto = globalThis.crypto): Promise<PkcePair> {
  const verifier = randomString(32, crypto);
  return { verifier, challenge: await s256(verifier, crypto) };
}
