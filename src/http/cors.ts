/** CORS answer for a request, or undefined when no CORS headers apply (no Origin, or not allowed). */
export function corsHeaders(
  origin: string | undefined,
  allowedOrigins: ReadonlySet<string>,
): Record<string, string> | undefined {
  if (!origin || !allowedOrigins.has(origin.replace(/\/+$/, ''))) return undefined;
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'false',
    'access-control-expose-headers': 'Location, Retry-After, X-Request-Id, WWW-Authenticate',
    vary: 'Origin',
  };
}

/** Extra headers for an allowed preflight (OPTIONS). */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, X-Request-Id',
  'access-control-max-age': '600',
};
