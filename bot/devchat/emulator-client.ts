import { request } from 'node:https';
import { z } from 'zod';

export interface EmulatorClientOptions {
  readonly emulatorUrl: string;
  /** The emulator's CA (PEM). Without it, Node's trust store (and NODE_EXTRA_CA_CERTS) applies. */
  readonly ca?: string;
  /** Per-call timeout. Default 10 s. */
  readonly timeoutMs?: number;
}

const configSchema = z
  .object({
    tenantId: z.string(),
    app: z.object({ clientId: z.string() }).passthrough(),
    users: z
      .array(z.object({ key: z.string(), name: z.string(), upn: z.string(), oid: z.string() }))
      .default([]),
    teamsClientId: z.string().optional(),
  })
  .passthrough();

export type DevChatEmulatorConfig = z.output<typeof configSchema>;

export class EmulatorCallError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'EmulatorCallError';
    this.status = status;
  }
}

/** The few control-API calls the dev chat makes, over HTTPS trusting the emulator's CA. */
export function createEmulatorClient(options: EmulatorClientOptions) {
  const base = options.emulatorUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;

  function call(path: string, body?: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        `${base}${path}`,
        {
          method: payload === undefined ? 'GET' : 'POST',
          headers: payload === undefined ? {} : { 'content-type': 'application/json' },
          ...(options.ca ? { ca: options.ca } : {}),
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            const status = res.statusCode ?? 500;
            if (status >= 400) {
              const message = (json as { error?: { message?: unknown } } | undefined)?.error?.message;
              reject(
                new EmulatorCallError(
                  status,
                  typeof message === 'string' ? message : `Emulator answered ${status}.`,
                ),
              );
            } else {
              resolve(json);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(new EmulatorCallError(504, 'The emulator did not answer in time.')),
      );
      req.on('error', (error) =>
        reject(
          error instanceof EmulatorCallError
            ? error
            : new EmulatorCallError(502, 'The emulator is not reachable.'),
        ),
      );
      req.end(payload);
    });
  }

  return {
    async config(): Promise<DevChatEmulatorConfig> {
      return configSchema.parse(await call('/_emulator/config'));
    },
    /** An SSO token for a seeded user, as Teams would get it. */
    async ssoToken(user: string): Promise<string> {
      const result = z.object({ access_token: z.string() }).parse(await call('/_emulator/token', { user }));
      return result.access_token;
    },
    async consent(user: string): Promise<void> {
      await call('/_emulator/consent', { user, consented: true });
    },
  };
}

export type EmulatorClient = ReturnType<typeof createEmulatorClient>;
