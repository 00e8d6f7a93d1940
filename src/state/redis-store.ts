import { createClient } from 'redis';
import type { Logger } from 'pino';
import { AppError } from '../domain/errors.ts';
import { retryAfterFor, type BucketDecision, type StateStore } from './store.ts';

export interface RedisStateStoreOptions {
  /** `redis://` or `rediss://` (TLS), with user and password in the URL when the server needs them. */
  readonly url: string;
  /**
   * Credentials asked for on every (re)connect, e.g. an Entra token for Azure Cache for Redis /
   * Azure Managed Redis (username = the identity's object id, password = the token).
   */
  readonly credentials?: () => Promise<RedisCredentials>;
  /**
   * How long before `expiresAt` of the credentials the connection authenticates again with fresh ones (Azure closes
   * connections whose Entra token has expired). Default 5 minutes.
   */
  readonly reauthenticateBeforeMs?: number;
  /** Longest wait for one command before StateStoreUnavailable. Default 5000 ms (a busy event loop delays replies). */
  readonly commandTimeoutMs?: number;
  /** The CA to trust for `rediss://` (tests). Default: the system's. */
  readonly ca?: string;
  readonly logger?: Logger;
}

export interface RedisCredentials {
  readonly username: string;
  readonly password: string;
  /** When the password (an Entra token) expires, epoch ms: the open connection re-authenticates before then. */
  readonly expiresAt?: number;
}

