import { request } from 'node:https';

export type FetchLike = (
  url: string | URL,
  init?: { readonly method?: string; readonly headers?: HeadersInit; readonly signal?: AbortSignal | null },
) => Promise<Response>;

/**
 * A minimal `fetch` for GETs over HTTPS that trusts `ca` (Node's global fetch cannot take a CA
 * without undici's dispatcher). Used for the JWKS in local mode; in production the global fetch
 * is used instead.
 */
export function createCaFetch(ca: string): FetchLike {
  return (url, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const headers: Record<string, string> = {};
      new Headers(init.headers ?? {}).forEach((value, name) => {
        headers[name] = value;
      });
      const req = request(String(url), { method: init.method ?? 'GET', headers, ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
            else if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
          }
          resolve(
            new Response(Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: responseHeaders }),
          );
        });
        res.on('error', reject);
      });
      const signal = init.signal;
      if (signal) {
        if (signal.aborted)
          req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        else
          signal.addEventListener(
            'abort',
            () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted')),
            { once: true },
          );
      }
      req.on('error', reject);
      req.end();
    });
}
