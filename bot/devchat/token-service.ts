import { randomBytes, randomInt } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, Response, Server } from 'restify';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { AppError } from '../../src/domain/errors.ts';
import { sendJson } from '../../src/http/respond.ts';
import { escapeHtml } from '../cards/vm-preview.ts';
import type { DevChatEmulatorConfig } from './emulator-client.ts';

/**
 * Local mode's Bot Framework token service (what `token.botframework.com` is for the Azure Bot's OAuth connection),
 * the subset the bot uses: `GetSignInResource` (the sign-in link of an OAuthCard), the sign-in page, and `GetToken`
 * with the magic code Teams sends in `signin/verifyState`. It knows exactly one OAuth connection, the configured one,
 * and refuses any other name, as the Azure Bot does. The sign-in page stands in for Entra's: it lets you pick one of
 * the emulator's users, whose SSO token the emulator issues (the token the real connection would get for the app's
 * `access_as_user` scope).
 */
export const TOKEN_SERVICE_PATH = '/dev/token';

/** Sign-ins and codes live this long (the real service's magic codes are short-lived too). */
const SIGN_IN_TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 1_000;
const MAX_FORM = 4 * 1024;

export interface TokenServiceOptions {
  readonly connectionName: string;
  readonly emulator: {
    config(): Promise<DevChatEmulatorConfig>;
    ssoToken(user: string): Promise<string>;
  };
  /** Wraps a handler so only this machine is served (the dev chat's rule). */
  readonly local: (
    handler: (req: Request, res: Response) => Promise<void>,
  ) => (req: Request, res: Response) => Promise<void>;
}

interface PendingSignIn {
  readonly connectionName: string;
  /** The Teams user the sign-in was started for (the conversation reference's `user.id`). */
  readonly userId: string;
  readonly channelId: string;
}

interface IssuedToken {
  readonly connectionName: string;
  readonly userId: string;
  readonly channelId: string;
  readonly token: string;
  readonly expiresAt: number;
}

/** `state` of GetSignInResource: base64 JSON of the bot's TokenExchangeState (botbuilder's `createTokenExchangeState`). */
const exchangeState = z
  .object({
    connectionName: z.string().max(200),
    conversation: z
      .object({
        channelId: z.string().max(100).optional(),
        user: z.object({ id: z.string().min(1).max(200) }).passthrough(),
      })
      .passthrough(),
  })
  .passthrough();

