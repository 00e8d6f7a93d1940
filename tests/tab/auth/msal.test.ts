/**
 * The MSAL sign-in's and consent window's behaviour, carried over from the hand-written PKCE client they replaced: no
 * account → SignInRequired; tokens come from the cache and are renewed on demand (after a 401); a failed renewal ends
 * the session; a redirect that came back with an error is reported, not thrown; the consent window asks for Azure
 * Resource Manager with the prompt and login hint it was given, back to auth-end. (The real MSAL against the
 * emulator: tests/tab/e2e.)
 */
import { describe, expect, it, jest } from '@jest/globals';
import { beginConsent, completeConsent, startMsal } from '../../../tab/src/auth/msal.ts';
import { ARM_SCOPE, type ClientConfig } from '../../../tab/src/config/client-config.ts';

const config: ClientConfig = {
  clientId: 'client-id',
  tenantId: 'tenant',
  authority: 'https://127.0.0.1:4443/tenant',
  identifierUri: 'api://localhost/botid-x',
  scopes: ['api://localhost/botid-x/access_as_user'],
  localMode: true,
};

const ALICE = {
  homeAccountId: 'a.t',
  environment: '127.0.0.1:4443',
  tenantId: 'tenant',
  username: 'alice@contoso.onmicrosoft.com',
  localAccountId: 'a11ce',
  name: 'Alice Wong',
};

function fakeMsal(options: { redirect?: () => Promise<unknown>; accounts?: unknown[] } = {}) {
  let active: unknown = null;
  const pca = {
    handleRedirectPromise: jest.fn(
      (options.redirect ?? (async () => null)) as (options?: unknown) => Promise<unknown>,
    ),
    getActiveAccount: jest.fn(() => active),
    getAllAccounts: jest.fn(() => options.accounts ?? []),
    setActiveAccount: jest.fn((a: unknown) => void (active = a)),
    acquireTokenSilent: jest.fn(
      async (request: { scopes?: string[]; account?: unknown; forceRefresh?: boolean }) => ({
        accessToken: request.forceRefresh ? 'renewed' : 'cached',
      }),
    ),
    loginRedirect: jest.fn(async (_request: unknown) => undefined),
    acquireTokenRedirect: jest.fn(async (_request: unknown) => undefined),
    logoutRedirect: jest.fn(async (_request: unknown) => undefined),
  };
  const create = jest.fn(async (_configuration: unknown) => pca);
  const load = async () => ({ createStandardPublicClientApplication: create }) as never;
  return { pca, create, load };
}

