/**
 * The local App Service authentication front door over HTTP: login → emulator → callback, `/.auth/me` in App
 * Service's shape, the headers it injects (and the client-sent ones it strips), the unauthenticated action, refresh,
 * logout, and the service's CSRF check on a cross-site POST carrying the session cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { providerFromEmulator, type EmulatorAppConfig } from '../../../emulator/easy-auth/config.ts';
import { createEasyAuthFrontDoor, type RunningFrontDoor } from '../../../emulator/easy-auth/front-door.ts';
import { DEV, OIDS, vmPath } from '../../service/fixtures.ts';
import {
  call,
  cookiesOf,
  signInWithoutBrowser,
  startFrontDoorStack,
  type FrontDoorStack,
} from './front-door-stack.ts';

let stack: FrontDoorStack;
let alice: string;

beforeAll(async () => {
  stack = await startFrontDoorStack();
  alice = await signInWithoutBrowser(stack, 'alice');
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

describe('/.auth/login/aad', () => {
  it('redirects to the authorize endpoint with the app, the callback and the API scope', async () => {
    const res = await call(stack.url, '/.auth/login/aad?post_login_redirect_uri=%2F%3Ftheme%3Ddark');
    expect(res.status).toBe(302);
    const location = new URL(String(res.headers.location));
    expect(location.origin).toBe(stack.emulator.url);
    expect(location.pathname).toMatch(/\/oauth2\/v2\.0\/authorize$/);
    expect(location.searchParams.get('response_type')).toBe('code');
    expect(location.searchParams.get('redirect_uri')).toBe(`${stack.url}/.auth/login/aad/callback`);
    const config = (await stack.emulator.call('/_emulator/config')).json<EmulatorAppConfig>();
    expect(location.searchParams.get('client_id')).toBe(config.app.clientId);
    expect(location.searchParams.get('scope')!.split(' ')).toEqual([
      'openid',
      'profile',
      'offline_access',
      `${config.app.identifierUri}/access_as_user`,
    ]);
    expect(cookiesOf(res).AppServiceAuthLogin).toBe(location.searchParams.get('state'));
  });

  it('refuses a callback whose state this browser did not start (login CSRF)', async () => {
    const res = await call(stack.url, '/.auth/login/aad/callback?code=abc&state=forged');
    expect(res.status).toBe(401);
    expect(cookiesOf(res).AppServiceAuthSession).toBeUndefined();
  });
});

describe('/.auth/me', () => {
  it("answers App Service's shape for the signed-in user", async () => {
    const res = await call(stack.url, '/.auth/me', { headers: { cookie: alice } });
    expect(res.status).toBe(200);
    const [entry, ...rest] = JSON.parse(res.text) as Array<Record<string, unknown>>;
    expect(rest).toEqual([]);
    expect(entry).toEqual({
      access_token: expect.any(String),
      expires_on: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      id_token: expect.any(String),
      refresh_token: expect.any(String),
      provider_name: 'aad',
      user_claims: expect.arrayContaining([
        { typ: 'oid', val: OIDS.alice },
        { typ: 'preferred_username', val: 'alice@contoso.onmicrosoft.com' },
      ]),
      user_id: 'alice@contoso.onmicrosoft.com',
    });
  });

  it('is 401 without a session (or with an unknown cookie)', async () => {
    expect((await call(stack.url, '/.auth/me')).status).toBe(401);
    expect(
      (await call(stack.url, '/.auth/me', { headers: { cookie: 'AppServiceAuthSession=nope' } })).status,
    ).toBe(401);
  });
});

describe('the proxy', () => {
  it('calls the API as the session user: her four VMs', async () => {
    const res = await call(stack.url, '/api/vms', { headers: { cookie: alice } });
    expect(res.status).toBe(200);
    expect((JSON.parse(res.text) as { vms: unknown[] }).vms).toHaveLength(4);
  });

  it('unauthenticated: 401 for /api, a redirect to the login for other pages, the excluded paths pass', async () => {
    const api = await call(stack.url, '/api/vms');
    expect(api.status).toBe(401);
    expect(JSON.parse(api.text)).toEqual({ error: { code: 'InvalidToken', message: expect.any(String) } });
    const page = await call(stack.url, '/favicon.ico?theme=dark', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe(
      `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent('/favicon.ico?theme=dark')}`,
    );
    // The tab's page is served without a session (it offers the sign-in itself), as are its config and the probe.
    for (const path of ['/?theme=dark', '/client-config.json', '/api/health']) {
      const res = await call(stack.url, path, { headers: { accept: 'text/html' } });
      expect([path, res.status]).toEqual([path, 200]);
    }
  });

  it('a cross-site POST with the session cookie → 403 CsrfRejected; the same POST from the app → 202', async () => {
    const start = `${vmPath(DEV, 'rg-web', 'web-02')}/start`;
    const crossSite = await call(stack.url, start, {
      method: 'POST',
      headers: {
        cookie: alice,
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-length': '0',
      },
    });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.text).error.code).toBe('CsrfRejected');
    const formPost = await call(stack.url, start, {
      method: 'POST',
      headers: {
        cookie: alice,
        origin: stack.url,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': '0',
      },
    });
    expect(formPost.status).toBe(403);
    const fromApp = await call(stack.url, start, {
      method: 'POST',
      headers: {
        cookie: alice,
        origin: stack.url,
        'sec-fetch-site': 'same-origin',
        'x-requested-with': 'XMLHttpRequest',
        'content-length': '0',
      },
    });
    expect(fromApp.status).toBe(202);
  });

  it('a bearer token (Teams SSO) is authentication too: passed to the service, which validates it', async () => {
    const token = await stack.ssoToken('bob');
    const ok = await call(stack.url, '/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ oid: OIDS.bob });
    const bad = await call(stack.url, '/api/me', { headers: { authorization: 'Bearer forged.token.here' } });
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.text).error.code).toBe('InvalidToken');
  });

  it("a client's own X-MS-TOKEN-* / X-MS-CLIENT-PRINCIPAL* never get through: no sign-in without a session", async () => {
    const token = await stack.ssoToken('dave');
    const res = await call(stack.url, '/api/me', {
      headers: {
        'x-ms-token-aad-access-token': token,
        'x-ms-client-principal-id': OIDS.dave,
        accept: 'application/json',
      },
    });
    expect(res.status).toBe(401);
    const withSession = await call(stack.url, '/api/me', {
      headers: { cookie: alice, 'X-MS-TOKEN-AAD-ACCESS-TOKEN': token, 'X-MS-CLIENT-PRINCIPAL-NAME': 'dave' },
    });
    expect(JSON.parse(withSession.text)).toMatchObject({ oid: OIDS.alice });
  });
});

describe('what the app behind it receives', () => {
  let echo: Server;
  let seen: IncomingHttpHeaders[];
  let door: RunningFrontDoor;
  let url: string;

  beforeAll(async () => {
    seen = [];
    echo = createServer((req, res) => {
      seen.push(req.headers);
      res.end('{}');
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
    const config = (await stack.emulator.call('/_emulator/config')).json<EmulatorAppConfig>();
    door = await createEasyAuthFrontDoor({
      serviceUrl: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`,
      provider: providerFromEmulator(config, stack.emulator.ca),
      port: 0,
    });
    url = `http://localhost:${new URL(door.url).port}`;
  });

  afterAll(async () => {
    await door?.close();
    await new Promise((r) => echo?.close(r));
  });

  it('strips every client-sent X-MS-* platform header and injects its own for the session', async () => {
    const cookie = await signInWithoutBrowser({ ...stack, url, frontDoor: door }, 'alice');
    await call(url, '/api/anything', {
      headers: {
        cookie,
        'x-ms-token-aad-access-token': 'forged',
        'x-ms-token-aad-refresh-token': 'forged',
        'x-ms-token-custom': 'forged',
        'x-ms-client-principal': 'forged',
        'x-ms-client-principal-id': 'forged',
        'x-ms-client-principal-name': 'forged',
        'x-ms-client-principal-idp': 'forged',
      },
    });
    await call(url, '/client-config.json', {
      headers: { 'x-ms-token-aad-access-token': 'forged', 'x-ms-client-principal-name': 'forged' },
    });
    const [signedIn, anonymous] = seen as [IncomingHttpHeaders, IncomingHttpHeaders];
    expect(Object.values(signedIn)).not.toContain('forged');
    expect(signedIn['x-ms-token-custom']).toBeUndefined();
    expect(signedIn['x-ms-token-aad-access-token']).toMatch(/^ey/);
    expect(signedIn['x-ms-token-aad-id-token']).toMatch(/^ey/);
    expect(signedIn['x-ms-token-aad-expires-on']).toMatch(/^\d{4}-/);
    expect(signedIn['x-ms-client-principal-id']).toBe(OIDS.alice);
    expect(signedIn['x-ms-client-principal-name']).toBe('alice@contoso.onmicrosoft.com');
    expect(signedIn['x-ms-client-principal-idp']).toBe('aad');
    const principal = JSON.parse(
      Buffer.from(String(signedIn['x-ms-client-principal']), 'base64').toString('utf8'),
    );
    expect(principal).toMatchObject({
      auth_typ: 'aad',
      claims: expect.arrayContaining([{ typ: 'oid', val: OIDS.alice }]),
    });
    expect(Object.keys(anonymous).filter((h) => h.startsWith('x-ms-'))).toEqual([]);
  });
});

describe('bad input and an expired session', () => {
  it('an expired stored token: the service answers 401 in the usual shape; /.auth/refresh mends it', async () => {
    const cookie = await signInWithoutBrowser(stack, 'alice');
    const id = cookie.split('=')[1]!;
    const session = stack.frontDoor.sessions.get(id)!;
    stack.frontDoor.sessions.replace(id, {
      ...session,
      accessToken: await stack.ssoToken('alice', { expiresInSeconds: -600 }),
    });
    const expired = await call(stack.url, '/api/vms', { headers: { cookie } });
    expect(expired.status).toBe(401);
    expect(JSON.parse(expired.text)).toEqual({
      error: { code: 'InvalidToken', message: 'The token has expired.' },
    });
    expect((await call(stack.url, '/.auth/refresh', { headers: { cookie } })).status).toBe(200);
    expect((await call(stack.url, '/api/vms', { headers: { cookie } })).status).toBe(200);
  });

  it('malformed cookies and oversized platform headers: a 401 or the header stripped, never a 500', async () => {
    for (const cookie of [
      'AppServiceAuthSession=<script>',
      'AppServiceAuthSession=',
      '=;;;',
      'x'.repeat(4000),
    ]) {
      const res = await call(stack.url, '/api/me', { headers: { cookie } });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.text).error.code).toBe('InvalidToken');
    }
    const big = await call(stack.url, '/api/me', {
      headers: { cookie: alice, 'x-ms-token-aad-access-token': 'a'.repeat(30_000) },
    });
    expect(big.status).toBe(200);
    expect(JSON.parse(big.text)).toMatchObject({ oid: OIDS.alice });
    const noSession = await call(stack.url, '/api/me', {
      headers: { 'x-ms-token-aad-access-token': 'a'.repeat(30_000) },
    });
    expect(noSession.status).toBe(401);
  });
});

/**
 * Sends one request as raw bytes (headers of any size, exactly as given) and reads the answer to the end. The front
 * door may answer and close before it has read everything; what it answered is what counts.
 */
