import { request } from 'node:https';
import { createEmulator, type CreateEmulatorOptions, type RunningEmulator } from '../../emulator/server.ts';
import { TEST_STATE_DIR } from './paths.ts';

export interface TestEmulator extends RunningEmulator {
  /** HTTPS call to the emulator trusting its CA. Body objects are sent as JSON. */
  call(path: string, init?: CallInit): Promise<CallResult>;
  /** An SSO token as Teams would hand the app, for a seeded user key (`alice`, …). */
  ssoToken(user: string, extra?: Record<string, unknown>): Promise<string>;
  /** `{ ca }` for SDK clients' `tlsOptions`. */
  readonly tlsOptions: { ca: string };
}

export interface CallInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Form body (application/x-www-form-urlencoded). */
  readonly form?: Record<string, string>;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Starts an in-process emulator on a free port with fast timings suitable for tests. */
export async function startTestEmulator(options: CreateEmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await createEmulator({
    port: 0,
    stateDir: TEST_STATE_DIR,
    transitionMs: 300,
    lroRetryAfterSeconds: 0,
    ...options,
  });
  const call = (path: string, init: CallInit = {}) => httpsCall(emulator.url + path, emulator.ca, init);
  return {
    ...emulator,
    tlsOptions: { ca: emulator.ca },
    call,
    ssoToken: async (user, extra = {}) => {
      const res = await call('/_emulator/token', { method: 'POST', body: { user, ...extra } });
      if (res.status !== 200) throw new Error(`token for ${user}: ${res.status} ${res.text}`);
      return res.json<{ access_token: string }>().access_token;
    },
  };
}

export function httpsCall(url: string, ca: string, init: CallInit = {}): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...init.headers };
    let payload: string | undefined;
    if (init.form) {
      payload = new URLSearchParams(init.form).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (init.body !== undefined) {
      payload = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const req = request(url, { method: init.method ?? 'GET', headers, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: () => JSON.parse(text),
        });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