describe('MSAL sign-in', () => {
  it('configures MSAL for the authority the service names: no instance discovery, the tab as redirect URI, sessionStorage', async () => {
    const { create, load } = fakeMsal();
    await startMsal({ config, origin: 'http://localhost:3978', load });
    expect(create).toHaveBeenCalledWith({
      auth: {
        clientId: 'client-id',
        authority: 'https://127.0.0.1:4443/tenant',
        knownAuthorities: ['127.0.0.1:4443'],
        redirectUri: 'http://localhost:3978/',
        postLogoutRedirectUri: 'http://localhost:3978/',
      },
      cache: { cacheLocation: 'sessionStorage' },
    });
  });

  it('requires a sign-in when there is no account', async () => {
    const { load } = fakeMsal();
    const msal = await startMsal({ config, origin: 'http://localhost', load });
    expect(msal.account).toBeUndefined();
    await expect(msal.tokens.getToken()).rejects.toMatchObject({ code: 'SignInRequired' });
  });

  it('serves the cached token, renews it on demand, and ends the session when renewal fails', async () => {
    const { pca, load } = fakeMsal({ accounts: [ALICE] });
    const onSignedOut = jest.fn();
    const msal = await startMsal({ config, origin: 'http://localhost', load, onSignedOut });
    expect(msal.account).toEqual({ name: 'Alice Wong', upn: 'alice@contoso.onmicrosoft.com', oid: 'a11ce' });
    expect(await msal.tokens.getToken()).toBe('cached');
    expect(await msal.tokens.getToken({ forceRefresh: true })).toBe('renewed');
    expect(pca.acquireTokenSilent).toHaveBeenLastCalledWith({
      scopes: [...config.scopes],
      account: ALICE,
      forceRefresh: true,
    });
    pca.acquireTokenSilent.mockRejectedValueOnce(new Error('interaction_required'));
    await expect(msal.tokens.getToken()).rejects.toMatchObject({ code: 'SignInRequired' });
    expect(onSignedOut).toHaveBeenCalled();
  });

  it.each(['network_error', 'endpoints_resolution_error', 'timed_out'])(
    'a renewal that could not reach the authority (%s) is a NetworkError: the user stays signed in',
    async (errorCode) => {
      const { pca, load } = fakeMsal({ accounts: [ALICE] });
      const onSignedOut = jest.fn();
      const msal = await startMsal({ config, origin: 'http://localhost', load, onSignedOut });
      pca.acquireTokenSilent.mockRejectedValueOnce(
        Object.assign(new Error(`${errorCode}: fetch failed`), { errorCode, errorMessage: 'fetch failed' }),
      );
      await expect(msal.tokens.getToken({ forceRefresh: true })).rejects.toMatchObject({
        code: 'NetworkError',
        status: 0,
        message: 'The sign-in service could not be reached. Check your connection and try again.',
      });
      expect(onSignedOut).not.toHaveBeenCalled();
      expect(await msal.tokens.getToken()).toBe('cached');
      pca.acquireTokenSilent.mockRejectedValueOnce(
        Object.assign(new Error('interaction_required'), { errorCode: 'interaction_required' }),
      );
      await expect(msal.tokens.getToken()).rejects.toMatchObject({ code: 'SignInRequired' });
      expect(onSignedOut).toHaveBeenCalledWith('Your session has ended. Sign in again.');
    },
  );

  it('signs in by redirect for the API scope with offline_access, back to the page it started on', async () => {
    const { pca, load } = fakeMsal();
    const msal = await startMsal({ config, origin: 'http://localhost:3978', load });
    await msal.signIn({ returnTo: '/?theme=dark' });
    expect(pca.loginRedirect).toHaveBeenCalledWith({
      scopes: [...config.scopes, 'offline_access'],
      prompt: 'select_account',
      redirectStartPage: 'http://localhost:3978/?theme=dark',
    });
    await msal.signIn({ prompt: 'login', loginHint: 'alice@contoso.onmicrosoft.com' });
    expect(pca.loginRedirect).toHaveBeenLastCalledWith({
      scopes: [...config.scopes, 'offline_access'],
      prompt: 'login',
      loginHint: 'alice@contoso.onmicrosoft.com',
      redirectStartPage: 'http://localhost:3978/',
    });
  });

  it.each([
    ['a tab', '/\t/evil.example/pwned'],
    ['a line feed', '/\n/evil.example/pwned'],
    ['a carriage return', '/\r/evil.example/pwned'],
    ['another origin', 'https://evil.example/x'],
    ['protocol-relative', '//evil.example'],
  ])('returns only to a page of the app after sign-in: %s (%j) → /', async (_name, returnTo) => {
    const { pca, load } = fakeMsal();
    const msal = await startMsal({ config, origin: 'http://localhost:3978', load });
    await msal.signIn({ returnTo });
    expect(pca.loginRedirect).toHaveBeenCalledWith(
      expect.objectContaining({ redirectStartPage: 'http://localhost:3978/' }),
    );
  });

  it('reports a redirect that came back with an error (declined consent) instead of throwing', async () => {
    const { load } = fakeMsal({
      redirect: async () => {
        throw Object.assign(new Error('declined'), {
          errorCode: 'access_denied',
          errorMessage: 'AADSTS65004: User declined to consent to access the app.',
          subError: 'cancel',
          correlationId: '11111111-2222-4333-8444-555555555555',
        });
      },
    });
    const msal = await startMsal({ config, origin: 'http://localhost', load });
    expect(msal.failure).toMatchObject({ title: 'You declined the permissions', code: 'AADSTS65004' });
  });
});

