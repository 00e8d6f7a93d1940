import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../../src/domain/errors.ts';
import { readJsonBody } from '../../src/http/body.ts';
import { sendJson } from '../../src/http/respond.ts';
import { isLocalHostHeader, isLoopbackAddress } from '../../src/net/loopback.ts';
import { openStaticSite, type StaticSite } from '../../src/http/static-files.ts';
import { createConnectorStore, type ConnectorEvent } from './connector-store.ts';
import { createEmulatorClient, EmulatorCallError } from './emulator-client.ts';
import { mountTokenService } from './token-service.ts';

/** Where `npm run build:devchat` puts the page. */
export const DEV_CHAT_DIST = fileURLToPath(new URL('./dist/', import.meta.url));
const MAX_BODY = 256 * 1024;
const PING_MS = 15_000;

export interface DevChatOptions {
  readonly emulatorUrl: string;
  readonly emulatorCa?: string;
  readonly botName: string;
  /** `BOT_OAUTH_CONNECTION`: the one OAuth connection the local Azure Bot (and its token service) knows. */
  readonly oauthConnection: string;
  readonly logger: Logger;
  /** Built page folder. Default {@link DEV_CHAT_DIST}. */
  readonly distPath?: string;
}

export interface MountedDevChat {
  /** Ends open event streams. */
  close(): void;
}

const HTML_HEADERS = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; '),
  'cache-control': 'no-cache',
};

const memberSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(200),
  aadObjectId: z.string().max(100).optional(),
  userPrincipalName: z.string().max(200).optional(),
});
const membersBody = z.object({ members: z.array(memberSchema).max(200) });
const userBody = z.object({ user: z.string().min(1).max(128) });
const activityBody = z.record(z.string(), z.unknown());

/**
 * Local mode only: `/dev/chat` (a page that talks to the bot as the Teams client would) and the
 * local Bot Connector it points the bot at (`/dev/connector/v3/…`: replies, updates, rosters).
 * Only loopback clients are served.
 */
