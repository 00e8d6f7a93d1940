import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
  type JWTVerifyOptions,
} from 'jose';

/** The emulator's token-signing key (RS256), persisted so tokens survive restarts. */
export interface SigningKeys {
  readonly kid: string;
  /** Public JWKS document, as served on `jwks_uri`. */
  jwks(): { keys: JWK[] };
  /** Signs `claims` as a JWT with `kid` in the header. `claims` must carry iat/exp/etc. as wanted. */
  sign(claims: JWTPayload): Promise<string>;
  /** Verifies signature (RS256 only) and the standard claims per `options`; throws jose errors. */
  verify(token: string, options?: JWTVerifyOptions): Promise<JWTPayload>;
}

export async function loadSigningKeys(stateDir: string): Promise<SigningKeys> {
  await mkdir(stateDir, { recursive: true });
  const path = join(stateDir, 'signing-key.json');
  let privateJwk: JWK;
  try {
    privateJwk = JSON.parse(await readFile(path, 'utf8')) as JWK;
  } catch {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
    privateJwk = await exportJWK(privateKey);
    await writeFile(path, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicFields } = privateJwk;
  const kid = await calculateJwkThumbprint(publicFields);
  const publicJwk: JWK = { ...publicFields, kid, use: 'sig', alg: 'RS256' };
  const privateKey = await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256');
  const publicKey = await importJWK(publicJwk, 'RS256');

  return {
    kid,
    jwks: () => ({ keys: [{ ...publicJwk }] }),
    sign: (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(privateKey),
    verify: async (token, options = {}) => {
      const { payload } = await jwtVerify(token, publicKey, { algorithms: ['RS256'], ...options });
      return payload;
    },
  };
}
