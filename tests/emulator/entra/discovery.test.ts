import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { configOf, entraError, type EmulatorConfig } from './fixtures.ts';

/** OIDC discovery and JWKS, tenant routing. */
describe('Entra discovery and JWKS', () => {
  let emulator: TestEmulator;
  let config: EmulatorConfig;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    config = await configOf(emulator);
  });
  afterAll(() => emulator.close());

  it('serves the v2 document with endpoints and issuer on the emulator’s own host', async () => {
    const before = emulator.context.stats.discovery;
    const res = await emulator.call(`/${config.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const base = `${emulator.url}/${config.tenantId}`;
    expect(res.json()).toMatchObject({
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
      response_modes_supported: expect.arrayContaining(['query', 'fragment', 'form_post']),
    });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(emulator.context.stats.discovery - before).toBe(1);
  });

  it('serves the v1 document too', async () => {
    const res = await emulator.call(`/${config.tenantId}/.well-known/openid-configuration`);
    expect(res.json()).toMatchObject({
      issuer: `${emulator.url}/${config.tenantId}/`,
      jwks_uri: `${emulator.url}/${config.tenantId}/discovery/keys`,
    });
  });

  it('routes case-insensitively and accepts the tenant domain (endpoints then name the tenant id)', async () => {
    const res = await emulator.call(
      `/${config.tenantDomain.toUpperCase()}/V2.0/.Well-Known/OpenID-Configuration`,
    );
    expect(res.status).toBe(200);
    expect(res.json().token_endpoint).toBe(`${emulator.url}/${config.tenantId}/oauth2/v2.0/token`);
  });

  it('advertises a {tenantid} issuer template for organizations/common, like Entra', async () => {
    const res = await emulator.call('/organizations/v2.0/.well-known/openid-configuration');
    expect(res.json().issuer).toBe(`${emulator.url}/{tenantid}/v2.0`);
  });

  it('answers an unknown tenant with AADSTS90002 (400 invalid_request)', async () => {
    const res = await emulator.call('/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject(entraError(90002, 'invalid_request'));
    expect(res.json().error_description).toContain("Tenant 'fabrikam.onmicrosoft.com' not found");
    const token = await emulator.call('/fabrikam.onmicrosoft.com/oauth2/v2.0/token', {
      method: 'POST',
      form: {},
    });
    expect(token.json()).toMatchObject(entraError(90002, 'invalid_request'));
  });

  it('serves the RS256 signing key with its kid at both JWKS paths, and it verifies minted tokens', async () => {
    const before = emulator.context.stats.jwks;
    const v2 = (await emulator.call(`/${config.tenantId}/discovery/v2.0/keys`)).json();
    const v1 = (await emulator.call(`/${config.tenantId}/discovery/keys`)).json();
    expect(emulator.context.stats.jwks - before).toBe(2);
    expect(v2.keys).toHaveLength(1);
    expect(v2.keys[0]).toMatchObject({
      kty: 'RSA',
      use: 'sig',
      alg: 'RS256',
      kid: expect.any(String),
      n: expect.any(String),
      e: 'AQAB',
    });
    expect(v2.keys[0].d).toBeUndefined();
    expect(v1.keys[0].kid).toBe(v2.keys[0].kid);

    const token = await emulator.ssoToken('alice');
    const { protectedHeader } = await jwtVerify(token, createLocalJWKSet(v2), {
      issuer: `${emulator.url}/${config.tenantId}/v2.0`,
      audience: config.app.clientId,
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: v2.keys[0].kid });
  });

  it('leaves unknown paths to the generic 404', async () => {
    const res = await emulator.call(`/${config.tenantId}/oauth2/v2.0/nothing-here`);
    expect(res.status).toBe(404);
  });
});
