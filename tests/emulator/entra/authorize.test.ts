import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { startTestEmulator, type CallResult, type TestEmulator } from '../../support/emulator.ts';
import {
  ARM_SCOPE,
  configOf,
  entraError,
  oboCredential,
  verifyWithServedJwks,
  type EmulatorConfig,
} from './fixtures.ts';

/** The dev sign-in (authorize → pick account → consent → code) and code/refresh redemption, over plain HTTPS. */
describe('Entra authorize + authorization code with PKCE', () => {
  let emulator: TestEmulator;
  let config: EmulatorConfig;
  let authorizePath: string;
  let tokenPath: string;
  const redirectUri = 'http://localhost:53000/auth-end.html';

  beforeAll(async () => {
    emulator = await startTestEmulator();
    config = await configOf(emulator);
    authorizePath = `/${config.tenantId}/oauth2/v2.0/authorize`;
    tokenPath = `/${config.tenantId}/oauth2/v2.0/token`;
  });
  afterAll(() => emulator.close());

  function pkce() {
    const verifier = randomBytes(32).toString('base64url');
    return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
  }

  function authorizeParams(extra: Record<string, string> = {}): Record<string, string> {
    return {
      client_id: config.app.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: `${config.app.identifierUri}/access_as_user openid profile offline_access`,
      state: 'state-123',
      nonce: 'nonce-456',
      client_info: '1',
      ...extra,
    };
  }

  const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

  /** What a browser would submit: the page's form action and hidden fields, plus the clicked button. */
  function submission(res: CallResult, button: Record<string, string>) {
    const action = unescape(/<form method="post" action="([^"]+)"/.exec(res.text)![1]!);
    const fields = Object.fromEntries(
      [...res.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
        unescape(m[1]!),
        unescape(m[2]!),
      ]),
    );
    return emulator.call(action, { method: 'POST', form: { ...fields, ...button } });
  }

  function redirectParams(res: CallResult): URLSearchParams {
    expect(res.status).toBe(302);
    const location = new URL(String(res.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    return location.hash ? new URLSearchParams(location.hash.slice(1)) : location.searchParams;
  }

  const redeem = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    emulator.call(tokenPath, {
      method: 'POST',
      headers,
      form: {
        grant_type: 'authorization_code',
        client_id: config.app.clientId,
        redirect_uri: redirectUri,
        ...form,
      },
    });

  it('erin: picker → consent → code → tokens; afterwards OBO for erin works', async () => {
    const { verifier, challenge } = pkce();
    const query = new URLSearchParams(
      authorizeParams({
        code_challenge: challenge,
        code_challenge_method: 'S256',
        login_hint: 'erin@contoso.onmicrosoft.com',
      }),
    );
    const picker = await emulator.call(`${authorizePath}?${query}`);
    expect(picker.status).toBe(200);
    expect(picker.headers['content-type']).toMatch(/^text\/html/);
    expect(picker.headers['content-security-policy']).toContain("default-src 'none'");
    for (const user of ['alice', 'bob', 'carol', 'dave', 'erin']) {
      expect(picker.text).toContain(`name="emu_user" value="${user}"`);
    }
    expect(picker.text).toMatch(/value="erin" autofocus/);

    const consent = await submission(picker, { emu_user: 'erin' });
    expect(consent.status).toBe(200);
    expect(consent.text).toContain('Permissions requested');
    expect(consent.text).toContain('Windows Azure Service Management API');
    expect(consent.text).toMatch(/name="emu_consent" value="accept"/);

    const back = redirectParams(await submission(consent, { emu_consent: 'accept' }));
    expect(back.get('state')).toBe('state-123');
    const code = back.get('code')!;
    expect(code).toBeTruthy();
    const erin = config.users.find((u) => u.key === 'erin')!;
    expect(JSON.parse(Buffer.from(back.get('client_info')!, 'base64url').toString())).toEqual({
      uid: erin.oid,
      utid: config.tenantId,
    });

    const before = emulator.context.stats.token.authorization_code;
    const res = await redeem({
      code,
      code_verifier: verifier,
      scope: `${config.app.identifierUri}/access_as_user openid profile offline_access`,
    });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(emulator.context.stats.token.authorization_code - before).toBe(1);
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      refresh_token: expect.any(String),
      id_token: expect.any(String),
    });
    expect(body.scope.split(' ')).toEqual(
      expect.arrayContaining([`${config.app.identifierUri}/access_as_user`, 'openid', 'profile']),
    );

    const access = await verifyWithServedJwks(emulator, config, body.access_token, {
      audience: config.app.clientId,
    });
    expect(access).toMatchObject({
      scp: 'access_as_user',
      oid: erin.oid,
      azp: config.app.clientId,
      preferred_username: erin.upn,
    });
    const id = await verifyWithServedJwks(emulator, config, body.id_token, { audience: config.app.clientId });
    expect(id).toMatchObject({ nonce: 'nonce-456', oid: erin.oid, name: erin.name, tid: config.tenantId });

    // The consent is now recorded: the service's OBO exchange for erin succeeds.
    const obo = await oboCredential(emulator, config, await emulator.ssoToken('erin')).getToken(ARM_SCOPE);
    expect(obo.token).toMatch(/^ey/);

    // A code is single-use.
    expect((await redeem({ code, code_verifier: verifier })).json()).toMatchObject(
      entraError(54005, 'invalid_grant'),
    );

    // The refresh token redeems for another resource the user consented to (ARM), and rotates.
    const refreshed = await emulator.call(tokenPath, {
      method: 'POST',
      form: {
        grant_type: 'refresh_token',
        client_id: config.app.clientId,
        refresh_token: body.refresh_token,
        scope: `${ARM_SCOPE} openid offline_access`,
      },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json().refresh_token).not.toBe(body.refresh_token);
    const arm = await verifyWithServedJwks(emulator, config, refreshed.json().access_token, {
      audience: 'https://management.azure.com/',
    });
    expect(arm).toMatchObject({ scp: 'user_impersonation', oid: erin.oid });
    expect(emulator.context.stats.token.refresh_token).toBe(1);
  });

  it('consents to several resources at once (the tab’s consent step); a token is for one resource only', async () => {
    const { verifier, challenge } = pkce();
    const scope = `https://management.azure.com/user_impersonation ${config.app.identifierUri}/access_as_user openid profile`;
    const query = new URLSearchParams(
      authorizeParams({ scope, code_challenge: challenge, code_challenge_method: 'S256' }),
    );
    const picker = await emulator.call(`${authorizePath}?${query}`);
    expect(picker.status).toBe(200);
    const code = redirectParams(await submission(picker, { emu_user: 'alice' })).get('code')!;
    const both = await redeem({ code, code_verifier: verifier, scope });
    expect(both.json()).toMatchObject(entraError(28000, 'invalid_scope'));

    const again = redirectParams(
      await submission(await emulator.call(`${authorizePath}?${query}`), { emu_user: 'alice' }),
    ).get('code')!;
    const first = await redeem({ code: again, code_verifier: verifier });
    expect(first.status).toBe(200);
    const claims = await verifyWithServedJwks(emulator, config, first.json().access_token);
    expect(claims).toMatchObject({ aud: 'https://management.azure.com/', scp: 'user_impersonation' });
  });

  it('refuses a wrong PKCE verifier (AADSTS50148) and then the spent code (AADSTS54005)', async () => {
    const { challenge } = pkce();
    const picker = await emulator.call(
      `${authorizePath}?${new URLSearchParams(authorizeParams({ code_challenge: challenge, code_challenge_method: 'S256' }))}`,
    );
    const code = redirectParams(await submission(picker, { emu_user: 'alice' })).get('code')!;
    expect((await redeem({ code, code_verifier: pkce().verifier })).json()).toMatchObject(
      entraError(50148, 'invalid_grant'),
    );
    expect((await redeem({ code, code_verifier: pkce().verifier })).json()).toMatchObject(
      entraError(54005, 'invalid_grant'),
    );
  });

  it('supports plain PKCE and fragment response mode', async () => {
    const verifier = randomBytes(40).toString('base64url');
    const query = new URLSearchParams(
      authorizeParams({
        code_challenge: verifier,
        code_challenge_method: 'plain',
        response_mode: 'fragment',
      }),
    );
    const picker = await emulator.call(`${authorizePath}?${query}`);
    const back = redirectParams(await submission(picker, { emu_user: 'bob' }));
    const res = await redeem({ code: back.get('code')!, code_verifier: verifier });
    expect(res.status).toBe(200);
  });

  it('form_post hands the code back in an auto-submitting form', async () => {
    const query = new URLSearchParams(
      authorizeParams({
        response_mode: 'form_post',
        code_challenge: pkce().challenge,
        code_challenge_method: 'S256',
      }),
    );
    const picker = await emulator.call(`${authorizePath}?${query}`);
    const res = await submission(picker, { emu_user: 'bob' });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`action="${redirectUri}"`);
    expect(res.text).toMatch(/name="code" value="[^"]+"/);
    expect(res.text).toMatch(/<script nonce="[^"]+">/);
  });

  it('Cancel on the consent page returns access_denied with error_subcode=cancel (AADSTS65004)', async () => {
    const picker = await emulator.call(
      `${authorizePath}?${new URLSearchParams(authorizeParams({ prompt: 'consent' }))}`,
    );
    const consent = await submission(picker, { emu_user: 'alice' });
    expect(consent.text).toContain('Permissions requested');
    const back = redirectParams(await submission(consent, { emu_consent: 'cancel' }));
    expect(back.get('error')).toBe('access_denied');
    expect(back.get('error_subcode')).toBe('cancel');
    expect(back.get('error_description')).toMatch(/^AADSTS65004: /);
    expect(back.get('state')).toBe('state-123');
    expect(back.get('code')).toBeNull();
  });

  it('renders an error page (no redirect) for an unregistered redirect URI or client', async () => {
    const bad = await emulator.call(
      `${authorizePath}?${new URLSearchParams(authorizeParams({ redirect_uri: 'https://evil.example/cb' }))}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.location).toBeUndefined();
    expect(bad.text).toContain('AADSTS50011');
    const client = await emulator.call(
      `${authorizePath}?${new URLSearchParams(authorizeParams({ client_id: '11111111-2222-4333-8444-555555555555' }))}`,
    );
    expect(client.text).toContain('AADSTS700016');
    const tenant = await emulator.call(
      `/fabrikam.onmicrosoft.com/oauth2/v2.0/authorize?${new URLSearchParams(authorizeParams())}`,
    );
    expect(tenant.status).toBe(400);
    expect(tenant.headers['content-type']).toMatch(/^text\/html/);
    expect(tenant.text).toContain('AADSTS90002');
    const lookup = await emulator.call('/error?code=90002');
    expect(lookup.status).toBe(200);
    expect(lookup.text).toContain('AADSTS90002');
  });

  it('accepts any port on the registered loopback origins', async () => {
    const res = await emulator.call(
      `${authorizePath}?${new URLSearchParams(authorizeParams({ redirect_uri: 'https://127.0.0.1:8443/tab/auth-end.html' }))}`,
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('emu_user');
  });

  it('redirects request errors back: unsupported response_type, missing scope, bad code_challenge', async () => {
    const send = async (extra: Record<string, string>) => {
      const params = authorizeParams(extra);
      if (extra.scope === '') delete params.scope;
      return redirectParams(await emulator.call(`${authorizePath}?${new URLSearchParams(params)}`));
    };
    expect((await send({ response_type: 'token' })).get('error')).toBe('unsupported_response_type');
    expect((await send({ scope: '' })).get('error_description')).toMatch(/^AADSTS900144: .*'scope'/);
    expect((await send({ code_challenge: 'short' })).get('error_description')).toMatch(/^AADSTS501491/);
    expect((await send({ scope: 'https://vault.azure.net/.default' })).get('error')).toBe('invalid_resource');
  });

  it('prompt=none: login_required without a session; a code straight away with one', async () => {
    const none = redirectParams(
      await emulator.call(`${authorizePath}?${new URLSearchParams(authorizeParams({ prompt: 'none' }))}`),
    );
    expect(none.get('error')).toBe('login_required');

    const picker = await emulator.call(`${authorizePath}?${new URLSearchParams(authorizeParams())}`);
    const signedIn = await submission(picker, { emu_user: 'dave' });
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const silent = await emulator.call(
      `${authorizePath}?${new URLSearchParams(authorizeParams({ prompt: 'none' }))}`,
      {
        headers: { cookie },
      },
    );
    expect(redirectParams(silent).get('code')).toBeTruthy();
  });

  it('cross-origin (SPA) redemption echoes CORS and requires PKCE (AADSTS9002325)', async () => {
    const origin = 'http://localhost:53000';
    const { verifier, challenge } = pkce();
    const withPkce = await submission(
      await emulator.call(
        `${authorizePath}?${new URLSearchParams(authorizeParams({ code_challenge: challenge, code_challenge_method: 'S256' }))}`,
      ),
      { emu_user: 'carol' },
    );
    const ok = await redeem(
      { code: redirectParams(withPkce).get('code')!, code_verifier: verifier },
      { origin },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(origin);

    const withoutPkce = await submission(
      await emulator.call(`${authorizePath}?${new URLSearchParams(authorizeParams())}`),
      { emu_user: 'carol' },
    );
    const refused = await redeem({ code: redirectParams(withoutPkce).get('code')! }, { origin });
    expect(refused.json()).toMatchObject(entraError(9002325, 'invalid_request'));
  });

  it('logout ends the session and returns to post_logout_redirect_uri', async () => {
    const picker = await emulator.call(`${authorizePath}?${new URLSearchParams(authorizeParams())}`);
    const cookie = String((await submission(picker, { emu_user: 'alice' })).headers['set-cookie']).split(
      ';',
    )[0]!;
    const out = await emulator.call(
      `/${config.tenantId}/oauth2/v2.0/logout?${new URLSearchParams({ post_logout_redirect_uri: 'http://localhost:53000/', state: 's' })}`,
      { headers: { cookie } },
    );
    expect(out.status).toBe(302);
    expect(out.headers.location).toBe('http://localhost:53000/?state=s');
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    const silent = await emulator.call(
      `${authorizePath}?${new URLSearchParams(authorizeParams({ prompt: 'none' }))}`,
      { headers: { cookie } },
    );
    expect(redirectParams(silent).get('error')).toBe('login_required');
  });
});
