import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyMiddleware } from 'http-proxy-middleware';
import {
  authorizeUrl,
  jwtClaims,
  ProviderError,
  redeemCode,
  refreshTokens,
  type ProviderSettings,
} from './identity.ts';
import {
  answerClientErrors,
  checkHeaders,
  PARSER_LIMIT,
  TOKEN_TOO_LARGE,
  TOKEN_TOO_LARGE_CHALLENGE,
} from './header-limits.ts';
import { signInErrorPage, signedOutPage, themeOf } from './pages.ts';
import { meDocument, platformHeaders, stripPlatformHeaders } from './principal.ts';
import {
  clearCookie,
  createSessionStore,
  LOGIN_COOKIE,
  newId,
  readCookie,
  SESSION_COOKIE,
  setCookie,
  type Session,
  type SessionStore,
} from './sessions.ts';

/**
 * Paths App Service lets through without a session: infra/azure.bicep's `globalValidation.excludedPaths`, exactly (a
 * test compares them). The tab's pages (it offers the sign-in itself), its assets and config, the health probe, the
 * bot endpoint and Azure's auto-shutdown notifications (they authenticate themselves).
 */
export const DEFAULT_EXCLUDED_PATHS = [
  '/',
  '/index.html',
  '/auth-start.html',
  '/auth-end.html',
  '/assets/*',
  '/client-config.json',
  '/api/health',
  '/api/messages',
  '/api/notifications/auto-shutdown/*',
] as const;

/** Whether `path` is excluded: an entry matches exactly, or as a prefix when it ends with `*` (`/assets/*`). */
export function isExcludedPath(excluded: readonly string[], path: string): boolean {
  return excluded.some((p) => (p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : path === p));
}

export interface FrontDoorOptions {
  /** The app behind App Service authentication, e.g. `http://127.0.0.1:3978`. */
  readonly serviceUrl: string;
  readonly provider: ProviderSettings;
  /** Default 3980 (`EASY_AUTH_PORT`); 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Paths served without a session (prefixes when they end with `*`). Default DEFAULT_EXCLUDED_PATHS. */
  readonly excludedPaths?: readonly string[];
  /** Most sessions kept at once (the oldest are dropped). Default 5000. */
  readonly maxSessions?: number;
  readonly now?: () => number;
}

export interface RunningFrontDoor {
  /** `http://127.0.0.1:{port}` */
  readonly url: string;
  readonly server: Server;
  readonly sessions: SessionStore;
  close(): Promise<void>;
}

const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}$/i;

/** A same-origin path to return to after login/logout; anything else → `/`. */
export function safeRedirect(value: string | null | undefined, fallback = '/'): string {
  if (!value) return fallback;
  try {
    const base = 'http://front-door.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    const path = url.pathname + url.search + url.hash;
    return new URL(path, base).href === url.href && path.startsWith('/') && !path.startsWith('//')
      ? path
      : fallback;
  } catch {
    return fallback;
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
) =>
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', ...headers });

const html = (
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string | string[]> = {},
) =>
  send(res, status, body, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    ...headers,
  });

const redirect = (res: ServerResponse, location: string, cookies: string[] = []) =>
  send(res, 302, '', { location, ...(cookies.length ? { 'set-cookie': cookies } : {}) });

const signInRequired = (
  res: ServerResponse,
  message = 'Sign in: there is no App Service authentication session.',
) =>
  json(res, 401, { error: { code: 'InvalidToken', message } }, { 'www-authenticate': 'Bearer realm="aad"' });

/**
 * A local stand-in for App Service authentication ("Easy Auth") with Microsoft as provider and the token store on, in
 * front of the service (http-proxy-middleware): `/.auth/login/aad` (+ `/callback`), `/.auth/me`, `/.auth/refresh`,
 * `/.auth/logout`. Every proxied request loses the `X-MS-TOKEN-*` / `X-MS-CLIENT-PRINCIPAL*` headers its client sent
 * and gets the session's; without a session, pages redirect to the login and `/api` answers 401. Test and local use
 * only: never imported by the product.
 */
