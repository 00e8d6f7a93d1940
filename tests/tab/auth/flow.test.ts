import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { beginAuthorize, completeAuthorize, scopesFor } from '../../../tab/src/auth/flow.ts';
import { PENDING_TTL_MS, safeReturnTo } from '../../../tab/src/auth/pending.ts';
import { createPkcePair } from '../../../tab/src/auth/pkce.ts';
import { ARM_SCOPE, type ClientConfig } from '../../../tab/src/config/client-config.ts';
import { memoryStorage } from '../support/memory-storage.ts';

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
  return { env, clock };
}

describe('PKCE', () => {
  it('derives the S256 challenge from a 43-char verifier', async () => {
    const { verifier, challenge } = await createPkcePair();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });
});

describe('consent flow (auth-start → Entra → auth-end)', () => {
  it('asks for Azure Resource Manager with PKCE and the login hint, and does not redeem the code', async () => {
    const { env } = setup();
    const url = new URL(
      await beginAuthorize(config, env, { mode: 'consent', prompt: 'consent', loginHint: 'erin@contoso' }),
    );
    expect(url.origin + url.pathname).toBe('https://login.test/tenant-1/oauth2/v2.0/authorize');
    const q = url.searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      client_id: 'client-1',
      response_type: 'code',
      redirect_uri: 'http://localhost:3978/auth-end.html',
      scope: `${ARM_SCOPE} openid profile`,
      code_challenge_method: 'S256',
      prompt: 'consent',
      login_hint: 'erin@contoso',
    });
    const state = q.get('state')!;
    const stored = JSON.parse(env.storage.getItem(`vmm.auth.pending.${state}`)!) as { codeVerifier: string };
    expect(createHash('sha256').update(stored.codeVerifier).digest('base64url')).toBe(
      q.get('code_challenge'),
    );
    expect(completeAuthorize(env, `?code=x&state=${state}`)).toEqual({ ok: true, mode: 'consent' });
    expect(scopesFor('consent', config)).toContain(ARM_SCOPE);
  });

  it('refuses unknown, replayed and expired state', async () => {
    const { env, clock } = setup();
    expect(completeAuthorize(env, '?code=x&state=forged')).toMatchObject({
      ok: false,
      error: 'state_mismatch',
    });
    const state = new URL(await beginAuthorize(config, env, { mode: 'consent' })).searchParams.get('state');
    expect(completeAuthorize(env, `?code=x&state=${state}`).ok).toBe(true);
    expect(completeAuthorize(env, `?code=x&state=${state}`)).toMatchObject({
      ok: false,
      error: 'state_mismatch',
    });
    const late = new URL(await beginAuthorize(config, env, { mode: 'consent' })).searchParams.get('state');
    clock.now += PENDING_TTL_MS + 1;
    expect(completeAuthorize(env, `?code=x&state=${late}`)).toMatchObject({
      ok: false,
      error: 'state_mismatch',
    });
  });

  it("passes Entra's error (declined consent) back", async () => {
    const { env } = setup();
    const state = new URL(await beginAuthorize(config, env, { mode: 'consent' })).searchParams.get('state');
    expect(
      completeAuthorize(env, `?error=access_denied&error_description=AADSTS65004%3A+declined&state=${state}`),
    ).toEqual({ ok: false, mode: 'consent', error: 'access_denied', description: 'AADSTS65004: declined' });
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
