import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createFaults, createStats, type Area, type EmulatorContext } from './context.ts';
import { createArmHandler } from './arm/index.ts';
import { createControlHandler } from './control/index.ts';
import { createEntraHandler } from './entra/index.ts';
import { createPricesHandler, isPricesPath } from './prices/index.ts';
import { json } from './http/respond.ts';
import { BodyTooLargeError, type EmuRequest, type EmuResponse, type Handler } from './http/types.ts';
import { defaultOptions, type EmulatorOptions } from './options.ts';
import { defaultSeed } from './seed/default.ts';
import { largeSeed } from './seed/large.ts';
import type { Seed } from './seed/types.ts';
import { ensureTlsMaterial } from './state/certs.ts';
import { loadSigningKeys } from './state/keys.ts';

const MAX_BODY = 1024 * 1024;

export interface RunningEmulator {
  /** `https://127.0.0.1:{port}` */
  readonly url: string;
  readonly ca: string;
  readonly caPath: string;
  readonly context: EmulatorContext;
  close(): Promise<void>;
}

export interface CreateEmulatorOptions extends Partial<EmulatorOptions> {
  /** Use this seed instead of the one named by `seed`. */
  readonly seedData?: Seed;
  readonly now?: () => number;
}

/**
 * Which area a path belongs to. ARM: `/subscriptions…`, `/providers…`, `/metadata/…` (cloud metadata);
 * control: `/_emulator/…`; else Entra.
 */
export function areaOf(path: string): Area {
  const p = path.toLowerCase();
  if (p.startsWith('/_emulator/')) return 'control';
  if (p === '/subscriptions' || p.startsWith('/subscriptions/') || p.startsWith('/providers/')) return 'arm';
  if (p.startsWith('/metadata/')) return 'arm';
  return 'entra';
}

