import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import { createTokenValidator, type TokenValidatorOptions } from '../../../src/auth/token-validator.ts';
import { AppError } from '../../../src/domain/errors.ts';

const TID = '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11';
const OTHER_TID = '11111111-2222-4333-8444-555555555555';
const CLIENT = '0d3f5c2a-8b6e-4f1d-9c7a-5e4b3a2f1d0c';
const URI = `api://localhost/botid-${CLIENT}`;
const TEAMS = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
const AUTHORITY = 'https://login.microsoftonline.com';
const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);
const nowSec = Math.floor(NOW / 1000);

let privateKey: CryptoKey;
let publicJwk: JWK;
let otherPrivateKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  otherPrivateKey = (await generateKeyPair('RS256')).privateKey;
});

function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    aud: CLIENT,
    iss: `${AUTHORITY}/${TID}/v2.0`,
    iat: nowSec - 60,
    nbf: nowSec - 60,
    exp: nowSec + 3600,
    scp: 'access_as_user',
    tid: TID,
    oid: 'a11ce000-0000-4000-8000-000000000001',
    preferred_username: 'alice@contoso.onmicrosoft.com',
    name: 'Alice Wong',
    ver: '2.0',
    azp: TEAMS,
    ...overrides,
  };
}

const sign = (payload: JWTPayload, key: CryptoKey = privateKey, kid = 'k1') =>
  new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key);

function validator(extra: Partial<TokenValidatorOptions> = {}) {
  return createTokenValidator({
    jwksUri: 'https://unused.invalid/keys',
    authorityHost: AUTHORITY,
    allowedTenants: [TID],
    audiences: [CLIENT, URI],
    requiredScope: 'access_as_user',
    allowedClientApps: [TEAMS, CLIENT],
    keys: createLocalJWKSet({ keys: [publicJwk] }),
    now: () => NOW,
    ...extra,
  });
}

