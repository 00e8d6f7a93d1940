import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../context.ts';
import type { EmuRequest, EmuResponse, Handler } from '../http/types.ts';
import { authorizeEndpoint } from './authorize.ts';
import { corsHeaders } from './cors.ts';
import { discoveryV1, discoveryV2, publicDocCors } from './discovery.ts';
import { EntraError, entraErrorResponse, entraErrors, entraTimestamp, type RequestMeta } from './errors.ts';
import { jwks } from './jwks.ts';
import { logoutEndpoint } from './logout.ts';
import { errorCodePage, errorPage } from './pages.ts';
import type { EntraEndpoint } from './request.ts';
import { createEntraState } from './state.ts';
import { resolveTenant } from './tenant.ts';
import { TOKEN_CORS, tokenEndpoint } from './token.ts';

/**
 * Entra ID: routes `/{tenant}/…` (tenant id, domain or `common`/`organizations`; case-insensitive)
 * to one handler per protocol endpoint. Unknown tenants get AADSTS90002 in the endpoint's own
 * shape (JSON, or an error page for the browser endpoints).
 */

interface Route {
  readonly pattern: RegExp;
  /** How errors the router raises (unknown tenant) are rendered. */
  readonly render: 'json' | 'page';
  /** CORS headers for router-level errors. */
  readonly cors?: (req: EmuRequest) => Record<string, string>;
  readonly endpoint: EntraEndpoint;
}

const ROUTES: readonly Route[] = [
  {
    pattern: /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration\/?$/i,
    render: 'json',
    cors: publicDocCors,
    endpoint: discoveryV2,
  },
  {
    pattern: /^\/([^/]+)\/\.well-known\/openid-configuration\/?$/i,
    render: 'json',
    cors: publicDocCors,
    endpoint: discoveryV1,
  },
  {
    pattern: /^\/([^/]+)\/discovery\/v2\.0\/keys\/?$/i,
    render: 'json',
    cors: publicDocCors,
    endpoint: jwks,
  },
  {
    pattern: /^\/([^/]+)\/discovery\/keys\/?$/i,
    render: 'json',
    cors: publicDocCors,
    endpoint: jwks,
  },
  {
    pattern: /^\/([^/]+)\/oauth2\/v2\.0\/token\/?$/i,
    render: 'json',
    cors: (req) => corsHeaders(req, TOKEN_CORS),
    endpoint: tokenEndpoint,
  },
  { pattern: /^\/([^/]+)\/oauth2\/v2\.0\/authorize\/?$/i, render: 'page', endpoint: authorizeEndpoint },
  { pattern: /^\/([^/]+)\/oauth2\/v2\.0\/logout\/?$/i, render: 'page', endpoint: logoutEndpoint },
];

function header(req: EmuRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value ? value : undefined;
}

function requestMeta(req: EmuRequest, ctx: EmulatorContext): RequestMeta {
  const clientRequestId =
    header(req, 'client-request-id') ?? req.url.searchParams.get('client-request-id') ?? undefined;
  return {
    traceId: randomUUID(),
    correlationId:
      clientRequestId && /^[0-9a-f-]{36}$/i.test(clientRequestId) ? clientRequestId : randomUUID(),
    clientRequestId,
    timestamp: entraTimestamp(ctx.now()),
    baseUrl: ctx.baseUrl,
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function createEntraHandler(ctx: EmulatorContext): Handler {
  const state = createEntraState(ctx);
  return async (req): Promise<EmuResponse | undefined> => {
    if (/^\/error\/?$/i.test(req.rawPath) && req.method === 'GET') {
      return errorCodePage(req.url.searchParams.get('code') ?? '');
    }
    for (const route of ROUTES) {
      const match = route.pattern.exec(req.rawPath);
      if (!match) continue;
      const meta = requestMeta(req, ctx);
      const segment = decodeSegment(match[1]!);
      const tenant = resolveTenant(ctx.seed, segment);
      if (!tenant) {
        const error: EntraError = entraErrors.tenantNotFound(segment);
        return route.render === 'json'
          ? entraErrorResponse(error, meta, route.cors?.(req))
          : errorPage({
              message: error.message,
              traceId: meta.traceId,
              correlationId: meta.correlationId,
              timestamp: meta.timestamp,
            });
      }
      return route.endpoint({ req, ctx, state, tenant, meta });
    }
    return undefined;
  };
}