/** Starts the emulator: HTTPS on loopback, Entra ID + ARM + control API. */
export async function createEmulator(input: CreateEmulatorOptions = {}): Promise<RunningEmulator> {
  const { seedData, now = Date.now, ...rest } = input;
  const options: EmulatorOptions = { ...defaultOptions, ...rest };
  const seed = seedData ?? (options.seed === 'large' ? largeSeed() : defaultSeed);
  const tls = await ensureTlsMaterial(options.stateDir);
  const keys = await loadSigningKeys(options.stateDir);

  const resetCallbacks: Array<() => void> = [];
  const closeCallbacks: Array<() => void> = [];
  const consentedFromSeed = () => seed.users.filter((u) => u.consented).map((u) => u.oid);
  const ctx: EmulatorContext & { baseUrl: string } = {
    options,
    seed,
    baseUrl: '',
    caPath: tls.caPath,
    keys,
    stats: createStats(),
    faults: createFaults(),
    directory: { consented: new Set(consentedFromSeed()) },
    now,
    onReset: (cb) => void resetCallbacks.push(cb),
    onClose: (cb) => void closeCallbacks.push(cb),
  };
  ctx.onReset(() => {
    Object.assign(ctx.stats, createStats());
    Object.assign(ctx.faults, createFaults());
    delete ctx.faults.entra;
    delete ctx.faults.arm;
    ctx.directory.consented.clear();
    for (const oid of consentedFromSeed()) ctx.directory.consented.add(oid);
  });
  (ctx as { reset?: () => void }).reset = () => resetCallbacks.forEach((cb) => cb());

  const handlers: Record<Area, Handler> = {
    control: createControlHandler(ctx, () => resetCallbacks.forEach((cb) => cb())),
    entra: createEntraHandler(ctx),
    arm: createArmHandler(ctx),
  };

  // The Retail Prices API: public (no token), outside the Entra / ARM areas and their injected faults.
  const prices = createPricesHandler(ctx);

  const server: Server = createServer({ cert: tls.cert, key: tls.key, ca: tls.ca }, (req, res) => {
    dispatch(req, res).catch((error: unknown) => {
      console.error('[emulator] could not answer a request', error);
      res.destroy();
    });
  });

  async function dispatch(
    req: import('node:http').IncomingMessage,
    res: import('node:http').ServerResponse,
  ): Promise<void> {
    const target = requestTarget(req.url ?? '/', ctx.baseUrl);
    if (!target) {
      send(res, badRequestTarget());
      return;
    }
    const { url, rawPath } = target;
    const area = areaOf(rawPath);
    let response: EmuResponse;
    try {
      let bodyPromise: Promise<Buffer> | undefined;
      const emuReq: EmuRequest = {
        method: req.method ?? 'GET',
        url,
        rawPath,
        headers: req.headers,
        body: () => (bodyPromise ??= readBody(req)),
      };
      response = isPricesPath(rawPath)
        ? prices(emuReq)
        : ((await injected(area)) ?? (await handlers[area](emuReq, ctx)) ?? notFound(area, rawPath));
    } catch (error) {
      if (!res.socket || res.socket.destroyed) return; // the client went away mid-request: nobody to answer
      response =
        error instanceof BodyTooLargeError
          ? json(413, { error: { code: 'RequestEntityTooLarge', message: 'The request body is too large.' } })
          : internalError(area);
      if (!(error instanceof BodyTooLargeError)) console.error('[emulator] unhandled error', error);
    }
    try {
      send(res, response);
    } catch (error) {
      // e.g. a header value Node refuses to write: answer 500 rather than leave the request hanging
      console.error('[emulator] could not send a response', error);
      send(res, internalError(area));
    }
  }

  async function injected(area: Area): Promise<EmuResponse | undefined> {
    if (area === 'control') return undefined;
    const latency = ctx.faults.latencyMs[area];
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const fault = ctx.faults[area];
    if (!fault || fault.remaining <= 0) return undefined;
    fault.remaining -= 1;
    return faultResponse(area, fault.status, fault.retryAfterSeconds);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  ctx.baseUrl = `https://${advertisedHost(options.host)}:${port}`;

  return {
    url: ctx.baseUrl,
    ca: tls.ca,
    caPath: tls.caPath,
    context: ctx,
    close: () =>
      new Promise<void>((resolve) => {
        for (const callback of closeCallbacks) callback();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The host clients should use: loopback for the all-interfaces addresses (the certificate names `localhost`,
 * `127.0.0.1` and `::1` only), IPv6 literals in brackets.
 */
export function advertisedHost(host: string): string {
  if (host === '' || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The request target as a URL on this emulator, and its raw path (percent-encoding kept). Origin-form
 * (`/path?query`, any number of leading slashes) and absolute-form targets are accepted; anything else
 * (`*`, garbage) is undefined.
 */
export function requestTarget(target: string, baseUrl: string): { url: URL; rawPath: string } | undefined {
  try {
    if (target.startsWith('/')) return { url: new URL(baseUrl + target), rawPath: target.split('?')[0]! };
    const url = new URL(target);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return { url: new URL(baseUrl + url.pathname + url.search), rawPath: url.pathname };
  } catch {
    return undefined;
  }
}

function badRequestTarget(): EmuResponse {
  return json(400, { error: { code: 'InvalidUri', message: 'The request URI is not valid.' } });
}

function readBody(req: import('node:http').IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new BodyTooLargeError());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: import('node:http').ServerResponse, response: EmuResponse): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = {
    'x-ms-request-id': randomUUID(),
    'x-content-type-options': 'nosniff',
    ...response.headers,
  };
  let body: string | Buffer | undefined;
  if (response.body === undefined) body = undefined;
  else if (typeof response.body === 'string' || Buffer.isBuffer(response.body)) body = response.body;
  else {
    body = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * An injected fault in the area's own error shape. 429 and 503 carry `Retry-After` (default 1 s, set per fault
 * with `retryAfterSeconds`), as the services do when they throttle or are briefly unavailable.
 */
export function faultResponse(area: Area, status: number, retryAfterSeconds = 1): EmuResponse {
  const retry: Record<string, string> =
    status === 429 || status === 503 ? { 'retry-after': String(retryAfterSeconds) } : {};
  if (area === 'arm') {
    const code =
      status === 429
        ? 'TooManyRequests'
        : status === 503
          ? 'ServiceUnavailable'
          : status >= 500
            ? 'InternalServerError'
            : 'InjectedFault';
    return json(status, { error: { code, message: `Injected fault: ARM answered ${status}.` } }, retry);
  }
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return json(
    status,
    {
      error: status >= 500 ? 'temporarily_unavailable' : 'invalid_request',
      error_description: `AADSTS90033: A transient error has occurred. Please try again. Trace ID: ${randomUUID()} Timestamp: ${timestamp}`,
      error_codes: [90033],
      timestamp,
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
    retry,
  );
}

function notFound(area: Area, path: string): EmuResponse {
  if (area === 'arm') {
    return json(404, { error: { code: 'NotFound', message: `The requested path '${path}' was not found.` } });
  }
  return json(404, { error: 'not_found', error_description: 'The requested endpoint does not exist.' });
}

function internalError(area: Area): EmuResponse {
  return area === 'arm'
    ? json(500, { error: { code: 'InternalServerError', message: 'Encountered internal server error.' } })
    : json(500, { error: 'server_error', error_description: 'AADSTS90000: An internal error occurred.' });
}