export async function createEasyAuthFrontDoor(options: FrontDoorOptions): Promise<RunningFrontDoor> {
  const now = options.now ?? Date.now;
  const provider = options.provider;
  const sessions = createSessionStore({ ...(options.maxSessions ? { max: options.maxSessions } : {}) });
  const excluded = options.excludedPaths ?? DEFAULT_EXCLUDED_PATHS;
  const proxy = createProxyMiddleware<IncomingMessage, ServerResponse>({
    target: options.serviceUrl,
    changeOrigin: false,
    xfwd: true,
    on: {
      error: (_error, _req, res) => {
        if ('writeHead' in res && !res.headersSent) {
          // App Service's own answer when the app is down is a 5xx page; here the contract's shape and status.
          json(
            res,
            503,
            {
              error: { code: 'AzureUnavailable', message: 'The app behind the front door is not answering.' },
            },
            { 'retry-after': '5' },
          );
        } else {
          res.destroy();
        }
      },
    },
  });
  let origin = '';

  /** This front door as the browser sees it (the redirect URI must match where the cookies live). */
  const originOf = (req: IncomingMessage) => {
    const host = req.headers.host;
    return typeof host === 'string' && LOOPBACK_HOST.test(host) ? `http://${host}` : origin;
  };
  const sessionOf = (req: IncomingMessage): { id?: string; session?: Session } => {
    const id = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = sessions.get(id);
    return { ...(id ? { id } : {}), ...(session ? { session } : {}) };
  };

  async function login(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // `post_login_redirect_uri`, or its older spelling `post_login_redirect_url` (both accepted by App Service).
    const redirectPath = safeRedirect(
      url.searchParams.get('post_login_redirect_uri') ?? url.searchParams.get('post_login_redirect_url'),
    );
    const nonce = newId(16);
    const state = sessions.beginLogin({ nonce, redirect: redirectPath });
    const prompt = url.searchParams.get('prompt');
    const loginHint = url.searchParams.get('login_hint');
    redirect(
      res,
      authorizeUrl(provider, {
        redirectUri: `${originOf(req)}/.auth/login/aad/callback`,
        state,
        nonce,
        ...(prompt && /^(login|select_account|consent)$/.test(prompt) ? { prompt } : {}),
        ...(loginHint && loginHint.length <= 256 ? { loginHint } : {}),
      }),
      [setCookie(LOGIN_COOKIE, state, 600)],
    );
  }

  async function callback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const state = url.searchParams.get('state') ?? undefined;
    const bound = readCookie(req.headers.cookie, LOGIN_COOKIE);
    const pending = state && bound === state ? sessions.takeLogin(state) : undefined;
    const clearLogin = clearCookie(LOGIN_COOKIE);
    const fail = (
      error: string,
      description: string,
      redirectPath = '/',
      ids: { traceId?: string; correlationId?: string } = {},
    ) =>
      html(
        res,
        401,
        signInErrorPage({
          theme: themeOf(redirectPath),
          error,
          description,
          ...ids,
          retryHref: `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(redirectPath)}`,
        }),
        { 'set-cookie': [clearLogin] },
      );
    if (!pending) {
      fail(
        'state_mismatch',
        'This sign-in response does not match a sign-in started in this browser, or it expired.',
      );
      return;
    }
    const error = url.searchParams.get('error');
    if (error) {
      fail(
        error.slice(0, 100),
        (url.searchParams.get('error_description') ?? error).slice(0, 2000),
        pending.redirect,
      );
      return;
    }
    const code = url.searchParams.get('code');
    if (!code) {
      fail('invalid_response', 'The sign-in response has no code.', pending.redirect);
      return;
    }
    try {
      const tokens = await redeemCode(provider, code, `${originOf(req)}/.auth/login/aad/callback`, now);
      const claims = jwtClaims(tokens.idToken);
      if (claims.nonce !== pending.nonce) {
        fail('invalid_nonce', 'The ID token does not belong to this sign-in.', pending.redirect);
        return;
      }
      const id = sessions.create({ ...tokens, claims });
      redirect(res, pending.redirect, [setCookie(SESSION_COOKIE, id, 8 * 3600), clearLogin]);
    } catch (e) {
      const p =
        e instanceof ProviderError
          ? e
          : new ProviderError({ error: 'server_error', description: 'The sign-in failed.' });
      fail(p.error, p.description, pending.redirect, {
        ...(p.traceId ? { traceId: p.traceId } : {}),
        ...(p.correlationId ? { correlationId: p.correlationId } : {}),
      });
    }
  }

  async function refresh(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { id, session } = sessionOf(req);
    if (!id || !session) return signInRequired(res);
    if (!session.refreshToken) return signInRequired(res, 'The session has no refresh token: sign in again.');
    try {
      const tokens = await refreshTokens(provider, session.refreshToken, now);
      sessions.replace(id, {
        ...session,
        ...tokens,
        refreshToken: tokens.refreshToken ?? session.refreshToken,
        claims: { ...session.claims, ...jwtClaims(tokens.idToken) },
      });
      json(res, 200, {});
    } catch {
      sessions.delete(id);
      signInRequired(res, 'The session could not be refreshed: sign in again.');
    }
  }

  function logout(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const { id } = sessionOf(req);
    sessions.delete(id);
    const after = safeRedirect(
      url.searchParams.get('post_logout_redirect_uri') ?? url.searchParams.get('post_logout_redirect_url'),
      '/.auth/logout/complete',
    );
    const query = new URLSearchParams({ post_logout_redirect_uri: `${originOf(req)}${after}` });
    redirect(res, `${provider.authority}/oauth2/v2.0/logout?${query.toString()}`, [
      clearCookie(SESSION_COOKIE),
    ]);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Over the header limit (./header-limits.ts): an oversized token is a 401 like any unacceptable token.
    const headers = checkHeaders(req);
    if (headers !== 'ok') {
      res.shouldKeepAlive = false;
      if (headers === 'oversizedToken')
        return json(res, 401, TOKEN_TOO_LARGE, { 'www-authenticate': TOKEN_TOO_LARGE_CHALLENGE });
      // Anything else over the limit: Node's own answer (the contract has no code for it).
      return send(res, 431, '');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://front-door.invalid');
    } catch {
      json(res, 400, { error: { code: 'BadRequest', message: 'The request URL is malformed.' } });
      return;
    }
    const path = url.pathname;
    if (path.toLowerCase().startsWith('/.auth/')) {
      const route = path.toLowerCase().replace(/\/+$/, '');
      if (req.method !== 'GET' && req.method !== 'HEAD' && route !== '/.auth/logout') {
        json(res, 405, {
          error: { code: 'MethodNotAllowed', message: 'This method is not allowed on this endpoint.' },
        });
        return;
      }
      if (route === '/.auth/login/aad') return login(req, res, url);
      if (route === '/.auth/login/aad/callback') return callback(req, res, url);
      if (route === '/.auth/me') {
        const { session } = sessionOf(req);
        return session ? json(res, 200, meDocument(session)) : signInRequired(res);
      }
      if (route === '/.auth/refresh') return refresh(req, res);
      if (route === '/.auth/logout') return logout(req, res, url);
      if (route === '/.auth/logout/complete') return html(res, 200, signedOutPage(themeOf(req.url ?? '/')));
      json(res, 404, { error: { code: 'NotFound', message: 'No such endpoint.' } });
      return;
    }

    // Whatever the client sent as platform headers never reaches the app.
    stripPlatformHeaders(req.headers);
    const { session } = sessionOf(req);
    if (session) {
      Object.assign(req.headers, platformHeaders(session));
    } else if (/^Bearer /i.test(String(req.headers.authorization ?? ''))) {
      // Like App Service with the Microsoft provider: a bearer token is authentication too (Teams' SSO token for the
      // API). App Service would check its audience; the service behind validates it fully either way.
    } else if (!isExcludedPath(excluded, path)) {
      if (path === '/api' || path.startsWith('/api/')) return signInRequired(res);
      const wantsPage =
        (req.method === 'GET' || req.method === 'HEAD') &&
        req.headers['x-requested-with'] === undefined &&
        !String(req.headers.accept ?? '').startsWith('application/json');
      if (!wantsPage) return signInRequired(res);
      redirect(res, `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(safeRedirect(req.url))}`);
      return;
    }
    await proxy(req, res);
  }

  const server = createServer({ maxHeaderSize: PARSER_LIMIT }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        json(res, 500, { error: { code: 'InternalError', message: 'The front door failed.' } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3980, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://localhost:${address.port}`;
  return {
    url: `http://127.0.0.1:${address.port}`,
    server,
    sessions,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
