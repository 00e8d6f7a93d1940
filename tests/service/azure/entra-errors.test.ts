import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack } from '../../support/stack.ts';
import { apiClient } from '../http-client.ts';

/**
 * What Entra says on the On-Behalf-Of exchange, through the real @azure/identity + MSAL against the
 * emulator's token endpoint, as the service answers it: only Entra's consent answer is a consent
 * prompt; an unusable assertion is a 401 (get a new token); a refused app credential is the
 * administrator's problem.
 */
describe('Entra failures on the OBO exchange (real SDK, emulator)', () => {
  describe('with the app’s real credential', () => {
    let stack: Stack;
    let api: ReturnType<typeof apiClient>;
    beforeAll(async () => {
      stack = await startStack();
      api = apiClient(stack.service.url);
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('an assertion Entra finds expired (AADSTS50013, invalid_grant) → 401 InvalidToken, not a consent prompt', async () => {
      // Expired 30 s ago: within the service's 60 s clock skew, but Entra is strict.
      const token = await stack.ssoToken('alice', { expiresInSeconds: -30 });
      const res = await api('/api/vms', { token });
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'InvalidToken', message: expect.any(String) } });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    });

    it('consent missing (AADSTS65001, suberror consent_required) → 403 ConsentRequired with the scopes', async () => {
      const res = await api('/api/vms', { token: await stack.ssoToken('erin') });
      expect(res.status).toBe(403);
      expect(res.json()).toEqual({
        error: {
          code: 'ConsentRequired',
          message: expect.any(String),
          scopes: ['https://management.azure.com/user_impersonation'],
        },
      });
    });
  });

  describe('with a wrong client secret', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({
        service: { credential: { kind: 'secret', clientSecret: 'not-the-secret' } },
      });
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('AADSTS7000215 (invalid_client) → 503 ServiceMisconfigured with Retry-After, never ConsentRequired', async () => {
      const res = await apiClient(stack.service.url)('/api/vms', { token: await stack.ssoToken('alice') });
      expect(res.status).toBe(503);
      expect(res.json()).toEqual({ error: { code: 'ServiceMisconfigured', message: expect.any(String) } });
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(res.text).not.toContain('not-the-secret');
    });
  });

  describe('with a client id Entra does not know', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack();
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('AADSTS700016 (unauthorized_client) → 503 ServiceMisconfigured', async () => {
      // The OBO client is a different (unregistered) app; tokens are still validated for the real one.
      const { app } = stack.service;
      const other = await startStack({
        emulator: {},
        service: {
          clientId: '11111111-2222-4333-8444-555555555555',
          identifierUri: app.config.identifierUri,
        },
      });
      try {
        const token = await other.ssoToken('alice', { audience: '11111111-2222-4333-8444-555555555555' });
        const res = await apiClient(other.service.url)('/api/vms', { token });
        expect(res.status).toBe(503);
        expect(res.json().error.code).toBe('ServiceMisconfigured');
      } finally {
        await other.close();
      }
    });
  });

  describe('a tenant Entra does not know', () => {
    const FOREIGN = '7d3c1b2a-9e8f-4a6b-8c5d-3e2f1a0b9c8d';
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack();
      const { config } = stack.service.app;
      await stack.close();
      // The service allows a second tenant (ALLOWED_TENANTS), one the directory has never heard of.
      stack = await startStack({ service: { allowedTenants: [...config.allowedTenants, FOREIGN] } });
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('AADSTS90002 (tenant not found) → 503 with Retry-After: neither a consent prompt nor a sign-in loop', async () => {
      const token = await stack.ssoToken('alice', { tenant: FOREIGN });
      const res = await apiClient(stack.service.url)('/api/vms', { token });
      // MSAL first reads the tenant's OpenID configuration, which Entra (and the emulator) answers with AADSTS90002;
      // @azure/identity reports that as CredentialUnavailableError (endpoints_resolution_error) with no structured
      // Entra code, the same as Entra being unreachable: EntraUnavailable, retry later. Nothing the user can fix.
      expect(res.status).toBe(503);
      expect(res.json()).toEqual({ error: { code: 'EntraUnavailable', message: expect.any(String) } });
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    });
  });
});