/** Replaces only while the value still equals ARGV[1] (lease renewal). */
const REPLACE_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0`;
/** Deletes only while the value still equals ARGV[1] (lease release). */
const DELETE_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/**
 * Token bucket: hash {t: tokens, u: updated ms}; ARGV = capacity, refill/s, cost, now ms. Returns
 * -1 when allowed, else the missing tokens ×1000 (integer reply). The key expires once full again.
 */
const TAKE_TOKENS = `
local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local cost = math.min(tonumber(ARGV[3]), capacity)
local now = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 't', 'u')
local tokens = tonumber(state[1]) or capacity
local updated = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - updated) / 1000 * refill)
local allowed = tokens >= cost
if allowed then tokens = tokens - cost end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'u', tostring(now))
local ttl = 1000
if refill > 0 then ttl = math.ceil((capacity - tokens) / refill * 1000) + 1000 else ttl = 3600000 end
redis.call('PEXPIRE', KEYS[1], ttl)
if allowed then return -1 end
return math.ceil((cost - tokens) * 1000)
`;

function unavailable(cause: unknown): AppError {
  return new AppError(
    'StateStoreUnavailable',
    'The shared state store (Redis) is unavailable; try again shortly.',
    {
      cause,
      retryAfter: 5,
    },
  );
}

/**
 * The shared store on Redis (`redis`, node-redis): commands fail fast while disconnected (no offline
 * queue, a per-command timeout) so requests get 503 StateStoreUnavailable instead of hanging; the
 * client reconnects with backoff and the service recovers on its own.
 */
export async function createRedisStateStore(options: RedisStateStoreOptions): Promise<StateStore> {
  const timeout = options.commandTimeoutMs ?? 5000;
  const url = new URL(options.url);
  let everConnected = false;
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    commandOptions: { timeout },
    socket: {
      connectTimeout: 5000,
      // Reconnect with backoff once we have been connected; at start, fail (the service refuses to start).
      reconnectStrategy: (retries: number) => (everConnected ? Math.min(100 * 2 ** retries, 5000) : false),
      ...(url.protocol === 'rediss:'
        ? { tls: true as const, ...(options.ca ? { ca: options.ca } : {}) }
        : {}),
    },
    ...(options.credentials
      ? {
          credentialsProvider: {
            type: 'async-credentials-provider' as const,
            credentials: async () => {
              const credentials = await options.credentials!();
              scheduleReauth(credentials.expiresAt);
              return { username: credentials.username, password: credentials.password };
            },
          },
        }
      : {}),
  });
  let lastError = '';
  client.on('error', (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // Logged once per distinct failure, not once per reconnect attempt.
    if (message !== lastError) options.logger?.warn({ err: error }, 'state.redis.error');
    lastError = message;
  });
  client.on('ready', () => {
    if (lastError) options.logger?.info('state.redis.reconnected');
    lastError = '';
  });
  // Entra tokens expire (about an hour): the open connection authenticates again with a fresh one before then,
  // and a reconnect asks for credentials anew (credentialsProvider).
  let reauth: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const lead = options.reauthenticateBeforeMs ?? 5 * 60_000;
  const scheduleReauth = (expiresAt: number | undefined) => {
    clearTimeout(reauth);
    if (expiresAt === undefined || closed || !options.credentials) return;
    const fetchCredentials = options.credentials;
    reauth = setTimeout(
      () => {
        void (async () => {
          const fresh = await fetchCredentials();
          await client.sendCommand(['AUTH', fresh.username, fresh.password]);
          options.logger?.debug('state.redis.reauthenticated');
          scheduleReauth(fresh.expiresAt);
        })().catch((error: unknown) => {
          options.logger?.warn({ err: error }, 'state.redis.reauthentication_failed');
          // Try again shortly; a connection closed meanwhile reconnects with fresh credentials anyway.
          if (!closed) scheduleReauth(Date.now() + lead + 30_000);
        });
      },
      Math.max(1000, expiresAt - lead - Date.now()),
    );
    reauth.unref();
  };
  // Bounded, whatever the client does: at start an unreachable Redis is a clear refusal, not a hang.
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from ${url.host} within 10 s`)), 10_000);
      }),
    ]);
  } catch (error) {
    client.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  everConnected = true;

  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw unavailable(error);
    }
  };
  const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);

  return {
    kind: 'redis',
    get: (key) => run(async () => asString(await client.get(key))),
    set: (key, value, ttlMs) =>
      run(async () => {
        await client.set(key, value, { expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) } });
      }),
    setIfAbsent: (key, value, ttlMs) =>
      run(async () => {
        const reply = await client.set(key, value, {
          condition: 'NX',
          expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) },
        });
        return reply === 'OK';
      }),
    replaceIf: (key, expected, value, ttlMs) =>
      run(async () => {
        const reply = await client.eval(REPLACE_IF, {
          keys: [key],
          arguments: [expected, value, String(Math.max(1, Math.ceil(ttlMs)))],
        });
        return reply === 1;
      }),
    deleteIf: (key, expected) =>
      run(async () => (await client.eval(DELETE_IF, { keys: [key], arguments: [expected] })) === 1),
    delete: (key) =>
      run(async () => {
        await client.del(key);
      }),
    take: (key) => run(async () => asString(await client.getDel(key))),
    addMember: (key, member, ttlMs) =>
      run(async () => {
        await client
          .multi()
          .sAdd(key, member)
          .pExpire(key, Math.max(1, Math.ceil(ttlMs)))
          .exec();
      }),
    removeMember: (key, member) =>
      run(async () => {
        await client.sRem(key, member);
      }),
    members: (key) => run(async () => (await client.sMembers(key)).map(String)),
    takeTokens: (key, bucket, cost, nowMs): Promise<BucketDecision> =>
      run(async () => {
        const reply = Number(
          await client.eval(TAKE_TOKENS, {
            keys: [key],
            arguments: [
              String(bucket.capacity),
              String(bucket.refillPerSecond),
              String(cost),
              String(Math.round(nowMs)),
            ],
          }),
        );
        if (reply < 0) return { allowed: true };
        return { allowed: false, retryAfterSeconds: retryAfterFor(reply / 1000, bucket.refillPerSecond) };
      }),
    async close() {
      closed = true;
      clearTimeout(reauth);
      try {
        await client.close();
      } catch {
        client.destroy();
      }
    },
  };
}
