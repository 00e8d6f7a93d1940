import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ClientAssertionCredential, ClientSecretCredential } from '@azure/identity';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import {
  ARM_SCOPE,
  configOf,
  entraError,
  oboCredential,
  verifyWithServedJwks,
  type EmulatorConfig,
} from './fixtures.ts';

/** The token endpoint's request handling, client credentials, CORS and injected faults. */
describe('Entra token endpoint', () => {
  let emulator: TestEmulator;
  let config: EmulatorConfig;
  let tokenPath: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    config = await configOf(emulator);
    tokenPath = `/${config.tenantId}/oauth2/v2.0/token`;
  });
  afterAll(() => emulator.close());

  const credentialOptions = () => ({
    authorityHost: emulator.url,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: emulator.ca },
  });

  describe('malformed requests get Entra errors, never a crash', () => {
    it('GET → AADSTS900561', async () => {
      const res = await emulator.call(tokenPath);
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject(entraError(900561, 'invalid_request'));
    });

    it('a JSON body reads as no parameters → AADSTS900144 grant_type', async () => {
      const res = await emulator.call(tokenPath, {
        method: 'POST',
        body: { grant_type: 'client_credentials' },
      });
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject(entraError(900144, 'invalid_request'));
      expect(res.json().error_description).toContain("'grant_type'");
    });

    it('garbage bytes → AADSTS900144, JSON body, no stack trace', async () => {
      const res = await emulator.call(tokenPath, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '%%%\u0000{{not a form',
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.text).not.toMatch(/at .+\.ts:\d+/);
      expect(res.json()).toMatchObject(entraError(900144, 'invalid_request'));
    });

    it('unsupported grant type → AADSTS70003', async () => {
      const res = await emulator.call(tokenPath, {
        method: 'POST',
        form: { grant_type: 'password', client_id: config.app.clientId },
      });
      expect(res.json()).toMatchObject(entraError(70003, 'unsupported_grant_type'));
    });

    it('missing client_id / scope / assertion → AADSTS900144 naming the parameter', async () => {
      const base = {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        requested_token_use: 'on_behalf_of',
      };
      const noClient = await emulator.call(tokenPath, { method: 'POST', form: base });
      expect(noClient.json().error_description).toMatch(/^AADSTS900144: .*'client_id'/);
      const noAssertion = await emulator.call(tokenPath, {
        method: 'POST',
        form: {
          ...base,
          client_id: config.app.clientId,
          client_secret: config.app.clientSecret,
          scope: ARM_SCOPE,
        },
      });
      expect(noAssertion.json().error_description).toMatch(/^AADSTS900144: .*'assertion'/);
    });

    it('OBO without a client credential → AADSTS7000218 (401)', async () => {
      const res = await emulator.call(tokenPath, {
        method: 'POST',
        form: {
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          requested_token_use: 'on_behalf_of',
          client_id: config.app.clientId,
          assertion: await emulator.ssoToken('alice'),
          scope: ARM_SCOPE,
        },
      });
      expect(res.status).toBe(401);
      expect(res.json()).toMatchObject(entraError(7000218, 'invalid_client'));
    });

    it('unknown resources and mixed resources are refused like Entra (500011, 28000, 650053)', async () => {
      const form = (scope: string) => ({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        requested_token_use: 'on_behalf_of',
        client_id: config.app.clientId,
        client_secret: config.app.clientSecret,
        assertion: '',
        scope,
      });
      const sso = await emulator.ssoToken('alice');
      const send = async (scope: string) =>
        (await emulator.call(tokenPath, { method: 'POST', form: { ...form(scope), assertion: sso } })).json();
      expect(await send('https://vault.azure.net/.default')).toMatchObject({
        error: 'invalid_resource',
        error_codes: [500011],
      });
      expect(await send(`${ARM_SCOPE} ${config.app.identifierUri}/.default`)).toMatchObject({
        error_codes: [28000],
      });
      expect(await send('https://management.azure.com/delete_everything')).toMatchObject({
        error_codes: [650053],
      });
    });

    it('echoes client-request-id and uses it as the correlation id', async () => {
      const id = '0b7c5f3e-1d2a-4c8b-9e6f-123456789abc';
      const res = await emulator.call(tokenPath, {
        method: 'POST',
        headers: { 'client-request-id': id },
        form: {},
      });
      expect(res.headers['client-request-id']).toBe(id);
      expect(res.json().correlation_id).toBe(id);
      expect(res.headers['x-ms-request-id']).toBe(res.json().trace_id);
    });
  });

  describe('client credentials', () => {
    it('issues an app-only ARM token to ClientSecretCredential (service principal, no roles)', async () => {
      const before = emulator.context.stats.token.client_credentials;
      const credential = new ClientSecretCredential(
        config.tenantId,
        config.app.clientId,
        config.app.clientSecret,
        credentialOptions(),
      );
      const token = await credential.getToken(ARM_SCOPE);
      const again = await credential.getToken(ARM_SCOPE);
      expect(again.token).toBe(token.token);
      expect(emulator.context.stats.token.client_credentials - before).toBe(1);
      const claims = await verifyWithServedJwks(emulator, config, token.token, {
        audience: 'https://management.azure.com/',
      });
      expect(claims).toMatchObject({ idtyp: 'app', appid: config.app.clientId, tid: config.tenantId });
      expect(claims.oid).toEqual(claims.sub);
      expect(claims.scp).toBeUndefined();
      expect(claims.roles).toBeUndefined();
      expect(config.users.map((u) => u.oid)).not.toContain(claims.oid);
    });

    it('issues an app-only token to ClientAssertionCredential with the managed identity assertion', async () => {
      const credential = new ClientAssertionCredential(
        config.tenantId,
        config.app.clientId,
        async () =>
          (
            await emulator.call('/_emulator/token', {
              method: 'POST',
              body: { managedIdentity: config.managedIdentity.clientId },
            })
          ).json().access_token,
        credentialOptions(),
      );
      const token = await credential.getToken(ARM_SCOPE);
      const claims = await verifyWithServedJwks(emulator, config, token.token);
      expect(claims).toMatchObject({ idtyp: 'app', appidacr: '2' });
    });

    it('requires a /.default scope (AADSTS1002012)', async () => {
      const res = await emulator.call(tokenPath, {
        method: 'POST',
        form: {
          grant_type: 'client_credentials',
          client_id: config.app.clientId,
          client_secret: config.app.clientSecret,
          scope: 'https://management.azure.com/user_impersonation',
        },
      });
      expect(res.json()).toMatchObject(entraError(1002012, 'invalid_scope'));
    });
  });

  describe('CORS (SPA redirect URIs on loopback)', () => {
    it('answers the preflight for a localhost origin and echoes the origin on errors too', async () => {
      const origin = 'http://localhost:5173';
      const pre = await emulator.call(tokenPath, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe(origin);
      expect(pre.headers['access-control-allow-methods']).toContain('POST');
      const res = await emulator.call(tokenPath, { method: 'POST', headers: { origin }, form: {} });
      expect(res.headers['access-control-allow-origin']).toBe(origin);
    });

    it('does not allow other origins', async () => {
      const res = await emulator.call(tokenPath, {
        method: 'POST',
        headers: { origin: 'https://evil.example' },
        form: {},
      });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  it('an injected entra 503 is retried by the identity pipeline, then OBO succeeds', async () => {
    const set = await emulator.call('/_emulator/faults', {
      method: 'POST',
      body: { target: 'entra', status: 503, count: 1 },
    });
    expect(set.status).toBe(200);
    const credential = oboCredential(emulator, config, await emulator.ssoToken('alice'));
    const token = await credential.getToken(ARM_SCOPE);
    expect(token.token).toMatch(/^ey/);
    expect(emulator.context.faults.entra?.remaining).toBe(0);
  });
});