async function failure(token: string, v = validator()): Promise<AppError> {
  try {
    await v.validate(token);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected validation to fail');
}

describe('createTokenValidator', () => {
  it('accepts a v2 Teams SSO token and returns the user', async () => {
    const token = await sign(claims());
    await expect(validator().validate(token)).resolves.toEqual({
      oid: 'a11ce000-0000-4000-8000-000000000001',
      tid: TID,
      upn: 'alice@contoso.onmicrosoft.com',
      name: 'Alice Wong',
      assertion: token,
      expiresAt: (nowSec + 3600) * 1000,
    });
  });

  it('accepts a v1 token (identifier URI audience, sts.windows.net issuer, upn claim)', async () => {
    const token = await sign(
      claims({
        aud: URI,
        iss: `https://sts.windows.net/${TID}/`,
        preferred_username: undefined,
        upn: 'alice@contoso.com',
        ver: '1.0',
        azp: undefined,
        appid: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
      }),
    );
    await expect(
      validator({ allowedClientApps: ['5e3ce6c0-2b1f-4285-8d4b-75ee78787346'] }).validate(token),
    ).resolves.toMatchObject({ upn: 'alice@contoso.com' });
  });

  it('accepts the app itself as the calling client (its own sign-in pages), in any letter case', async () => {
    await expect(
      validator().validate(await sign(claims({ azp: CLIENT.toUpperCase() }))),
    ).resolves.toBeDefined();
  });

  it('accepts small clock skew', async () => {
    await expect(validator().validate(await sign(claims({ exp: nowSec - 30 })))).resolves.toBeDefined();
    await expect(validator().validate(await sign(claims({ nbf: nowSec + 30 })))).resolves.toBeDefined();
  });

  it.each<[string, JWTPayload, RegExp]>([
    ['expired', { exp: nowSec - 600 }, /expired/],
    ['not yet valid', { nbf: nowSec + 600 }, /nbf/],
    ['wrong audience', { aud: 'api://someone-else' }, /aud/],
    ['wrong issuer', { iss: `https://evil.example/${TID}/v2.0` }, /iss/],
    ['other tenant', { tid: OTHER_TID, iss: `${AUTHORITY}/${OTHER_TID}/v2.0` }, /iss/],
    ['tid not matching its issuer', { tid: OTHER_TID }, /tenant/],
    ['missing scope', { scp: 'User.Read' }, /access_as_user/],
    ['scope substring', { scp: 'access_as_user_x' }, /access_as_user/],
    ['scope prefix', { scp: 'xaccess_as_user' }, /access_as_user/],
    ['no scp claim', { scp: undefined }, /scp/],
    ['no oid', { oid: undefined }, /oid/],
    ['no exp', { exp: undefined }, /exp/],
    // Shapes Entra never issues, each with a valid signature:
    ['aud as an array', { aud: [CLIENT] }, /single audience/],
    ['aud as an array with a stranger', { aud: [CLIENT, 'api://someone-else'] }, /single audience/],
    ['iat in the future beyond the skew', { iat: nowSec + 600 }, /iat/],
    ['no iat', { iat: undefined }, /iat/],
    ['an app-only token (idtyp app) carrying scp', { idtyp: 'app' }, /not a user token/],
    [
      'a calling client that is not pre-authorized',
      { azp: '00000000-1111-4222-8333-444444444444' },
      /client application/,
    ],
    ['no calling client', { azp: undefined }, /client application/],
    [
      'a v1 appid that is not pre-authorized',
      { azp: undefined, appid: 'd0d0d0d0-1111-4222-8333-444444444444' },
      /client application/,
    ],
  ])('%s → 401 InvalidToken', async (_name, overrides, reason) => {
    const error = await failure(await sign(claims(overrides)));
    expect(error).toMatchObject({ code: 'InvalidToken' });
    expect(error.message).toMatch(reason);
  });

  it('rejects a token signed by an unknown key / kid, alg none, HS256 and tampering', async () => {
    expect((await failure(await sign(claims(), otherPrivateKey))).message).toMatch(/signature/);
    expect((await failure(await sign(claims(), otherPrivateKey, 'k2'))).message).toMatch(/key/);

    const [header, payload, signature] = (await sign(claims())).split('.') as [string, string, string];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect(await failure(none)).toMatchObject({ code: 'InvalidToken' });

    const hsKey = new TextEncoder().encode(JSON.stringify(publicJwk));
    const hs = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(hsKey);
    expect((await failure(hs)).message).toMatch(/RS256/);

    const tampered = Buffer.from(
      JSON.stringify(claims({ oid: 'b0b00000-0000-4000-8000-000000000002' })),
    ).toString('base64url');
    expect((await failure(`${header}.${tampered}.${signature}`)).message).toMatch(/signature/);

    expect(await failure('not-a-jwt')).toMatchObject({ code: 'InvalidToken' });
    expect(await failure('')).toMatchObject({ code: 'InvalidToken' });
    expect(await failure('a'.repeat(20_000))).toMatchObject({ code: 'InvalidToken' });
  });

  it('accepts other allowed tenants', async () => {
    const v = validator({ allowedTenants: [TID, OTHER_TID] });
    const token = await sign(claims({ tid: OTHER_TID, iss: `${AUTHORITY}/${OTHER_TID}/v2.0` }));
    await expect(v.validate(token)).resolves.toMatchObject({ tid: OTHER_TID });
  });
});

describe('remote JWKS', () => {
  let server: Server;
  let url: string;
  let fetches = 0;
  let keys: JWK[] = [];

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('fetches once, refetches on an unknown kid only after the cooldown', async () => {
    keys = [publicJwk];
    fetches = 0;
    const v = validator({ keys: undefined, jwksUri: url, jwksCooldownMs: 30_000 });
    for (let i = 0; i < 5; i++) await v.validate(await sign(claims()));
    expect(fetches).toBe(1);

    // Unknown kid within the cooldown: no refetch storm.
    for (let i = 0; i < 3; i++) await failure(await sign(claims(), otherPrivateKey, 'rotated'), v);
    expect(fetches).toBe(1);
  });

  it('unreachable keys → 503 EntraUnavailable, not 401', async () => {
    const v = validator({ keys: undefined, jwksUri: 'http://127.0.0.1:1/keys', jwksTimeoutMs: 1000 });
    const error = await failure(await sign(claims()), v);
    expect(error).toMatchObject({ code: 'EntraUnavailable' });
  });

  it('a JWKS endpoint answering 500 → 503', async () => {
    const broken = createServer((_req, res) => {
      res.writeHead(500);
      res.end('oops');
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    try {
      const v = validator({
        keys: undefined,
        jwksUri: `http://127.0.0.1:${(broken.address() as AddressInfo).port}/keys`,
      });
      expect(await failure(await sign(claims()), v)).toMatchObject({ code: 'EntraUnavailable' });
    } finally {
      await new Promise((resolve) => broken.close(resolve));
    }
  });
});