export function mountDevChat(server: Server, options: DevChatOptions): MountedDevChat {
  const store = createConnectorStore();
  const emulator = createEmulatorClient({
    emulatorUrl: options.emulatorUrl,
    ...(options.emulatorCa ? { ca: options.emulatorCa } : {}),
  });
  const streams = new Set<Response>();
  const distPath = options.distPath ?? DEV_CHAT_DIST;
  let site: StaticSite | undefined;

  const local = (handler: (req: Request, res: Response) => Promise<void>) =>
    async function devChatRoute(req: Request, res: Response) {
      if (
        !isLoopbackAddress(req.socket.remoteAddress) ||
        !isLocalHostHeader(req.headers.host, req.socket.localPort)
      )
        throw new AppError('Forbidden', 'The dev chat only serves this machine (localhost).');
      await handler(req, res);
    };
  const param = (req: Request, name: string) => {
    const value = (req.params as Record<string, unknown> | undefined)?.[name];
    if (typeof value !== 'string' || value.length === 0 || value.length > 512)
      throw new AppError('BadRequest', `Invalid ${name}.`);
    return value;
  };
  const body = async <T>(req: Request, schema: z.ZodType<T>): Promise<T> => {
    const parsed = schema.safeParse(await readJsonBody(req, MAX_BODY));
    if (!parsed.success) throw new AppError('BadRequest', 'The request body is not valid.');
    return parsed.data;
  };
  const emulatorFailure = (error: unknown): never => {
    if (error instanceof EmulatorCallError) {
      // The emulator's control API refused (4xx) or failed (5xx): its message is for the developer.
      throw new AppError(error.status >= 500 ? 'AzureUnavailable' : 'BadRequest', error.message);
    }
    throw error;
  };

  async function page(_req: Request, res: Response) {
    site ??= existsSync(distPath) ? openStaticSite(distPath) : undefined;
    const file = await site?.resolve('/index.html');
    if (!site || !file) {
      res.sendRaw(503, 'The dev chat is not built. Run: npm run build:devchat', {
        'content-type': 'text/plain; charset=utf-8',
        ...HTML_HEADERS,
      });
      return;
    }
    await pipeFile(res, site, file, HTML_HEADERS);
  }

  async function asset(req: Request, res: Response) {
    site ??= existsSync(distPath) ? openStaticSite(distPath) : undefined;
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').replace(/^\/dev\/chat/, '');
    const file = site && path.startsWith('/assets/') ? await site.resolve(path) : undefined;
    if (!site || !file || file.isHtml) throw new AppError('NotFound', 'No such file.');
    await pipeFile(res, site, file, {});
  }

  server.get('/dev/chat', local(page));
  server.get('/dev/chat/', local(page));
  server.get('/dev/chat/assets/*', local(asset));

  server.get(
    '/dev/chat/api/config',
    local(async (_req, res) => {
      const config = await emulator.config().catch(emulatorFailure);
      sendJson(res, 200, {
        tenantId: config.tenantId,
        users: config.users,
        bot: { id: `28:${config.app.clientId}`, name: options.botName },
        oauthConnection: options.oauthConnection,
        ...(config.teamsClientId ? { teamsClientId: config.teamsClientId } : {}),
      });
    }),
  );
  server.post(
    '/dev/chat/api/token',
    local(async (req, res) => {
      const { user } = await body(req, userBody);
      sendJson(res, 200, { token: await emulator.ssoToken(user).catch(emulatorFailure) });
    }),
  );
  server.post(
    '/dev/chat/api/consent',
    local(async (req, res) => {
      const { user } = await body(req, userBody);
      await emulator.consent(user).catch(emulatorFailure);
      sendJson(res, 200, { user, consented: true });
    }),
  );
  server.put(
    '/dev/chat/api/conversations/:conversationId/members',
    local(async (req, res) => {
      const { members } = await body(req, membersBody);
      store.setMembers(param(req, 'conversationId'), members);
      sendJson(res, 200, { members: members.length });
    }),
  );
  server.get(
    '/dev/chat/api/conversations/:conversationId/events',
    local(async (req, res) => {
      const conversationId = param(req, 'conversationId');
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      const send = (event: ConnectorEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`);
      for (const activity of store.list(conversationId)) {
        if (!activity.deleted) send({ type: 'activity', activity });
      }
      // History sent: what follows is live (the page answers sign-in prompts only for live ones).
      res.write(`data: ${JSON.stringify({ type: 'ready' })}\n\n`);
      const unsubscribe = store.subscribe(conversationId, send);
      const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
      streams.add(res);
      await new Promise<void>((resolve) => {
        res.on('close', () => {
          clearInterval(ping);
          unsubscribe();
          streams.delete(res);
          resolve();
        });
      });
    }),
  );

  // The local Bot Connector (Bot Framework REST API v3 subset) the bot posts to via serviceUrl.
  const connector = '/dev/connector/v3/conversations/:conversationId';
  const post = local(async (req, res) => {
    const conversationId = param(req, 'conversationId');
    const activity = await body(req, activityBody);
    const replyTo = (req.params as Record<string, string | undefined>).activityId;
    const stored = store.add(conversationId, replyTo ? { ...activity, replyToId: replyTo } : activity);
    sendJson(res, 200, { id: stored.id });
  });
  server.post(`${connector}/activities`, post);
  server.post(`${connector}/activities/:activityId`, post);
  server.put(
    `${connector}/activities/:activityId`,
    local(async (req, res) => {
      const stored = store.update(
        param(req, 'conversationId'),
        param(req, 'activityId'),
        await body(req, activityBody),
      );
      if (!stored) throw new AppError('NotFound', 'No such activity.');
      sendJson(res, 200, { id: stored.id });
    }),
  );
  server.del(
    `${connector}/activities/:activityId`,
    local(async (req, res) => {
      if (!store.remove(param(req, 'conversationId'), param(req, 'activityId'))) {
        throw new AppError('NotFound', 'No such activity.');
      }
      sendJson(res, 200, {});
    }),
  );
  server.get(
    `${connector}/pagedmembers`,
    local(async (req, res) => {
      sendJson(res, 200, { members: store.members(param(req, 'conversationId')) });
    }),
  );
  server.get(
    `${connector}/members`,
    local(async (req, res) => {
      sendJson(res, 200, store.members(param(req, 'conversationId')));
    }),
  );
  server.get(
    `${connector}/members/:memberId`,
    local(async (req, res) => {
      const member = store.members(param(req, 'conversationId')).find((m) => m.id === param(req, 'memberId'));
      if (!member) throw new AppError('NotFound', 'No such member.');
      sendJson(res, 200, member);
    }),
  );

  mountTokenService(server, {
    connectionName: options.oauthConnection,
    emulator: {
      config: () => emulator.config().catch(emulatorFailure),
      ssoToken: (user) => emulator.ssoToken(user).catch(emulatorFailure),
    },
    local,
  });

  options.logger.info('bot.devchat: /dev/chat is available (local mode)');
  return {
    close() {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}

async function pipeFile(
  res: Response,
  site: StaticSite,
  file: { size: number; contentType: string; cacheControl: string },
  headers: Record<string, string>,
) {
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': String(file.size),
    'cache-control': file.cacheControl,
    ...headers,
  });
  await new Promise<void>((resolve, reject) => {
    const stream = site.open(file as Parameters<StaticSite['open']>[0]);
    stream.on('error', reject);
    res.on('close', resolve);
    stream.pipe(res);
  });
}