function rawCall(
  base: string,
  path: string,
  headers: ReadonlyArray<readonly [string, string]>,
): Promise<{ status: number; headers: string; body: string }> {
  const url = new URL(base);
  const head =
    `GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n` +
    headers.map(([name, value]) => `${name}: ${value}\r\n`).join('') +
    '\r\n';
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(url.port), url.hostname);
    socket.on('data', (c: Buffer) => chunks.push(c));
    // EPIPE / ECONNRESET while still sending: the answer already read decides.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const match = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
      if (!match) reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      else resolve({ status: Number(match[1]), headers: match[2]!.toLowerCase(), body: match[3]! });
    });
    socket.write(head);
  });
}

describe('oversized headers', () => {
  const expectTokenTooLarge = (res: { status: number; headers: string; body: string }) => {
    expect(res.status).toBe(401);
    expect(res.headers).toMatch(/^content-type: application\/json/m);
    expect(res.headers).toMatch(/^www-authenticate: bearer .*error="invalid_token"/m);
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'InvalidToken', message: 'The token is too large.' },
    });
  };

  it('an 80 KB bearer token or token store header: 401 InvalidToken in the contract shape, not a bare 431', async () => {
    expectTokenTooLarge(
      await rawCall(stack.url, '/api/vms', [['Authorization', `Bearer ${'a'.repeat(80_000)}`]]),
    );
    expectTokenTooLarge(
      await rawCall(stack.url, '/api/me', [
        ['Cookie', alice],
        ['X-MS-TOKEN-AAD-ACCESS-TOKEN', 'a'.repeat(80_000)],
      ]),
    );
    expectTokenTooLarge(
      await rawCall(stack.url, '/.auth/me', [['X-MS-TOKEN-AAD-ID-TOKEN', 'b'.repeat(80_000)]]),
    );
  });

  it('a token header too large for Node to parse at all (1.5 MB) is a 401 too', async () => {
    expectTokenTooLarge(
      await rawCall(stack.url, '/api/vms', [['Authorization', `Bearer ${'a'.repeat(1_500_000)}`]]),
    );
  });

  it('other headers over the limit stay 431; the front door keeps serving', async () => {
    const res = await rawCall(stack.url, '/api/me', [
      ['Cookie', alice],
      ['X-Filler', 'f'.repeat(80_000)],
    ]);
    expect(res.status).toBe(431);
    const me = await call(stack.url, '/api/me', { headers: { cookie: alice } });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.text)).toMatchObject({ oid: OIDS.alice });
  });
});