export function mountTokenService(server: Server, options: TokenServiceOptions): void {
  const { local, connectionName } = options;
  const signIns = new LRUCache<string, PendingSignIn>({ max: MAX_ENTRIES, ttl: SIGN_IN_TTL_MS });
  const codes = new LRUCache<string, IssuedToken>({ max: MAX_ENTRIES, ttl: SIGN_IN_TTL_MS });
  const tokens = new LRUCache<string, IssuedToken>({ max: MAX_ENTRIES, ttl: 60 * 60_000 });
  const base = TOKEN_SERVICE_PATH;

  const refuseUnknownConnection = (name: string | null | undefined) => {
    if (name !== connectionName)
      throw new AppError(
        'BadRequest',
        `The bot has no OAuth connection named "${String(name ?? '').slice(0, 80)}" (configured: ${connectionName}).`,
      );
  };

  server.get(
    `${base}/api/botsignin/GetSignInResource`,
    local(async (req, res) => {
      const state = decodeState(query(req).get('state'));
      refuseUnknownConnection(state.connectionName);
      const id = randomBytes(18).toString('base64url');
      signIns.set(id, {
        connectionName: state.connectionName,
        userId: state.conversation.user.id,
        channelId: state.conversation.channelId ?? 'msteams',
      });
      const origin = originOf(req);
      sendJson(res, 200, { signInLink: `${origin}${base}/api/oauth/signin?signin=${id}` });
    }),
  );

  server.get(
    `${base}/api/oauth/signin`,
    local(async (req, res) => {
      const id = query(req).get('signin') ?? '';
      const pending = signIns.get(id);
      if (!pending)
        return page(res, 404, 'This sign-in link has expired', '<p>Start again from the chat.</p>');
      const { users } = await options.emulator.config();
      const choices = users
        .map(
          (u) =>
            `<li><button type="submit" name="user" value="${escapeHtml(u.key)}">${escapeHtml(u.name)} <small>${escapeHtml(u.upn)}</small></button></li>`,
        )
        .join('');
      page(
        res,
        200,
        'Sign in to VM Manager',
        `<p>OAuth connection <code>${escapeHtml(pending.connectionName)}</code>. Pick an account (the local stand-in for Microsoft Entra's sign-in).</p>
<form method="post" action="${base}/api/oauth/signin"><input type="hidden" name="signin" value="${escapeHtml(id)}"><ul>${choices}</ul></form>`,
      );
    }),
  );

  server.post(
    `${base}/api/oauth/signin`,
    local(async (req, res) => {
      const form = await readForm(req);
      const id = form.get('signin') ?? '';
      const user = form.get('user') ?? '';
      const pending = signIns.get(id);
      if (!pending || !user || user.length > 128)
        return page(res, 400, 'Sign-in did not complete', '<p>Start again from the chat.</p>');
      signIns.delete(id);
      const token = await options.emulator.ssoToken(user);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      codes.set(code, { ...pending, token, expiresAt: expiryOf(token) });
      page(
        res,
        200,
        'Signed in',
        `<p>Your sign-in code: <strong id="magic-code" data-code="${code}">${code}</strong></p><p>Teams passes it to the bot. You can close this window.</p>`,
      );
    }),
  );

  server.get(
    `${base}/api/usertoken/GetToken`,
    local(async (req, res) => {
      const params = query(req);
      const userId = params.get('userId') ?? '';
      const name = params.get('connectionName');
      refuseUnknownConnection(name);
      const code = params.get('code');
      const key = `${userId}|${connectionName}`;
      if (code) {
        const issued = codes.get(code);
        // A code is good once, and only for the user whose sign-in produced it.
        if (issued && issued.userId === userId) {
          codes.delete(code);
          tokens.set(key, issued);
        }
      }
      const found = tokens.get(key);
      if (!found || found.expiresAt <= Date.now()) {
        sendJson(res, 404, {});
        return;
      }
      sendJson(res, 200, {
        channelId: found.channelId,
        connectionName,
        token: found.token,
        expiration: new Date(found.expiresAt).toISOString(),
      });
    }),
  );

  server.del(
    `${base}/api/usertoken/SignOut`,
    local(async (req, res) => {
      tokens.delete(`${query(req).get('userId') ?? ''}|${connectionName}`);
      sendJson(res, 200, {});
    }),
  );
}

function query(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

function originOf(req: Request): string {
  return `http://${req.headers.host ?? 'localhost'}`;
}

function decodeState(raw: string | null) {
  if (!raw || raw.length > 16_384) throw new AppError('BadRequest', 'The sign-in state is missing.');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
  } catch {
    throw new AppError('BadRequest', 'The sign-in state is not valid.');
  }
  const parsed = exchangeState.safeParse(json);
  if (!parsed.success) throw new AppError('BadRequest', 'The sign-in state is not valid.');
  return parsed.data;
}

/** The token's `exp` (the emulator's tokens are JWTs); one hour when unreadable. */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    if (typeof payload.exp === 'number') return payload.exp * 1000;
  } catch {
    // fall through
  }
  return Date.now() + 60 * 60_000;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    throw new AppError('UnsupportedMediaType', 'Expected a form post.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM) throw new AppError('PayloadTooLarge', 'The form is too large.');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function page(res: Response, status: number, title: string, body: string): void {
  res.sendRaw(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title>
<style>body{font:15px system-ui,sans-serif;margin:24px;max-width:420px}ul{list-style:none;padding:0}li{margin:6px 0}button{width:100%;text-align:left;padding:10px;border:1px solid #ccc;border-radius:6px;background:#fff;cursor:pointer}button:hover{background:#f3f2f1}small{color:#616161;display:block}#magic-code{font-size:28px;letter-spacing:4px}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'self'",
    },
  );
}
