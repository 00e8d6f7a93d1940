import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, exportSPKI, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { startStack, type Stack } from '../support/stack.ts';
import { apiClient } from './http-client.ts';
import { OIDS, TENANT } from './fixtures.ts';

/**
 * Forged and misdirected tokens against the real service: every one is a 401 InvalidToken with
 * `WWW-Authenticate: Bearer error="invalid_token"`, and none reaches Entra (no OBO call).
 */
describe('forged-token suite', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiClient>;
  let genuine: string;
  let genuineClaims: JWTPayload;
  const forged: Record<string, string> = {};

  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  beforeAll(async () => {
    stack = await startStack();
    api = apiClient(stack.service.url);
    genuine = await stack.ssoToken('alice');
    genuineClaims = decodeJwt(genuine);
    const [header, , signature] = genuine.split('.') as [string, string, string];
    const keys = stack.emulator.context.keys;
    const emulatorSigned = (overrides: JWTPayload) => keys.sign({ ...genuineClaims, ...overrides });
    const mint = async (extra: Record<string, unknown>) => stack.ssoToken('alice', extra);

    forged['alg none'] = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(genuineClaims)}.`;
    const jwks = (await stack.emulator.call(`/${TENANT}/discovery/v2.0/keys`)).json<{ keys: JWK[] }>();
    const publicKey = await importJWK(jwks.keys[0]!, 'RS256');
    const pem = await exportSPKI(publicKey as CryptoKey);
    forged['HS256 signed with the public key'] = await new SignJWT(genuineClaims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: keys.kid })
      .sign(new TextEncoder().encode(pem));
    forged['expired'] = await mint({ expiresInSeconds: -600 });
    forged['not yet valid'] = await mint({ notBeforeSeconds: 600 });
    forged['wrong audience'] = await mint({ audience: 'api://some-other-app' });
    forged['wrong issuer'] = await emulatorSigned({ iss: `https://login.evil.example/${TENANT}/v2.0` });
    forged['other tenant'] = await mint({ tenant: 'fabrikam' });
    const stranger = await generateKeyPair('RS256');
    forged['unknown kid'] = await new SignJWT(genuineClaims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'not-an-entra-key' })
      .sign(stranger.privateKey);
    forged['known kid, foreign key'] = await new SignJWT(genuineClaims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: keys.kid })
      .sign(stranger.privateKey);
    forged['tampered payload'] = `${header}.${b64({ ...genuineClaims, oid: OIDS.dave })}.${signature}`;
    forged['missing scope'] = await mint({ scp: '' });
    forged['other scope only'] = await mint({ scp: 'User.Read' });
    forged['scope substring access_as_user_x'] = await mint({ scp: 'access_as_user_x' });
    forged['scope superstring xaccess_as_user'] = await mint({ scp: 'openid xaccess_as_user' });
    // Validly signed, in shapes Entra never issues for a delegated token of this API:
    forged['aud as an array'] = await emulatorSigned({ aud: [genuineClaims.aud as string] });
    forged['iat in the future'] = await emulatorSigned({ iat: Math.floor(Date.now() / 1000) + 3600 });
    forged['idtyp app together with scp'] = await emulatorSigned({ idtyp: 'app' });
    forged['a calling client that is not pre-authorized'] = await emulatorSigned({
      azp: '00000000-1111-4222-8333-444444444444',
    });
    forged['v1 appid of a client that is not pre-authorized'] = await emulatorSigned({
      azp: undefined,
      appid: '00000000-1111-4222-8333-444444444444',
    });
    forged['garbage'] = 'not.a.jwt';
    forged['truncated'] = genuine.slice(0, -10);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('the genuine token works (control)', async () => {
    expect((await api('/api/me', { token: genuine })).status).toBe(200);
  });

  it.each([
    'alg none',
    'HS256 signed with the public key',
    'expired',
    'not yet valid',
    'wrong audience',
    'wrong issuer',
    'other tenant',
    'unknown kid',
    'known kid, foreign key',
    'tampered payload',
    'missing scope',
    'other scope only',
    'scope substring access_as_user_x',
    'scope superstring xaccess_as_user',
    'aud as an array',
    'iat in the future',
    'idtyp app together with scp',
    'a calling client that is not pre-authorized',
    'v1 appid of a client that is not pre-authorized',
    'garbage',
    'truncated',
  ])('%s → 401 InvalidToken with WWW-Authenticate', async (name) => {
    const token = forged[name];
    expect(token).toBeDefined();
    for (const path of ['/api/me', '/api/vms']) {
      const res = await api(path, { token: token! });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
      expect(res.json()).toEqual({ error: { code: 'InvalidToken', message: expect.any(String) } });
      expect(res.text).not.toContain(token!.slice(0, 40));
    }
  });

  it('no token, or another auth scheme → 401', async () => {
    const variants: Array<Record<string, string>> = [
      {},
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      { authorization: 'Bearer' },
    ];
    for (const headers of variants) {
      const res = await api('/api/vms', { headers });
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('none of the forged tokens reached Entra', async () => {
    const stats = (await stack.emulator.call('/_emulator/stats')).json();
    expect(stats.token.obo).toBe(0);
  });
});
