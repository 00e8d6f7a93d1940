import { createHash } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import { beginAuthorize, completeAuthorize, scopesFor } from '../../../tab/src/auth/flow.ts';
import { PENDING_TTL_MS, safeReturnTo } from '../../../tab/src/auth/pending.ts';
import { createPkcePair } from '../../../tab/src/auth/pkce.ts';
import {
  createTokenClient,
  TokenEndpointError,
  type TokenClient,
} from '../../../tab/src/auth/token-client.ts';
import { ARM_SCOPE, type ClientConfig } from '../../../tab/src/config/client-config.ts';
import { fakeJwt, memoryStorage } from '../support/memory-storage.ts';

const config: ClientConfig = {
  clientId: 'client-1',
  tenantId: 'tenant-1',
  authority: 'https://login.test/tenant-1',
  identifierUri: 'api://localhost/botid-client-1',
  scopes: ['api://localhost/botid-client-1/access_as_user'],
  localMode: true,
};

function setup(now = 1_000_000) {
  const clock = { now };
  const env = { origin: 'http://localhost:3978', storage: memoryStorage(), now: () => clock.now };
  const redeemCode = jest.fn<TokenClient['redeemCode']>(async () => ({
    accessToken: fakeJwt({ name: 'Alice Wong', preferred_username: 'alice@contoso', oid: 'o1', exp: 2_000 }),
    refreshToken: 'r1',
    expiresAt: 9_999_999,
  }));
  const tokens: TokenClient = { redeemCode, refresh: jest.fn<TokenClient['refresh']>() };
  return { env, clock, tokens, redeemCode };
}

describe('PKCE', () => {
  it('derives the S256 challenge from a 43-char verifier', async () => {
    const { verifier, challenge } = await createPkcePair();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });
});

