import type { Response } from 'restify';

/** Sends a JSON body (no restify formatter negotiation: the API only speaks JSON). */
export function sendJson(
  res: Response,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const payload = JSON.stringify(body);
  res.sendRaw(status, payload, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
}
