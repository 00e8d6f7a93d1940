import { describe, expect, it, jest } from '@jest/globals';
import { createApiClient } from '../../../tab/src/api/client.ts';
import { bootTab } from '../../../tab/src/app/boot.ts';
import {
  accountFromMe,
  createEasyAuthTokenSource,
  easyAuthLoginUrl,
  easyAuthLogoutUrl,
  probeEasyAuth,
} from '../../../tab/src/auth/easy-auth.ts';
import type { ClientConfig } from '../../../tab/src/config/client-config.ts';

const ME = [
  {
    access_token: 'a.b.c',
    expires_on: '2030-01-01T00:00:00.000Z',
    id_token: 'i.d.t',
    provider_name: 'aad',
    user_claims: [
      { typ: 'name', val: 'Alice Wong' },
      { typ: 'preferred_username', val: 'alice@contoso.onmicrosoft.com' },
      { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: 'a11ce' },
    ],
    user_id: 'alice@contoso.onmicrosoft.com',
  },
];

const answer = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('App Service authentication detection (/.auth/me)', () => {
  it('200: behind it and signed in; 401: behind it, signed out; 404 or a failure: not behind it', async () => {
    expect(await probeEasyAuth(async () => answer(200, ME))).toEqual({
      account: { name: 'Alice Wong', upn: 'alice@contoso.onmicrosoft.com', oid: 'a11ce' },
    });
    expect(await probeEasyAuth(async () => answer(401))).toEqual({});
    expect(await probeEasyAuth(async () => answer(404, { error: { code: 'NotFound' } }))).toBeUndefined();
    expect(await probeEasyAuth(async () => answer(200, { not: 'an array' }))).toBeUndefined();
    expect(
      await probeEasyAuth(async () => {
        throw new TypeError('offline');
      }),
    ).toBeUndefined();
  });

  it('reads the account from user_claims, falling back to user_id', () => {
    expect(accountFromMe([{ user_id: 'bob@contoso', user_claims: [{ typ: 'oid', val: 'b0b' }] }])).toEqual({
      name: 'bob@contoso',
      upn: 'bob@contoso',
      oid: 'b0b',
    });
    expect(accountFromMe([])).toBeUndefined();
    expect(accountFromMe('nope')).toBeUndefined();
  });

  it('names an account without a name, upn or user_id "Signed-in user", and an empty name claim is no name', () => {
    expect(accountFromMe([{ user_claims: [{ typ: 'oid', val: 'b0b' }] }])).toEqual({
      name: 'Signed-in user',
      upn: '',
      oid: 'b0b',
    });
    expect(
      accountFromMe([
        {
          user_id: 'x',
          user_claims: [
            { typ: 'name', val: '' },
            { typ: 'preferred_username', val: 'bob@contoso' },
          ],
        },
      ]),
    ).toMatchObject({ name: 'bob@contoso', upn: 'bob@contoso' });
  });

  it('boots as easyauth outside Teams when /.auth/me answers, else as a browser sign-in', async () => {
    const config = { localMode: true } as ClientConfig;
    const win = {
      self: 1,
      top: 1,
      opener: null,
      navigator: { userAgent: 'Chrome' },
      location: { search: '', origin: 'http://localhost' },
    };
    const connect = jest.fn(async () => undefined);
    const easy = await bootTab({ win, loadConfig: async () => config, connect, probe: async () => ({}) });
    expect(easy).toEqual({ kind: 'easyauth', config, session: {} });
    expect(connect).not.toHaveBeenCalled();
    const local = await bootTab({
      win,
      loadConfig: async () => config,
      connect,
      probe: async () => undefined,
    });
    expect(local.kind).toBe('local');
  });
});

describe('the session as the API credential', () => {
  it('sends no bearer token but the CSRF header, refreshes with /.auth/refresh after a 401 and retries once', async () => {
    const calls: Array<{ url: string; headers: Record<string, string> }> = [];
    let vmsAnswers = 0;
    const fetchFn = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      calls.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
      if (url === '/.auth/refresh') return answer(200, {});
      vmsAnswers += 1;
      return vmsAnswers === 1
        ? answer(401, { error: { code: 'InvalidToken', message: 'expired' } })
        : answer(200, { vms: [], errors: [] });
    }) as unknown as typeof fetch;
    const tokens = createEasyAuthTokenSource({ fetch: fetchFn });
    const api = createApiClient({ tokens, fetch: fetchFn });
    expect(await api.listVms()).toEqual({ vms: [], errors: [] });
    expect(calls.map((c) => c.url)).toEqual(['/api/vms', '/.auth/refresh', '/api/vms']);
    for (const call of calls.filter((c) => c.url === '/api/vms')) {
      expect(call.headers.authorization).toBeUndefined();
      expect(call.headers['X-Requested-With']).toBe('XMLHttpRequest');
    }
  });

  it('a refused refresh ends the session: SignInRequired, and the page is told', async () => {
    const onSignedOut = jest.fn();
    const tokens = createEasyAuthTokenSource({ fetch: async () => answer(401), onSignedOut });
    expect(await tokens.getToken()).toBe('');
    await expect(tokens.getToken({ forceRefresh: true })).rejects.toMatchObject({ code: 'SignInRequired' });
    expect(onSignedOut).toHaveBeenCalledWith('Your session has ended. Sign in again.');
  });

  it('logs in returning to the same page (its ?theme= too), never off the origin; logs out to the signed-out page', () => {
    const origin = 'https://vmm.example';
    expect(easyAuthLoginUrl('/?theme=dark', origin)).toBe(
      '/.auth/login/aad?post_login_redirect_uri=%2F%3Ftheme%3Ddark',
    );
    expect(easyAuthLoginUrl('https://evil.example/', origin)).toBe(
      '/.auth/login/aad?post_login_redirect_uri=%2F',
    );
    expect(easyAuthLogoutUrl()).toBe('/.auth/logout?post_logout_redirect_uri=%2F.auth%2Flogout%2Fcomplete');
    expect(easyAuthLogoutUrl('dark')).toBe(
      '/.auth/logout?post_logout_redirect_uri=%2F.auth%2Flogout%2Fcomplete%3Ftheme%3Ddark',
    );
    expect(easyAuthLogoutUrl('"><script>')).toBe(
      '/.auth/logout?post_logout_redirect_uri=%2F.auth%2Flogout%2Fcomplete',
    );
  });
});