describe('authorization code flow', () => {
  it('sign-in asks for the app scope with PKCE, then redeems the code for a session', async () => {
    const { env, tokens, redeemCode } = setup();
    const url = new URL(
      await beginAuthorize(config, env, {
        mode: 'signin',
        prompt: 'select_account',
        returnTo: '/?theme=dark',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://login.test/tenant-1/oauth2/v2.0/authorize');
    const q = url.searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      client_id: 'client-1',
      response_type: 'code',
      redirect_uri: 'http://localhost:3978/auth-end.html',
      scope: 'api://localhost/botid-client-1/access_as_user openid profile offline_access',
      code_challenge_method: 'S256',
      prompt: 'select_account',
    });

    const outcome = await completeAuthorize(config, env, `?code=abc&state=${q.get('state')}`, tokens);
    expect(outcome).toMatchObject({
      ok: true,
      mode: 'signin',
      returnTo: '/?theme=dark',
      session: { account: { name: 'Alice Wong', upn: 'alice@contoso', oid: 'o1' }, expiresAt: 2_000_000 },
    });
    const redemption = redeemCode.mock.calls[0]![0];
    expect(redemption).toMatchObject({
      code: 'abc',
      redirectUri: 'http://localhost:3978/auth-end.html',
      clientId: 'client-1',
    });
    expect(createHash('sha256').update(redemption.codeVerifier).digest('base64url')).toBe(
      q.get('code_challenge'),
    );
  });

  it('consent asks for Azure Resource Manager with the login hint and does not redeem', async () => {
    const { env, tokens, redeemCode } = setup();
    const q = new URL(
      await beginAuthorize(config, env, { mode: 'consent', prompt: 'consent', loginHint: 'erin@contoso' }),
    ).searchParams;
    expect(q.get('scope')).toBe(`${ARM_SCOPE} openid profile`);
    expect(q.get('login_hint')).toBe('erin@contoso');
    expect(q.get('prompt')).toBe('consent');
    expect(await completeAuthorize(config, env, `?code=x&state=${q.get('state')}`, tokens)).toEqual({
      ok: true,
      mode: 'consent',
    });
    expect(redeemCode).not.toHaveBeenCalled();
    expect(scopesFor('consent', config)).toContain(ARM_SCOPE);
  });

  it('refuses unknown, replayed and expired state', async () => {
    const { env, tokens, clock } = setup();
    expect(await completeAuthorize(config, env, '?code=x&state=forged', tokens)).toMatchObject({
      ok: false,
      error: 'state_mismatch',
    });
    const state = new URL(await beginAuthorize(config, env, { mode: 'signin' })).searchParams.get('state');
    expect((await completeAuthorize(config, env, `?code=x&state=${state}`, tokens)).ok).toBe(true);
    expect(await completeAuthorize(config, env, `?code=x&state=${state}`, tokens)).toMatchObject({
      ok: false,
      error: 'state_mismatch',
    });
    const late = new URL(await beginAuthorize(config, env, { mode: 'signin' })).searchParams.get('state');
    clock.now += PENDING_TTL_MS + 1;
    expect(await completeAuthorize(config, env, `?code=x&state=${late}`, tokens)).toMatchObject({
      ok: false,
      error: 'state_mismatch',
    });
  });

  it("passes Entra's error (declined consent) and token endpoint failures back", async () => {
    const { env, tokens, redeemCode } = setup();
    const state = new URL(await beginAuthorize(config, env, { mode: 'consent' })).searchParams.get('state');
    expect(
      await completeAuthorize(
        config,
        env,
        `?error=access_denied&error_description=AADSTS65004%3A+declined&state=${state}`,
        tokens,
      ),
    ).toEqual({
      ok: false,
      mode: 'consent',
      error: 'access_denied',
      description: 'AADSTS65004: declined',
    });
    redeemCode.mockRejectedValueOnce(
      new TokenEndpointError('invalid_grant', 'AADSTS54005: code redeemed', 400),
    );
    const s2 = new URL(await beginAuthorize(config, env, { mode: 'signin' })).searchParams.get('state');
    expect(await completeAuthorize(config, env, `?code=x&state=${s2}`, tokens)).toMatchObject({
      ok: false,
      error: 'invalid_grant',
      description: 'AADSTS54005: code redeemed',
    });
  });

  it('redeems a tampered stored request, but returns to / (auth-end checks returnTo again)', async () => {
    const { env, tokens } = setup();
    const state = new URL(await beginAuthorize(config, env, { mode: 'signin' })).searchParams.get('state')!;
    const key = `vmm.auth.pending.${state}`;
    const pending = JSON.parse(env.storage.getItem(key)!) as Record<string, unknown>;
    env.storage.setItem(key, JSON.stringify({ ...pending, returnTo: '/\t/evil.example/pwned' }));
    expect(await completeAuthorize(config, env, `?code=x&state=${state}`, tokens)).toMatchObject({
      ok: true,
      returnTo: '/',
    });
  });

  it('stores only a same-origin returnTo', async () => {
    const { env } = setup();
    const url = await beginAuthorize(config, env, { mode: 'signin', returnTo: '/\n/evil.example' });
    const state = new URL(url).searchParams.get('state')!;
    expect(JSON.parse(env.storage.getItem(`vmm.auth.pending.${state}`)!)).toMatchObject({ returnTo: '/' });
  });
});

describe('safeReturnTo', () => {
  const origin = 'http://localhost:3978';

  it.each([
    ['a tab', '/\t/evil.example/pwned'],
    ['a line feed', '/\n/evil.example/pwned'],
    ['a carriage return', '/\r/evil.example/pwned'],
    ['leading whitespace and a tab', ' \t//evil.example'],
    ['protocol-relative', '//evil.example'],
    ['a backslash', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['another origin', 'https://evil.example/pwned'],
    ['another port of the same host', 'http://localhost:4000/'],
    ['another scheme of the same host', 'https://localhost:3978/'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a dot segment that normalises to //', '/.//evil.example/pwned'],
    ['a parent segment that normalises to //', '/a/..//evil.example'],
    ['an encoded dot segment', '/%2e//evil.example'],
    ['empty', ''],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s: %j', (_name, value) => {
    expect(safeReturnTo(value, origin)).toBe('/');
  });

  it.each([
    ['/', '/'],
    ['/?a=1', '/?a=1'],
    ['/vms/web-01?tab=2#top', '/vms/web-01?tab=2#top'],
    ['relative', '/relative'],
    ['http://localhost:3978/x?y=1', '/x?y=1'],
    ['HTTP://LOCALHOST:3978/x', '/x'],
  ])('keeps %j on the app as %j', (value, expected) => {
    expect(safeReturnTo(value, origin)).toBe(expected);
  });

  it('refuses everything when the origin is opaque', () => {
    expect(safeReturnTo('/x', 'null')).toBe('/');
  });
});

describe('token client', () => {
  it('posts the public-client form and maps Entra errors', async () => {
    const bodies: string[] = [];
    const fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(String(init?.body));
      return bodies.length === 1
        ? new Response(JSON.stringify({ access_token: 'a', refresh_token: 'r', expires_in: 3600 }), {
            status: 200,
          })
        : new Response(
            JSON.stringify({ error: 'invalid_grant', error_description: 'AADSTS70008: expired' }),
            { status: 400 },
          );
    }) as typeof globalThis.fetch;
    const client = createTokenClient({ authority: 'https://login.test/t', fetch, now: () => 0 });
    expect(
      await client.redeemCode({
        clientId: 'c',
        code: 'k',
        redirectUri: 'http://localhost/auth-end.html',
        codeVerifier: 'v',
        scopes: ['s', 'openid'],
      }),
    ).toEqual({ accessToken: 'a', refreshToken: 'r', expiresAt: 3_600_000 });
    expect(Object.fromEntries(new URLSearchParams(bodies[0]))).toEqual({
      client_id: 'c',
      grant_type: 'authorization_code',
      code: 'k',
      redirect_uri: 'http://localhost/auth-end.html',
      code_verifier: 'v',
      scope: 's openid',
    });
    await expect(client.refresh({ clientId: 'c', refreshToken: 'r', scopes: ['s'] })).rejects.toMatchObject({
      error: 'invalid_grant',
      message: 'AADSTS70008: expired',
      status: 400,
    });
  });
});
