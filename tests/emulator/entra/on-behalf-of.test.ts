import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthenticationRequiredError, CredentialUnavailableError } from '@azure/identity';
import { base64url, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { ARM_SCOPE, configOf, oboCredential, verifyWithServedJwks, type EmulatorConfig } from './fixtures.ts';

/** OBO through the real OnBehalfOfCredential (MSAL inside), against the emulator's token endpoint. */
describe('Entra on-behalf-of', () => {
  let emulator: TestEmulator;
  let config: EmulatorConfig;
  let clock = Date.now();

  beforeAll(async () => {
    emulator = await startTestEmulator({ now: () => clock });
    config = await configOf(emulator);
  });
  afterAll(() => emulator.close());

  const post = (form: Record<string, string>) =>
    emulator.call(`/${config.tenantId}/oauth2/v2.0/token`, { method: 'POST', form });

  it('exchanges alice’s SSO token for an ARM token with the agreed claims', async () => {
    const credential = oboCredential(emulator, config, await emulator.ssoToken('alice'));
    const token = await credential.getToken(ARM_SCOPE);
    const claims = await verifyWithServedJwks(emulator, config, token.token, {
      audience: 'https://management.azure.com/',
      currentDate: new Date(clock),
    });
    const alice = config.users.find((u) => u.key === 'alice')!;
    expect(claims).toMatchObject({
      aud: 'https://management.azure.com/',
      iss: `${emulator.url}/${config.tenantId}/v2.0`,
      scp: 'user_impersonation',
      oid: alice.oid,
      tid: config.tenantId,
      upn: alice.upn,
      name: alice.name,
      azp: config.app.clientId,
      appid: config.app.clientId,
      ver: '2.0',
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    // MSAL derives expiresOn from its own clock + expires_in: equal to exp within clock granularity.
    expect(Math.abs(token.expiresOnTimestamp - claims.exp! * 1000)).toBeLessThanOrEqual(2000);
  });

  it('sends one OBO request for many getToken calls on one credential (MSAL cache hit on the response scope)', async () => {
    const before = emulator.context.stats.token.obo;
    const credential = oboCredential(emulator, config, await emulator.ssoToken('bob'));
    const first = await credential.getToken(ARM_SCOPE);
    const more = await Promise.all(Array.from({ length: 10 }, () => credential.getToken(ARM_SCOPE)));
    expect(more.every((t) => t.token === first.token)).toBe(true);
    expect(emulator.context.stats.token.obo - before).toBe(1);
  });

  it('answers the `.default` request with a scope MSAL compares equal, plus the canonical permission', async () => {
    const res = await post({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      client_id: config.app.clientId,
      client_secret: config.app.clientSecret,
      assertion: await emulator.ssoToken('alice'),
      scope: `${ARM_SCOPE} openid profile offline_access`,
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      token_type: 'Bearer',
      scope: `https://management.azure.com/user_impersonation ${ARM_SCOPE} openid profile offline_access`,
      expires_in: 3600,
      ext_expires_in: 3600,
      access_token: expect.any(String),
    });
  });

  it('answers like Entra when MSAL asks for openid profile offline_access: id_token, refresh_token, client_info', async () => {
    // What MSAL (Python and JavaScript) sends on every OBO request.
    const alice = config.users.find((u) => u.key === 'alice')!;
    const res = await post({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      client_id: config.app.clientId,
      client_secret: config.app.clientSecret,
      assertion: await emulator.ssoToken('alice'),
      scope: `${ARM_SCOPE} offline_access openid profile`,
      client_info: '1',
    });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      [
        'access_token',
        'client_info',
        'expires_in',
        'ext_expires_in',
        'id_token',
        'refresh_token',
        'scope',
        'token_type',
      ].sort(),
    );
    expect(JSON.parse(Buffer.from(body.client_info, 'base64url').toString('utf8'))).toEqual({
      uid: alice.oid,
      utid: config.tenantId,
    });
    const id = await verifyWithServedJwks(emulator, config, body.id_token, {
      audience: config.app.clientId,
      currentDate: new Date(clock),
    });
    expect(id).toMatchObject({
      aud: config.app.clientId,
      iss: `${emulator.url}/${config.tenantId}/v2.0`,
      oid: alice.oid,
      tid: config.tenantId,
      preferred_username: alice.upn,
      name: alice.name,
      ver: '2.0',
      sub: expect.any(String),
    });
    expect(id.iat).toBe(id.nbf);
    expect(id.exp! - id.iat!).toBe(3600);

    // The refresh token is the app's (confidential client): it redeems for a new ARM token.
    const refreshed = await post({
      grant_type: 'refresh_token',
      client_id: config.app.clientId,
      client_secret: config.app.clientSecret,
      refresh_token: body.refresh_token,
      scope: ARM_SCOPE,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json().access_token).toEqual(expect.any(String));
  });

  it.each([['openid'], ['profile'], ['openid profile']])(
    'the user’s identity asked for (%s) without client_info=1: id_token and client_info all the same',
    async (oidc) => {
      const alice = config.users.find((u) => u.key === 'alice')!;
      const res = await post({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        requested_token_use: 'on_behalf_of',
        client_id: config.app.clientId,
        client_secret: config.app.clientSecret,
        assertion: await emulator.ssoToken('alice'),
        scope: `${ARM_SCOPE} ${oidc}`,
      });
      expect(res.status).toBe(200);
      const body = res.json();
      expect(body.id_token).toEqual(expect.any(String));
      expect(body.refresh_token).toBeUndefined();
      expect(JSON.parse(Buffer.from(body.client_info, 'base64url').toString('utf8'))).toEqual({
        uid: alice.oid,
        utid: config.tenantId,
      });
    },
  );

  it('leaves out what was not asked for: no id_token without openid, no refresh token without offline_access', async () => {
    const res = await post({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      client_id: config.app.clientId,
      client_secret: config.app.clientSecret,
      assertion: await emulator.ssoToken('alice'),
      scope: ARM_SCOPE,
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(
      ['access_token', 'expires_in', 'ext_expires_in', 'scope', 'token_type'].sort(),
    );
    expect(res.json().scope).toBe(`https://management.azure.com/user_impersonation ${ARM_SCOPE}`);
  });

  it.each([
    [
      'https://management.azure.com/.default',
      'https://management.azure.com/',
      'https://management.azure.com/',
    ],
    [
      'https://management.core.windows.net//.default',
      'https://management.core.windows.net/',
      'https://management.core.windows.net//',
    ],
    [
      'https://management.core.windows.net/.default',
      'https://management.core.windows.net/',
      'https://management.core.windows.net/',
    ],
  ])(
    'a token for %s has aud %s (the identifier requested), and ARM accepts it',
    async (scope, aud, prefix) => {
      const res = await post({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        requested_token_use: 'on_behalf_of',
        client_id: config.app.clientId,
        client_secret: config.app.clientSecret,
        assertion: await emulator.ssoToken('alice'),
        scope,
      });
      expect(res.status).toBe(200);
      const body = res.json();
      expect(body.scope).toBe(`${prefix}user_impersonation ${scope}`);
      const claims = await verifyWithServedJwks(emulator, config, body.access_token, {
        currentDate: new Date(clock),
      });
      expect(claims.aud).toBe(aud);
      const arm = await emulator.call('/subscriptions?api-version=2022-12-01', {
        headers: { authorization: `Bearer ${body.access_token}` },
      });
      expect(arm.status).toBe(200);
      expect(arm.json().value.length).toBeGreaterThan(0);
    },
  );

  it('accepts CAE requests (claims with xms_cc) and marks the token', async () => {
    const credential = oboCredential(emulator, config, await emulator.ssoToken('dave'));
    const token = await credential.getToken(ARM_SCOPE, { enableCae: true });
    const claims = await verifyWithServedJwks(emulator, config, token.token, {
      currentDate: new Date(clock),
    });
    expect(claims.xms_cc).toEqual(['cp1']);
  });

  it('refuses erin (no consent): AuthenticationRequiredError caused by MSAL InteractionRequiredAuthError consent_required', async () => {
    const credential = oboCredential(emulator, config, await emulator.ssoToken('erin'));
    const error = await credential.getToken(ARM_SCOPE).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationRequiredError);
    const cause = (error as AuthenticationRequiredError).cause as {
      name: string;
      errorCode: string;
      subError: string;
    };
    expect(cause).toMatchObject({
      name: 'InteractionRequiredAuthError',
      errorCode: 'invalid_grant',
      subError: 'consent_required',
    });
    expect((error as Error).message).toContain('AADSTS65001');
  });

  it('sends the exact Entra error body for consent_required', async () => {
    const res = await post({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      client_id: config.app.clientId,
      client_secret: config.app.clientSecret,
      assertion: await emulator.ssoToken('erin'),
      scope: ARM_SCOPE,
    });
    expect(res.status).toBe(400);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      [
        'correlation_id',
        'error',
        'error_codes',
        'error_description',
        'error_uri',
        'suberror',
        'timestamp',
        'trace_id',
      ].sort(),
    );
    expect(body).toMatchObject({
      error: 'invalid_grant',
      error_codes: [65001],
      suberror: 'consent_required',
    });
    expect(res.headers['x-ms-request-id']).toBe(body.trace_id);
  });

  describe('refuses bad user assertions with AADSTS50013', () => {
    async function claimsOf(user: string): Promise<JWTPayload> {
      const [, payload] = (await emulator.ssoToken(user)).split('.');
      return JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as JWTPayload;
    }
    async function signedByOtherKey(kid: string): Promise<string> {
      const { privateKey } = await generateKeyPair('RS256');
      return new SignJWT(await claimsOf('alice')).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
    }

    const cases: Array<[string, () => Promise<string>, RegExp]> = [
      [
        'expired (clock moved past exp)',
        async () => emulator.ssoToken('alice', { expiresInSeconds: 600 }),
        /not expired|expiry time/,
      ],
      [
        'expired (minted already expired)',
        () => emulator.ssoToken('alice', { expiresInSeconds: -60 }),
        /expiry time of assertion/,
      ],
      ['not yet valid', () => emulator.ssoToken('alice', { notBeforeSeconds: 600 }), /valid time range/],
      [
        'forged with another key under the emulator’s kid',
        () => signedByOtherKey(emulator.context.keys.kid),
        /signature/,
      ],
      ['forged with an unknown key', () => signedByOtherKey('not-a-known-kid'), /key was not found/],
      [
        'for another audience',
        () => emulator.ssoToken('alice', { audience: 'api://someone-else' }),
        /audience/,
      ],
      [
        'from another issuer',
        async () =>
          emulator.context.keys.sign({ ...(await claimsOf('alice')), iss: 'https://sts.example.com/v2.0' }),
        /issuer/,
      ],
      [
        'from another tenant',
        () => emulator.ssoToken('alice', { tenant: 'fabrikam.onmicrosoft.com' }),
        /issuer/,
      ],
      [
        'unsigned (alg none)',
        async () =>
          `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(JSON.stringify(await claimsOf('alice')))}.`,
        /not signed/,
      ],
      ['without a delegated scope (scp)', () => emulator.ssoToken('alice', { scp: '' }), /scp/],
    ];

    it.each(cases)('%s', async (_name, makeAssertion, detail) => {
      const assertion = await makeAssertion();
      if (_name.startsWith('expired (clock')) clock += 2 * 3600_000;
      try {
        const error = await oboCredential(emulator, config, assertion)
          .getToken(ARM_SCOPE)
          .then(
            () => undefined,
            (e: unknown) => e as Error,
          );
        expect(error).toBeInstanceOf(AuthenticationRequiredError);
        expect(error!.message).toContain('AADSTS50013');
        expect(error!.message).toMatch(detail);
        expect((error!.cause as { errorCode?: string }).errorCode).toBe('invalid_grant');
      } finally {
        clock = Date.now();
      }
    });
  });

  it('refuses a garbage assertion as a malformed JWT (AADSTS50027)', async () => {
    const res = await post({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      client_id: config.app.clientId,
      client_secret: config.app.clientSecret,
      assertion: 'not-a-jwt',
      scope: ARM_SCOPE,
    });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_request', error_codes: [50027] });
  });

  it('refuses a wrong client secret (AADSTS7000215, 401 invalid_client)', async () => {
    const credential = oboCredential(emulator, config, await emulator.ssoToken('alice'), {
      clientSecret: 'wrong',
    });
    const error = await credential.getToken(ARM_SCOPE).catch((e: Error) => e);
    expect((error as Error).message).toContain('AADSTS7000215');
    expect((error as Error).message).toContain('invalid_client');
  });

  it('refuses an unknown client id (AADSTS700016)', async () => {
    const credential = oboCredential(emulator, config, await emulator.ssoToken('alice'), {
      clientId: '11111111-2222-4333-8444-555555555555',
    });
    const error = await credential.getToken(ARM_SCOPE).catch((e: Error) => e);
    expect((error as Error).message).toContain('AADSTS700016');
  });

  it('refuses an unknown tenant: discovery fails (AADSTS90002), the credential is unavailable', async () => {
    const other = '99999999-8888-4777-8666-555555555555';
    const credential = oboCredential(emulator, config, await emulator.ssoToken('alice'), { tenantId: other });
    await expect(credential.getToken(ARM_SCOPE)).rejects.toBeInstanceOf(CredentialUnavailableError);
    const discovery = await emulator.call(`/${other}/v2.0/.well-known/openid-configuration`);
    expect(discovery.status).toBe(400);
    expect(discovery.json()).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
  });

  it('accepts the managed identity as a federated client credential (getAssertion)', async () => {
    const getAssertion = async () => {
      const res = await emulator.call('/_emulator/token', {
        method: 'POST',
        body: { managedIdentity: true },
      });
      return res.json<{ access_token: string }>().access_token;
    };
    const credential = oboCredential(emulator, config, await emulator.ssoToken('carol'), { getAssertion });
    const token = await credential.getToken(ARM_SCOPE);
    const claims = await verifyWithServedJwks(emulator, config, token.token, {
      currentDate: new Date(clock),
    });
    expect(claims).toMatchObject({
      appid: config.app.clientId,
      appidacr: '2',
      upn: 'carol@contoso.onmicrosoft.com',
    });
  });

  it('refuses client assertions that match no federated credential (AADSTS70021) or are certificate-style (AADSTS700027)', async () => {
    const sso = await emulator.ssoToken('alice');
    const wrongAudience = async () =>
      (
        await emulator.call('/_emulator/token', {
          method: 'POST',
          body: { managedIdentity: true, audience: 'api://other' },
        })
      ).json().access_token as string;
    const noMatch = await oboCredential(emulator, config, sso, { getAssertion: wrongAudience })
      .getToken(ARM_SCOPE)
      .catch((e: Error) => e);
    expect((noMatch as Error).message).toContain('AADSTS70021');

    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const x5t = (await exportJWK(publicKey)).n!.slice(0, 27);
    const certificateStyle = () =>
      new SignJWT({ aud: `${emulator.url}/${config.tenantId}/oauth2/v2.0/token`, jti: 'x' })
        .setProtectedHeader({ alg: 'RS256', x5t })
        .setIssuer(config.app.clientId)
        .setSubject(config.app.clientId)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
    const noKey = await oboCredential(emulator, config, sso, { getAssertion: certificateStyle })
      .getToken(ARM_SCOPE)
      .catch((e: Error) => e);
    expect((noKey as Error).message).toContain('AADSTS700027');
  });
});
