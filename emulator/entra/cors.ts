import type { EmuRequest, EmuResponse } from '../http/types.ts';

/**
 * CORS as Entra answers it: the token endpoint echoes the Origin of registered SPA redirect URIs
 * (here: any localhost / 127.0.0.1 origin); discovery and JWKS are readable from anywhere.
 * The control API uses the same localhost rule.
 */

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Is `origin` a loopback web origin (`http(s)://localhost|127.0.0.1|[::1][:port]`)? */
export function isLocalOrigin(origin: string | undefined): origin is string {
  if (!origin) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

export function originOf(req: EmuRequest): string | undefined {
  const origin = req.headers.origin;
  return typeof origin === 'string' ? origin : undefined;
}

export interface CorsPolicy {
  /** `'*'` for public documents, `'local'` to echo loopback origins only. */
  readonly allow: '*' | 'local';
  readonly methods: readonly string[];
}

/** CORS headers for a response to `req`, or none when its Origin is not allowed. */
export function corsHeaders(req: EmuRequest, policy: CorsPolicy): Record<string, string> {
  const origin = originOf(req);
  if (policy.allow === '*') return { 'access-control-allow-origin': '*' };
  if (!isLocalOrigin(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'client-request-id, x-ms-request-id',
    vary: 'Origin',
  };
}

/** Answers an OPTIONS preflight: 204 with the allowed methods and requested headers. */
export function preflight(req: EmuRequest, policy: CorsPolicy): EmuResponse {
  const headers = corsHeaders(req, policy);
  if (!headers['access-control-allow-origin'])
    return { status: 204, headers: { allow: policy.methods.join(', ') } };
  const requested = req.headers['access-control-request-headers'];
  return {
    status: 204,
    headers: {
      ...headers,
      'access-control-allow-methods': policy.methods.join(', '),
      'access-control-allow-headers': typeof requested === 'string' && requested ? requested : 'content-type',
      'access-control-max-age': '86400',
    },
  };
}
