import type { Request } from 'restify';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../contract/api.ts';
import { AppError } from '../domain/errors.ts';

/** Methods that change nothing: no CSRF check. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const header = (req: Request, name: string): string | undefined => {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Why a cookie-authenticated request (App Service authentication session) may not change anything, or undefined
 * when it may: safe methods pass; otherwise the tab's custom header must be there, `Sec-Fetch-Site` (when the
 * browser sends it) must be `same-origin`, and `Origin` must be this host. A request with neither `Origin` nor
 * `Sec-Fetch-Site` is refused: every browser sends one of them on a cross-origin-capable POST (fail closed).
 */
export function csrfProblem(req: Request): string | undefined {
  if (SAFE_METHODS.has((req.method ?? 'GET').toUpperCase())) return undefined;
  if (header(req, CSRF_HEADER) !== CSRF_HEADER_VALUE) {
    return `Changes made with the sign-in session must carry the ${CSRF_HEADER} header the app sends.`;
  }
  const site = header(req, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return 'The request did not come from this site.';
  const origin = header(req, 'origin');
  const host = header(req, 'host');
  if (origin !== undefined) {
    if (!sameHost(origin, host)) return 'The request came from another origin.';
  } else if (site === undefined) {
    return 'The request has no Origin: it cannot be told apart from a cross-site one.';
  }
  return undefined;
}

function sameHost(origin: string, host: string | undefined): boolean {
  if (!host || !URL.canParse(origin)) return false;
  const url = new URL(origin);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  return url.host.toLowerCase() === host.toLowerCase();
}

/** 403 CsrfRejected, checked once for every change authenticated by the session (src/http/authenticate.ts). */
export function assertNotCrossSite(req: Request): void {
  const problem = csrfProblem(req);
  if (problem) throw new AppError('CsrfRejected', problem);
}
