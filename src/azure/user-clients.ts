import { sha256Id } from '../util/sha256.ts';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ComputeManagementClient } from '@azure/arm-compute';
import type { DevTestLabsClient } from '@azure/arm-devtestlabs';
import type { NetworkManagementClient } from '@azure/arm-network';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { LRUCache } from 'lru-cache';
import { ARM_TOKEN_SCOPE } from '../../contract/scopes.ts';
import type { AzureRetryConfig } from '../config/settings.ts';
import type { SignedInUser } from '../domain/user.ts';
import { coalesceTokenRequests } from './coalescing-credential.ts';
import { retryWhilePropagating } from './propagation-retry.ts';
import type { OboCredentialFactory } from './credentials.ts';

/** The Azure SDK clients of one signed-in user, all sharing that user's OBO credential. */
export interface UserClients {
  readonly credential: TokenCredential;
  /**
   * A new SubscriptionClient on each call, not kept: the subscription list is read at most once
   * per user per subscriptions TTL (src/vms caches it), so keeping its pipeline in every cached
   * entry (~13 KB) would cost memory for nothing. The token comes from the credential's cache.
   */
  subscriptions(): SubscriptionClient;
  compute(subscriptionId: string): ComputeManagementClient;
  authorization(subscriptionId: string): AuthorizationManagementClient;
  /**
   * A new NetworkManagementClient on each call, not kept: only the details panel reads network resources, and the
   * client is large (~120 KB; the SDK itself ~240 ms to load, so it is loaded on first use, not at start).
   */
  network(subscriptionId: string): Promise<NetworkManagementClient>;
  /**
   * Kept per subscription like compute (VM auto-shutdown schedules: read with every listing miss and VM read). A
   * client is ~14 KB: with 1,000 cached users that is the ~2 MB more retained heap the 10,000-user bench shows. The
   * SDK is loaded on first use.
   */
  devTestLabs(subscriptionId: string): Promise<DevTestLabsClient>;
}

let networkModule: Promise<typeof import('@azure/arm-network')> | undefined;
/** @azure/arm-network, loaded once, when first needed. */
function loadNetworkSdk(): Promise<typeof import('@azure/arm-network')> {
  networkModule ??= import('@azure/arm-network');
  return networkModule;
}

let devTestLabsModule: Promise<typeof import('@azure/arm-devtestlabs')> | undefined;
/** @azure/arm-devtestlabs, loaded once, when first needed. */
function loadDevTestLabsSdk(): Promise<typeof import('@azure/arm-devtestlabs')> {
  devTestLabsModule ??= import('@azure/arm-devtestlabs');
  return devTestLabsModule;
}

export interface UserClientsCacheOptions {
  readonly createCredential: OboCredentialFactory;
  /** ARM endpoint, e.g. `https://management.azure.com` or the emulator URL. */
  readonly armEndpoint: string;
  /** Most users kept. Older entries are dropped (their next request exchanges again). */
  readonly maxUsers: number;
  /**
   * Most subscriptions whose clients are kept per user (least recently used rebuilt on demand).
   * Callers only ask for subscriptions the user can see; this bounds it anyway. Default 50.
   */
  readonly maxSubscriptionsPerUser?: number;
  readonly httpClient?: HttpClient;
  readonly tlsOptions?: { readonly ca: string };
  /** Retry policy for ARM requests. Default: the SDK's. */
  readonly retryOptions?: AzureRetryConfig;
  /** Epoch ms. Default Date.now. */
  readonly now?: () => number;
  /** When the service started: AADSTS70021/700213 are retried for a while after it (propagation). */
  readonly startedAt?: number;
}

export interface UserClientsCache {
  /** The user's clients: reused while the same assertion (SSO token) lives, so Entra sees one OBO per token. */
  forUser(user: SignedInUser): UserClients;
  readonly size: number;
  clear(): void;
}

/**
 * One client per subscription for one user, made on first use and kept in a small LRU (`max` subscriptions): the
 * ids are lower-cased (ARM compares them case-insensitively).
 */
function perSubscription<T extends object>(max: number, create: (subscriptionId: string) => T) {
  const clients = new LRUCache<string, T>({ max });
  return (subscriptionId: string): T => {
    const id = subscriptionId.toLowerCase();
    let client = clients.get(id);
    if (!client) {
      client = create(id);
      clients.set(id, client);
    }
    return client;
  };
}

/** sha256 of the assertion: the cache key (the token itself is never kept as a key). */
export function assertionKey(assertion: string): string {
  return sha256Id(assertion);
}

/**
 * A bounded LRU of per-user SDK clients keyed by a hash of the user's assertion, each entry living
 * until the assertion expires. Every client shares one HTTP client (one connection pool) and the
 * same `tlsOptions` object (one TLS agent).
 */
export function createUserClientsCache(options: UserClientsCacheOptions): UserClientsCache {
  const now = options.now ?? Date.now;
  const cache = new LRUCache<string, UserClients>({
    max: options.maxUsers,
    ttlAutopurge: false,
    perf: { now },
  });
  const pipelineOptions = {
    endpoint: options.armEndpoint,
    ...(options.httpClient ? { httpClient: options.httpClient } : {}),
    ...(options.tlsOptions ? { tlsOptions: options.tlsOptions } : {}),
    ...(options.retryOptions ? { retryOptions: options.retryOptions } : {}),
  };

  function build(user: SignedInUser): UserClients {
    const credential = coalesceTokenRequests(
      retryWhilePropagating(options.createCredential(user.assertion, user.tid), {
        startedAt: options.startedAt ?? now(),
        now,
      }),
    );
    const max = options.maxSubscriptionsPerUser ?? 50;
    return {
      credential,
      subscriptions: () =>
        new SubscriptionClient(credential, {
          ...pipelineOptions,
          credentials: { scopes: [ARM_TOKEN_SCOPE] },
        }),
      compute: perSubscription(
        max,
        (subscriptionId) =>
          new ComputeManagementClient(credential, subscriptionId, {
            ...pipelineOptions,
            credentials: { scopes: [ARM_TOKEN_SCOPE] },
          }),
      ),
      network: async (subscriptionId) => {
        const { NetworkManagementClient } = await loadNetworkSdk();
        return new NetworkManagementClient(credential, subscriptionId.toLowerCase(), {
          ...pipelineOptions,
          credentials: { scopes: [ARM_TOKEN_SCOPE] },
        });
      },
      devTestLabs: perSubscription(max, async (subscriptionId) => {
        const { DevTestLabsClient } = await loadDevTestLabsSdk();
        // This SDK builds its URLs from `$host`, not `endpoint`.
        return new DevTestLabsClient(credential, subscriptionId, {
          ...pipelineOptions,
          $host: options.armEndpoint,
          credentialScopes: ARM_TOKEN_SCOPE,
        });
      }),
      authorization: perSubscription(
        max,
        (subscriptionId) =>
          new AuthorizationManagementClient(credential, subscriptionId, {
            ...pipelineOptions,
            credentialScopes: ARM_TOKEN_SCOPE,
          }),
      ),
    };
  }

  return {
    forUser(user) {
      const key = assertionKey(user.assertion);
      const cached = cache.get(key);
      if (cached) return cached;
      const clients = build(user);
      cache.set(key, clients, { ttl: Math.max(1000, user.expiresAt - now()) });
      return clients;
    },
    get size() {
      return cache.size;
    },
    clear: () => cache.clear(),
  };
}
