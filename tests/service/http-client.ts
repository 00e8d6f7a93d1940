import { request } from 'node:http';

export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json<T = any>(): T;
}

export interface ApiRequest {
  readonly method?: string;
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as-is (for malformed bodies). */
  readonly rawBody?: string | Buffer;
  readonly headers?: Record<string, string>;
}

/**
 * HTTP to the service with the path sent exactly as given (no URL normalisation, unlike fetch),
 * so path-injection attempts reach the server verbatim.
 */
export function callService(baseUrl: string, path: string, init: ApiRequest = {}): Promise<ApiResponse> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  let payload: string | Buffer | undefined = init.rawBody;
  if (payload === undefined && init.body !== undefined) {
    payload = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  if (payload !== undefined && !headers['transfer-encoding'])
    headers['content-length'] ??= String(Buffer.byteLength(payload));
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: init.method ?? 'GET', path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Convenience bound to one service URL. */
export function apiClient(baseUrl: string) {
  return (path: string, init?: ApiRequest) => callService(baseUrl, path, init);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
