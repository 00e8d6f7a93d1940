import { request } from 'node:https';

/** The most a JSON answer may hold (token responses and the emulator's config are a few KB). */
export const MAX_RESPONSE_BYTES = 256 * 1024;

export interface HttpsJsonOptions {
  /** A form body: sent as a POST. Without one, a GET. */
  readonly form?: URLSearchParams;
  /** CA to trust (the emulator's). */
  readonly ca?: string;
  readonly timeoutMs?: number;
  /** Error message on a timeout. */
  readonly timeoutMessage?: string;
}

/**
 * One HTTPS request answered with JSON, capped at MAX_RESPONSE_BYTES (a bigger answer fails the request). `body` is
 * undefined when the answer is not JSON.
 */
export function httpsJson(
  url: string,
  options: HttpsJsonOptions = {},
): Promise<{ status: number; body: unknown }> {
  const payload = options.form?.toString();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: payload === undefined ? 'GET' : 'POST',
        ...(options.ca ? { ca: options.ca } : {}),
        timeout: options.timeoutMs ?? 10_000,
        ...(payload === undefined
          ? {}
          : {
              headers: {
                'content-type': 'application/x-www-form-urlencoded',
                'content-length': Buffer.byteLength(payload),
              },
            }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) req.destroy(new Error('response too large'));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          let body: unknown;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(options.timeoutMessage ?? 'the server did not answer')));
    req.on('error', reject);
    req.end(payload);
  });
}
