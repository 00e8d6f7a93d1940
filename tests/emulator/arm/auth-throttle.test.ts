import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { RestError } from '@azure/core-rest-pipeline';
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { clientsFor, DEV } from './clients.ts';

/** A credential handing out a fixed token: how a forged, expired or misdirected token reaches ARM via the SDK. */
const fixedToken = (token: string): TokenCredential => ({
  getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
});

describe('ARM authentication', () => {
  let emulator: TestEmulator;
  let claims: JWTPayload;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    const { tenant, users } = emulator.context.seed;
    const alice = users.find((u) => u.key === 'alice')!;
    const now = Math.floor(Date.now() / 1000);
    claims = {
      aud: 'https://management.azure.com/',
      iss: `${emulator.url}/${tenant.id}/v2.0`,
      tid: tenant.id,
      oid: alice.oid,
      upn: alice.upn,
      scp: 'user_impersonation',
      ver: '2.0',
      iat: now,
      nbf: now,
      exp: now + 3600,
    };
  });
  afterAll(() => emulator.close());

  const attempt = async (credential: TokenCredential) => {
    let challenge: string | undefined;
    const client = (await clientsFor(emulator, credential)).compute(DEV);
    const error = await client.virtualMachines
      .get('rg-web', 'web-01', { onResponse: (r) => void (challenge = r.headers.get('www-authenticate')) })
      .then(
        () => undefined,
        (e: unknown) => e as RestError,
      );
    return { error, challenge };
  };

  it('accepts a token the emulator signed for ARM', async () => {
    const { error } = await attempt(fixedToken(await emulator.context.keys.sign(claims)));
    expect(error).toBeUndefined();
  });

  it('refuses a forged token (another key) with 401 InvalidAuthenticationToken and a Bearer challenge', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: emulator.context.keys.kid })
      .sign(privateKey);
    const { error, challenge } = await attempt(fixedToken(forged));
    expect([error?.statusCode, error?.code]).toEqual([401, 'InvalidAuthenticationToken']);
    expect(challenge).toBe(
      `Bearer authorization_uri="${emulator.url}/${emulator.context.seed.tenant.id}", error="invalid_token", ` +
        'error_description="The access token signature is invalid."',
    );
  });

  it('refuses an expired token with 401 ExpiredAuthenticationToken (ARM allows 5 min of clock skew)', async () => {
    const exp = Math.floor(Date.now() / 1000) - 600;
    const { error } = await attempt(
      fixedToken(await emulator.context.keys.sign({ ...claims, iat: exp - 3600, nbf: exp - 3600, exp })),
    );
    expect([error?.statusCode, error?.code]).toEqual([401, 'ExpiredAuthenticationToken']);
    expect(error?.message).toMatch(
      /^The access token expiry UTC time '\d+\/\d+\/\d{4} \d+:\d\d:\d\d [AP]M' is earlier than current UTC time '.+'\.$/,
    );

    const skewed = Math.floor(Date.now() / 1000) - 60;
    expect(
      (await attempt(fixedToken(await emulator.context.keys.sign({ ...claims, exp: skewed })))).error,
    ).toBeUndefined();
  });

  it('refuses the Teams SSO token itself (wrong audience) with 401 InvalidAuthenticationTokenAudience', async () => {
    const { error } = await attempt(fixedToken(await emulator.ssoToken('alice')));
    expect([error?.statusCode, error?.code]).toEqual([401, 'InvalidAuthenticationTokenAudience']);
    expect(error?.message).toContain(`wrong audience or resource '${emulator.context.seed.app.clientId}'`);
  });

  it('refuses a token from another tenant and one without an oid', async () => {
    const other = await attempt(
      fixedToken(
        await emulator.context.keys.sign({ ...claims, tid: '00000000-0000-0000-0000-000000000001' }),
      ),
    );
    expect(other.error?.code).toBe('InvalidAuthenticationTokenTenant');
    const { oid: _oid, ...noOid } = claims;
    const anonymous = await attempt(fixedToken(await emulator.context.keys.sign(noOid)));
    expect(anonymous.error?.code).toBe('InvalidAuthenticationToken');
  });
});

describe('ARM throttling', () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({
      throttle: { readBucket: 2, readRefillPerSecond: 5, writeBucket: 2, writeRefillPerSecond: 5 },
    });
  });
  afterAll(() => emulator.close());

  it('answers 429 with Retry-After when a bucket is empty; the SDK pipeline retries and succeeds', async () => {
    const compute = (await clientsFor(emulator, 'alice')).compute(DEV);
    await compute.virtualMachines.get('rg-web', 'web-01'); // token exchange out of the way
    const remaining: Array<string | undefined> = [];
    const onResponse = (r: { headers: { get(name: string): string | undefined } }) =>
      void remaining.push(r.headers.get('x-ms-ratelimit-remaining-subscription-reads'));
    // five concurrent reads on a bucket of two: some are throttled, retried after Retry-After, and succeed
    const vms = await Promise.all(
      Array.from({ length: 5 }, () => compute.virtualMachines.get('rg-web', 'web-01', { onResponse })),
    );
    expect(vms.map((vm) => vm.name)).toEqual(Array(5).fill('web-01'));
    expect(emulator.context.stats.arm.throttled).toBeGreaterThan(0);
    expect(remaining.every((value) => value !== undefined && /^\d+$/.test(value))).toBe(true);
  });

  it('sends 429 TooManyRequests in ARM shape, and never throttles with throttling off', async () => {
    const clients = await clientsFor(emulator, 'bob');
    const token = (await clients.credential.getToken('https://management.azure.com/.default'))!.token;
    const path = `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-02?api-version=2026-04-01`;
    const call = () => emulator.call(path, { headers: { authorization: `Bearer ${token}` } });
    let throttled = await call();
    for (let i = 0; i < 50 && throttled.status !== 429; i++) throttled = await call();
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('1');
    expect(throttled.json().error.code).toBe('TooManyRequests');
    expect(throttled.json().error.message).toContain(`Number of 'read' requests for subscription '${DEV}'`);

    emulator.context.faults.throttling = false;
    try {
      const more = await Promise.all(Array.from({ length: 10 }, call));
      expect(more.map((r) => r.status)).toEqual(Array(10).fill(200));
    } finally {
      emulator.context.faults.throttling = true;
    }
  });
});
