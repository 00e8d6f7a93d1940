import { ManagedIdentityCredential } from '@azure/identity';
import type { Logger } from 'pino';
import type { ServiceConfig } from '../config/settings.ts';
import { createMemoryStateStore } from './memory-store.ts';
import { createRedisStateStore } from './redis-store.ts';
import type { StateStore } from './store.ts';

/** Entra's audience for Azure Cache for Redis and Azure Managed Redis. */
const REDIS_ENTRA_SCOPE = 'https://redis.azure.com/.default';

/**
 * The store the configuration asks for: Redis with `REDIS_URL` (connected before the service
 * starts: unreachable means refuse to start), memory otherwise. With `REDIS_ENTRA_USERNAME` the
 * password is an Entra token of the app's managed identity, fetched on every (re)connect and again
 * before it expires (the open connection authenticates anew).
 */
export async function openStateStore(config: ServiceConfig, logger?: Logger): Promise<StateStore> {
  if (!config.state) return createMemoryStateStore();
  const { entraUsername, entraClientId } = config.state;
  const identity =
    entraUsername && entraClientId ? new ManagedIdentityCredential({ clientId: entraClientId }) : undefined;
  return createRedisStateStore({
    url: config.state.redisUrl,
    ...(identity && entraUsername
      ? {
          credentials: async () => {
            const token = await identity.getToken(REDIS_ENTRA_SCOPE);
            return { username: entraUsername, password: token.token, expiresAt: token.expiresOnTimestamp };
          },
        }
      : {}),
    ...(logger ? { logger: logger.child({ component: 'state' }) } : {}),
  });
}
