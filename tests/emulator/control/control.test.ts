import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthenticationRequiredError } from '@azure/identity';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import {
  ARM_SCOPE,
  configOf,
  oboCredential,
  verifyWithServedJwks,
  type EmulatorConfig,
} from '../entra/fixtures.ts';

/** The `/_emulator/*` control API, over real HTTPS. */
describe('control API', () => {
  let emulator: TestEmulator;
  let config: EmulatorConfig;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    config = await configOf(emulator);
  });
  afterAll(() => emulator.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    emulator.call(`/_emulator/${path}`, { method: 'POST', body, headers });

  it('GET config returns the agreed shape', async () => {
    const res = await emulator.call('/_emulator/config');
    expect(res.status).toBe(200);
    const body = res.json<EmulatorConfig>();
    expect(body).toMatchObject({
      tenantId: emulator.context.seed.tenant.id,
      authorityHost: emulator.url,
      armEndpoint: emulator.url,
      caPath: emulator.caPath,
      app: {
        clientId: emulator.context.seed.app.clientId,
        clientSecret: emulator.context.seed.app.clientSecret,
        identifierUri: `api://localhost/botid-${emulator.context.seed.app.clientId}`,
        scope: 'access_as_user',
      },
      teamsClientId: emulator.context.seed.teamsClientId,
    });
    expect(body.users.map((u) => u.key)).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    expect(Object.keys(body.users[0]!).sort()).toEqual(['key', 'name', 'oid', 'upn']);
  });

  describe('POST token', () => {
    it('mints an SSO token shaped like Teams’, verifiable with the served JWKS', async () => {
      const res = await post('token', { user: 'bob' });
      expect(res.status).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      const claims = await verifyWithServedJwks(emulator, config, body.access_token, {
        audience: config.app.clientId,
      });
      const bob = config.users.find((u) => u.key === 'bob')!;
      expect(claims).toMatchObject({
        scp: 'access_as_user',
        azp: config.teamsClientId,
        oid: bob.oid,
        tid: config.tenantId,
        preferred_username: bob.upn,
        name: bob.name,
        ver: '2.0',
        uti: expect.any(String),
      });
      expect(claims.exp! - claims.iat!).toBe(3600);
      expect(claims.nbf).toBe(claims.iat);
    });

    it('honours audience, expiresInSeconds, notBeforeSeconds, tenant and scp', async () => {
      const res = await post('token', {
        user: 'alice',
        audience: config.app.identifierUri,
        expiresInSeconds: 120,
        notBeforeSeconds: 30,
        tenant: 'fabrikam.onmicrosoft.com',
        scp: 'access_as_user extra',
      });
      const [, payload] = res.json().access_token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      expect(claims).toMatchObject({ aud: config.app.identifierUri, scp: 'access_as_user extra' });
      expect(claims.tid).not.toBe(config.tenantId);
      expect(claims.iss).toBe(`${emulator.url}/${claims.tid}/v2.0`);
      expect(claims.exp - claims.iat).toBe(120);
      expect(claims.nbf - claims.iat).toBe(30);
      const noScp = JSON.parse(
        Buffer.from(
          (await post('token', { user: 'alice', scp: '' })).json().access_token.split('.')[1],
          'base64url',
        ).toString(),
      );
      expect(noScp.scp).toBeUndefined();
    });

    it('mints the managed identity’s token exchange assertion', async () => {
      const res = await post('token', { managedIdentity: true });
      const claims = await verifyWithServedJwks(emulator, config, res.json().access_token, {
        audience: 'api://AzureADTokenExchange',
      });
      expect(claims).toMatchObject({
        sub: config.managedIdentity.principalId,
        appid: config.managedIdentity.clientId,
        idtyp: 'app',
      });
    });

    it.each([
      ['an unknown user', { user: 'mallory' }, 'UnknownUser'],
      ['a load user outside the large seed', { user: 'load-00001' }, 'UnknownUser'],
      ['neither user nor managed identity', {}, 'InvalidRequest'],
      ['both user and managed identity', { user: 'alice', managedIdentity: true }, 'InvalidRequest'],
      ['an unknown field', { user: 'alice', admin: true }, 'InvalidRequest'],
      ['a non-integer lifetime', { user: 'alice', expiresInSeconds: 1.5 }, 'InvalidRequest'],
      ['a string lifetime', { user: 'alice', expiresInSeconds: '60' }, 'InvalidRequest'],
      [
        'an unknown managed identity',
        { managedIdentity: '00000000-0000-4000-8000-000000000000' },
        'UnknownManagedIdentity',
      ],
      ['a JSON array', [1, 2], 'InvalidRequest'],
    ])('answers 400 {error:{code,message}} for %s', async (_name, body, code) => {
      const res = await post('token', body);
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ error: { code, message: expect.any(String) } });
    });

    it('answers 400 InvalidJson for garbage and 415 for a non-JSON content type', async () => {
      const garbage = await emulator.call('/_emulator/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"user": ',
      });
      expect(garbage.status).toBe(400);
      expect(garbage.json().error.code).toBe('InvalidJson');
      expect(garbage.text).not.toMatch(/at .+\.ts:\d+/);
      const form = await emulator.call('/_emulator/token', { method: 'POST', form: { user: 'alice' } });
      expect(form.status).toBe(415);
    });
  });

  it('404 for unknown control endpoints, 405 (with Allow) for wrong methods', async () => {
    expect((await emulator.call('/_emulator/nope')).json()).toMatchObject({ error: { code: 'NotFound' } });
    const wrong = await emulator.call('/_emulator/token');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
  });

  it('answers CORS for localhost origins only (the dev chat page mints tokens from the browser)', async () => {
    const origin = 'http://localhost:3978';
    const pre = await emulator.call('/_emulator/token', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(origin);
    expect(pre.headers['access-control-allow-headers']).toBe('content-type');
    expect((await post('token', { user: 'alice' }, { origin })).headers['access-control-allow-origin']).toBe(
      origin,
    );
    expect(
      (await post('token', { user: 'alice' }, { origin: 'https://evil.example' })).headers[
        'access-control-allow-origin'
      ],
    ).toBeUndefined();
  });

  describe('faults', () => {
    it.each([
      ['a status outside 400–599', { target: 'entra', status: 200 }],
      ['an unknown target', { target: 'graph', status: 500 }],
      ['status without target', { status: 500 }],
      ['target without anything to do', { target: 'arm' }],
      ['a negative latency', { target: 'arm', latencyMs: -1 }],
      ['an empty body', {}],
      ['a non-boolean throttling', { throttling: 'off' }],
      [
        'retryAfterSeconds on a status without Retry-After',
        { target: 'arm', status: 500, retryAfterSeconds: 0 },
      ],
      ['retryAfterSeconds without a status', { target: 'arm', retryAfterSeconds: 0 }],
      ['a negative retryAfterSeconds', { target: 'arm', status: 429, retryAfterSeconds: -1 }],
      ['a fractional retryAfterSeconds', { arm: { status: 503, retryAfterSeconds: 0.5 } }],
    ])('rejects %s with 400', async (_name, body) => {
      const res = await post('faults', body);
      expect(res.status).toBe(400);
      expect(res.json().error.code).toBe('InvalidRequest');
    });

    it('queues N injected answers in Entra’s shape, then serves normally', async () => {
      const set = await post('faults', { target: 'entra', status: 500, count: 2 });
      expect(set.json()).toMatchObject({ entra: { status: 500, remaining: 2 }, arm: null, throttling: true });
      const discovery = `/${config.tenantId}/v2.0/.well-known/openid-configuration`;
      const first = await emulator.call(discovery);
      expect(first.status).toBe(500);
      expect(first.json()).toMatchObject({ error: 'temporarily_unavailable', error_codes: [90033] });
      expect((await emulator.call(discovery)).status).toBe(500);
      expect((await emulator.call(discovery)).status).toBe(200);
      expect((await emulator.call('/_emulator/faults')).json().entra).toBeNull();
    });

    it('accepts the same settings keyed by area, for both areas at once', async () => {
      const res = await post('faults', {
        entra: { status: 503, count: 2 },
        arm: { latencyMs: 5 },
        throttling: false,
      });
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({
        entra: { status: 503, remaining: 2 },
        arm: null,
        latencyMs: { arm: 5, entra: 0 },
        throttling: false,
      });
      const bad = await post('faults', { entra: { status: 200 } });
      expect(bad.status).toBe(400);
      expect(bad.json().error.code).toBe('InvalidRequest');
      expect((await post('faults', { arm: {} })).status).toBe(400);
      await post('reset', {});
    });

    it('answers injected 429/503 with Retry-After: 1 unless the fault sets retryAfterSeconds (0 allowed)', async () => {
      const armPath = `/subscriptions?api-version=2022-12-01`;
      const discovery = `/${config.tenantId}/v2.0/.well-known/openid-configuration`;

      await post('faults', { target: 'arm', status: 429 });
      const byDefault = await emulator.call(armPath);
      expect(byDefault.status).toBe(429);
      expect(byDefault.headers['retry-after']).toBe('1');
      expect(byDefault.json().error.code).toBe('TooManyRequests');

      const set = await post('faults', {
        arm: { status: 429, count: 2, retryAfterSeconds: 0 },
        entra: { status: 503, retryAfterSeconds: 7 },
      });
      expect(set.json()).toMatchObject({
        arm: { status: 429, remaining: 2, retryAfterSeconds: 0 },
        entra: { status: 503, remaining: 1, retryAfterSeconds: 7 },
      });
      expect((await emulator.call(armPath)).headers['retry-after']).toBe('0');
      expect((await emulator.call(armPath)).headers['retry-after']).toBe('0');
      const entra = await emulator.call(discovery);
      expect(entra.status).toBe(503);
      expect(entra.headers['retry-after']).toBe('7');

      // Other statuses carry no Retry-After, and show none in the fault state.
      expect((await post('faults', { target: 'arm', status: 500 })).json().arm).toEqual({
        status: 500,
        remaining: 1,
        retryAfterSeconds: null,
      });
      expect((await emulator.call(armPath)).headers['retry-after']).toBeUndefined();
      await post('reset', {});
    });

    it('sets latency and throttling, and count 0 clears a queued fault', async () => {
      await post('faults', { target: 'arm', status: 503, count: 5, latencyMs: 25 });
      const res = await post('faults', { target: 'arm', count: 0, throttling: false });
      expect(res.json()).toMatchObject({ arm: null, latencyMs: { arm: 25, entra: 0 }, throttling: false });
      expect(emulator.context.faults.throttling).toBe(false);
      const started = Date.now();
      await emulator.call(`/${config.tenantId}/discovery/v2.0/keys`);
      await post('faults', { target: 'entra', latencyMs: 60 });
      await emulator.call(`/${config.tenantId}/discovery/v2.0/keys`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(60);
      await post('reset', {});
    });
  });

  it('consent: revoking alice makes OBO fail with consent_required; granting erin makes it work', async () => {
    expect((await post('consent', { user: 'alice', consented: false })).json()).toMatchObject({
      user: 'alice',
      consented: false,
    });
    const alice = oboCredential(emulator, config, await emulator.ssoToken('alice'));
    await expect(alice.getToken(ARM_SCOPE)).rejects.toBeInstanceOf(AuthenticationRequiredError);
    await post('consent', { user: 'erin', consented: true });
    const erin = oboCredential(emulator, config, await emulator.ssoToken('erin'));
    expect((await erin.getToken(ARM_SCOPE)).token).toMatch(/^ey/);
    expect((await post('consent', { user: 'nobody', consented: true })).status).toBe(400);
    await post('reset', {});
  });

  it('reset restores consents, counters and faults', async () => {
    await post('consent', { user: 'erin', consented: true });
    await post('consent', { user: 'bob', consented: false });
    await post('faults', { target: 'arm', status: 500, count: 3, latencyMs: 5 });
    await oboCredential(emulator, config, await emulator.ssoToken('carol')).getToken(ARM_SCOPE);
    expect(emulator.context.stats.token.obo).toBeGreaterThan(0);

    const res = await post('reset', undefined);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ reset: true });

    const stats = (await emulator.call('/_emulator/stats')).json();
    expect(stats.token).toEqual({ obo: 0, authorization_code: 0, client_credentials: 0, refresh_token: 0 });
    expect(stats).toMatchObject({ jwks: 0, discovery: 0, arm: { read: 0, write: 0 } });
    expect((await emulator.call('/_emulator/faults')).json()).toEqual({
      entra: null,
      arm: null,
      latencyMs: { entra: 0, arm: 0 },
      throttling: true,
      operationFailures: [],
    });
    const erin = oboCredential(emulator, config, await emulator.ssoToken('erin'));
    await expect(erin.getToken(ARM_SCOPE)).rejects.toBeInstanceOf(AuthenticationRequiredError);
    const bob = oboCredential(emulator, config, await emulator.ssoToken('bob'));
    expect((await bob.getToken(ARM_SCOPE)).token).toMatch(/^ey/);
  });
});