describe('the app behind it is down', () => {
  it('answers 503 in the contract shape, never hangs or crashes', async () => {
    const config = (await stack.emulator.call('/_emulator/config')).json<EmulatorAppConfig>();
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const door = await createEasyAuthFrontDoor({
      serviceUrl: `http://127.0.0.1:${port}`,
      provider: providerFromEmulator(config, stack.emulator.ca),
      port: 0,
    });
    try {
      const res = await call(door.url, '/client-config.json');
      expect(res.status).toBe(503);
      expect(JSON.parse(res.text).error.code).toBe('AzureUnavailable');
    } finally {
      await door.close();
    }
  });
});

describe('/.auth/refresh and /.auth/logout', () => {
  it('refresh renews the stored tokens; logout ends the session and signs out of Entra', async () => {
    const cookie = await signInWithoutBrowser(stack, 'bob');
    const before = JSON.parse((await call(stack.url, '/.auth/me', { headers: { cookie } })).text)[0];
    const refreshed = await call(stack.url, '/.auth/refresh', { headers: { cookie } });
    expect(refreshed.status).toBe(200);
    const after = JSON.parse((await call(stack.url, '/.auth/me', { headers: { cookie } })).text)[0];
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(after.user_id).toBe('bob@contoso.onmicrosoft.com');

    const out = await call(stack.url, '/.auth/logout', { headers: { cookie } });
    expect(out.status).toBe(302);
    const location = new URL(String(out.headers.location));
    expect(location.pathname).toMatch(/\/oauth2\/v2\.0\/logout$/);
    expect(location.searchParams.get('post_logout_redirect_uri')).toBe(`${stack.url}/.auth/logout/complete`);
    expect(cookiesOf(out).AppServiceAuthSession).toBe('');
    expect((await call(stack.url, '/.auth/me', { headers: { cookie } })).status).toBe(401);
    expect((await call(stack.url, '/.auth/refresh', { headers: { cookie } })).status).toBe(401);
    expect((await call(stack.url, '/api/me', { headers: { cookie } })).status).toBe(401);
  });

  it('an off-site post_login_redirect_uri / post_logout_redirect_uri stays on the front door', async () => {
    const out = await call(stack.url, '/.auth/logout?post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F');
    expect(new URL(String(out.headers.location)).searchParams.get('post_logout_redirect_uri')).toBe(
      `${stack.url}/.auth/logout/complete`,
    );
  });
});
