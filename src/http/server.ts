import restify, { type Next, type Request, type Response, type Server } from 'restify';
import type { Logger } from 'pino';
import { BOT_ROUTE, MAX_ACTIVITY_BYTES } from '../../bot/endpoint.ts';
import type { ServiceConfig } from '../config/settings.ts';
import { isAppError } from '../domain/errors.ts';
import { categoryOf } from '../../contract/errors.ts';
import { errorSummary } from '../logging.ts';
import type { AutoShutdownService, OperationService, TokenValidator, VmService } from '../domain/services.ts';
import { createAuthenticate } from './authenticate.ts';
import { payloadTooLarge } from './body.ts';
import { answerClientErrors } from './header-overflow.ts';
import { createRequestContexts, type RequestContexts } from './context.ts';
import { corsHeaders, PREFLIGHT_HEADERS } from './cors.ts';
import { badRequest, toErrorResponse } from './errors.ts';
import { unsafePathReason } from './path-guard.ts';
import { sendJson } from './respond.ts';
import { loggablePath, registerAutoShutdownRoutes } from './routes/auto-shutdown.ts';
import { registerPublicRoutes } from './routes/public.ts';
import { registerStaticRoutes } from './routes/static.ts';
import { registerVmRoutes } from './routes/vms.ts';
import { registerVmDetailsRoutes } from './routes/vm-details.ts';
import type { VmDetailsService } from '../vms/details.ts';
import { securityHeaders } from './security-headers.ts';
import { openStaticSite } from './static-files.ts';

export interface HttpServerDeps {
  readonly config: ServiceConfig;
  readonly tokens: TokenValidator;
  readonly vms: VmService;
  readonly operations: OperationService;
  /** `GET /api/vms/{sub}/{rg}/{vm}/details`. */
  readonly details?: VmDetailsService;
  /** `…/auto-shutdown` and `POST /api/notifications/auto-shutdown/{token}`. */
  readonly autoShutdown?: AutoShutdownService;
  readonly logger: Logger;
  readonly now?: () => number;
}

export interface HttpServer {
  readonly server: Server;
  readonly contexts: RequestContexts;
}

/**
 * The restify server: request ids, security headers on every response, path hygiene, CORS for
 * configured origins only, body limits, the API routes, the built tab, one error mapper and one
 * request log line per request (never tokens). The bot mounts itself on `server` afterwards.
 */
export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const { config, logger } = deps;
  const now = deps.now ?? Date.now;
  const server = restify.createServer({
    name: 'vm-manager',
    log: logger.child({ component: 'restify' }, { level: 'warn' }),
    handleUncaughtExceptions: false,
  } as unknown as restify.ServerOptions);
  // Keep idle connections longer than clients and load balancers do (Azure's idle timeout is 4 min,
  // Node's default 5 s), so a client never sends on a socket the server is closing.
  server.server.keepAliveTimeout = 65_000;
  server.server.headersTimeout = 66_000;
  answerClientErrors(server.server);
  const contexts = createRequestContexts();
  const headers = securityHeaders({
    localMode: config.local !== undefined,
    authorityHost: config.authorityHost,
    publicUrl: config.publicUrl,
  });
  const allowedOrigins = new Set(config.allowedOrigins);

  server.pre(function requestContext(req: Request, res: Response, next: Next) {
    const context = contexts.begin(req, now());
    res.setHeader('x-request-id', context.id);
    for (const [name, value] of Object.entries(headers.api)) res.setHeader(name, value);
    next();
  });

  server.pre(function pathGuard(req: Request, _res: Response, next: Next) {
    const reason = unsafePathReason(req.url ?? '/');
    next(reason ? badRequest(reason) : undefined);
  });

  server.pre(function cors(req: Request, res: Response, next: Next) {
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    const allowed = corsHeaders(origin, allowedOrigins);
    if (allowed) for (const [name, value] of Object.entries(allowed)) res.setHeader(name, value);
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    if (allowed && req.headers['access-control-request-method']) {
      res.sendRaw(204, '', { ...PREFLIGHT_HEADERS });
      next(false);
      return;
    }
    sendJson(res, 403, {
      error: { code: 'CorsNotAllowed', message: 'Cross-origin requests from this origin are not allowed.' },
    });
    next(false);
  });

  server.pre(function bodyLimit(req: Request, _res: Response, next: Next) {
    const path = (req.url ?? '/').split('?')[0];
    // The bot endpoint takes larger bodies (Bot Framework activities) and reads them itself.
    const limit = path === BOT_ROUTE ? MAX_ACTIVITY_BYTES : config.limits.maxBodyBytes;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      next(payloadTooLarge(limit));
      return;
    }
    next();
  });

  registerPublicRoutes(server, config);
  const authenticate = createAuthenticate(deps.tokens, contexts, {
    easyAuth: config.easyAuth === true,
    onSignedIn: (user) => deps.operations.resumeFor(user),
  });
  registerVmRoutes(server, {
    authenticate,
    contexts,
    vms: deps.vms,
    operations: deps.operations,
    maxBodyBytes: config.limits.maxBodyBytes,
    maxBulkIds: config.limits.maxBulkIds,
  });
  if (deps.details) registerVmDetailsRoutes(server, { authenticate, contexts, details: deps.details });
  if (deps.autoShutdown) {
    registerAutoShutdownRoutes(server, {
      authenticate,
      contexts,
      autoShutdown: deps.autoShutdown,
      maxBodyBytes: config.limits.maxBodyBytes,
    });
  }
  const site = config.tabDistPath ? openStaticSite(config.tabDistPath) : undefined;
  if (site) registerStaticRoutes(server, site, headers.html);

  server.on('restifyError', (req: Request, res: Response, error: unknown, callback: () => void) => {
    const response = toErrorResponse(error);
    if (!isAppError(error) && response.status >= 500) {
      logger.error({ err: error, reqId: contexts.of(req)?.id }, 'request failed unexpectedly');
    } else if (isAppError(error) && categoryOf(error.code) === 'internal') {
      // Ours to fix (a bug, a misconfigured credential, an answer we do not understand): loud, with its cause.
      logger.error({ err: error, reqId: contexts.of(req)?.id }, 'request failed: fault on our side');
    } else if (response.status >= 500) {
      logger.warn(
        {
          reqId: contexts.of(req)?.id,
          code: response.body.error.code,
          cause: errorSummary((error as { cause?: unknown }).cause),
        },
        'upstream unavailable',
      );
    }
    if (!res.headersSent) {
      sendJson(res, response.status, response.body, response.headers);
    } else if (!res.writableEnded) {
      res.destroy();
    }
    callback();
  });

  server.on('after', (req: Request, res: Response) => {
    const context = contexts.of(req);
    const status = res.statusCode;
    const line = {
      reqId: context?.id,
      method: req.method,
      path: loggablePath((req.url ?? '/').split('?')[0] ?? '/').slice(0, 300),
      status,
      ms: context ? now() - context.startedAt : undefined,
      ...(context?.userOid ? { userOid: context.userOid } : {}),
      ...(context?.action ? { action: context.action } : {}),
      ...(context?.vmId ? { vmId: context.vmId } : {}),
      ...(context?.operationId ? { operationId: context.operationId } : {}),
    };
    if (status >= 500) logger.warn(line, 'request');
    else logger.info(line, 'request');
  });

  return { server, contexts };
}