const DECLINED = Object.assign(new Error('declined'), {
  errorCode: 'access_denied',
  errorMessage:
    'AADSTS65004: User declined to consent to access the app. Trace ID: 0a0a0a0a-1111-4222-8333-444444444444 ' +
    'Correlation ID: 11111111-2222-4333-8444-555555555555 Timestamp: 2026-12-02 00:00:00Z',
  subError: 'cancel',
  correlationId: '99999999-2222-4333-8444-555555555555',
});

describe('consent window (auth-start → authorize → auth-end)', () => {
  const origin = 'http://localhost:3978';

  it('asks for Azure Resource Manager, with the prompt and login hint, back to auth-end, on the same client', async () => {
    const { pca, create, load } = fakeMsal();
    await beginConsent({ config, origin, load, prompt: 'consent', loginHint: 'erin@contoso' });
    await startMsal({ config, origin, load });
    expect(create.mock.calls[0]).toEqual(create.mock.calls[1]);
    // A response left over by an abandoned attempt does not send this window elsewhere.
    expect(pca.handleRedirectPromise).toHaveBeenCalledWith({ navigateToLoginRequestUrl: false });
    expect(pca.acquireTokenRedirect).toHaveBeenCalledWith({
      scopes: [ARM_SCOPE],
      redirectUri: 'http://localhost:3978/auth-end.html',
      redirectStartPage: 'http://localhost:3978/auth-end.html',
      prompt: 'consent',
      loginHint: 'erin@contoso',
    });
    expect(pca.loginRedirect).not.toHaveBeenCalled();

    await beginConsent({ config, origin, load });
    expect(pca.acquireTokenRedirect).toHaveBeenLastCalledWith({
      scopes: [ARM_SCOPE],
      redirectUri: 'http://localhost:3978/auth-end.html',
      redirectStartPage: 'http://localhost:3978/auth-end.html',
    });
  });

  it('reports the consent granted once MSAL has completed the response, without navigating on', async () => {
    const { pca, load } = fakeMsal({ redirect: async () => ({ account: ALICE, accessToken: 'arm' }) });
    expect(await completeConsent({ config, origin, load })).toEqual({ ok: true });
    expect(pca.handleRedirectPromise).toHaveBeenCalledWith({ navigateToLoginRequestUrl: false });
  });

  it("passes Entra's error back as sent, with the AADSTS code, trace and correlation ids", async () => {
    const { load } = fakeMsal({
      redirect: async () => {
        throw DECLINED;
      },
    });
    expect(await completeConsent({ config, origin, load })).toEqual({
      ok: false,
      error: 'access_denied',
      description: DECLINED.errorMessage,
      failure: expect.objectContaining({
        title: 'You declined the permissions',
        code: 'AADSTS65004',
        traceId: '0a0a0a0a-1111-4222-8333-444444444444',
        correlationId: '11111111-2222-4333-8444-555555555555',
      }),
    });
  });

  it('refuses a page load with no consent response of this window (unknown, replayed or expired state)', async () => {
    const { load } = fakeMsal();
    expect(await completeConsent({ config, origin, load })).toMatchObject({
      ok: false,
      error: 'state_mismatch',
      failure: { title: 'This sign-in expired' },
    });
  });

  it('never throws: MSAL that cannot load is a failure to report', async () => {
    const load = async () => {
      throw Object.assign(new Error('Failed to fetch dynamically imported module'), {});
    };
    expect(await completeConsent({ config, origin, load })).toMatchObject({
      ok: false,
      error: 'unknown_error',
      description: 'Failed to fetch dynamically imported module',
    });
  });
});
