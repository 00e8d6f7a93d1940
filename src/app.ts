import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { unreadableReporter } from './state/unreadable.ts';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import type { Server } from 'restify';
import type { Logger } from 'pino';
import { mountBot as defaultMountBot, type BotConfig, type MountedBot } from '../bot/index.ts';
import { createTokenValidator } from './auth/token-validator.ts';
import { createOboCredentialFactory } from './azure/credentials.ts';
import { createAzureGateway } from './azure/gateway.ts';
import { createUserClientsCache, type UserClientsCache } from './azure/user-clients.ts';
import type { ServiceConfig } from './config/settings.ts';
import type { OboExchanger, TokenValidator, VmService } from './domain/services.ts';
import { createHttpServer } from './http/server.ts';
import { createUsageLimits, withUsageLimits } from './limits/usage-limits.ts';
import { createLogger } from './logging.ts';
import { createCaFetch } from './net/https-fetch.ts';
import { createOperationStore } from './operations/store.ts';
import { createOperationTracker, type OperationTracker } from './operations/tracker.ts';
import { createPermissionResolver } from './vms/permission-resolver.ts';
import { createVmService } from './vms/vm-service.ts';
import { createVmDetailsService } from './vms/details.ts';
import { createNetworkReader } from './azure/network.ts';
import { createOperationResumer } from './vms/resume.ts';
import { createPriceCatalog, type PriceCatalog } from './azure/prices.ts';
import { createScheduleGateway, withScheduleCache } from './azure/schedules.ts';
import { azureLinkPolicy, createAutoShutdownService } from './vms/auto-shutdown.ts';
import { createMemoryStateStore } from './state/memory-store.ts';
import { createSecretBox } from './state/secret-box.ts';
import type { StateStore } from './state/store.ts';

/** Longest wait for requests in flight on close before their connections are cut. */
const DRAIN_MS = 5000;
/** Longest wait on close for aborted operation polls to settle. */
const SETTLE_MS = 2000;

/** Optional collaborators; every one has a production default. */
export interface AppDeps {
  /** Default: a pino logger at `config.logLevel` on stdout. */
  readonly logger?: Logger;
  /** Epoch ms. Default Date.now. */
  readonly now?: () => number;
  /** HTTP client shared by every Azure SDK pipeline. Default: core-rest-pipeline's. */
  readonly httpClient?: HttpClient;
  /**
   * The state store seam (operations, leases, the bot's tokens and pending work, cards, claims,
   * rate limits). Default: in memory. The caller owns it (main.ts opens Redis with `REDIS_URL`).
   */
  readonly state?: StateStore;
  /** The bot seam. Default: bot/index.ts `mountBot`. */
  readonly mountBot?: typeof defaultMountBot;
}

export interface App {
  readonly server: Server;
  readonly config: ServiceConfig;
  readonly logger: Logger;
  readonly tokens: TokenValidator;
  readonly vms: VmService;
  readonly operations: OperationTracker;
  readonly obo: OboExchanger;
  /** Per-user Azure clients (size is a useful gauge). */
  readonly userClients: UserClientsCache;
  /** VM list prices (`lookups` is a useful gauge). */
  readonly prices: PriceCatalog;
  /** Starts listening on `config.port` / `config.host`; resolves to the base URL. */
  listen(): Promise<string>;
  /**
   * Graceful shutdown: stops accepting and drains requests in flight (bounded), closes the bot,
   * aborts background operation polling, and waits (bounded) for operations to settle.
   */
  close(): Promise<void>;
}

/** The bot's settings, from the service configuration. */
export function botConfigOf(config: ServiceConfig): BotConfig {
  return {
    ...config.bot,
    sso: { clientId: config.clientId, identifierUri: config.identifierUri, tenantId: config.tenantId },
    publicUrl: config.publicUrl,
    localMode: config.local !== undefined,
    ...(config.local ? { emulatorUrl: config.local.emulatorUrl, emulatorCa: config.local.ca } : {}),
  };
}

/**
 * The composition root: config → token validation → Azure clients (OBO credential per user
 * assertion, shared HTTP client) → domain services (VMs, operations) → HTTP routes + bot.
 */
export function createApp(config: ServiceConfig, deps: AppDeps = {}): App {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? createLogger({ level: config.logLevel });
  const tlsOptions = config.local ? Object.freeze({ ca: config.local.ca }) : undefined;
  const httpClient = deps.httpClient ?? createDefaultHttpClient();

  const tokens = createTokenValidator({
    jwksUri: `${config.authorityHost}/${config.tenantId}/discovery/v2.0/keys`,
    authorityHost: config.authorityHost,
    allowedTenants: config.allowedTenants,
    audiences: [config.clientId, config.identifierUri],
    requiredScope: config.scope,
    allowedClientApps: config.allowedClientApps,
    ...(config.local ? { fetch: createCaFetch(config.local.ca) } : {}),
    now,
  });

  const userClients = createUserClientsCache({
    createCredential: createOboCredentialFactory({
      clientId: config.clientId,
      credential: config.credential,
      authorityHost: config.authorityHost,
      httpClient,
      ...(tlsOptions ? { tlsOptions } : {}),
      ...(config.azureRetry ? { retryOptions: config.azureRetry } : {}),
    }),
    armEndpoint: config.armEndpoint,
    maxUsers: config.cache.maxUsers,
    startedAt: now(),
    httpClient,
    ...(tlsOptions ? { tlsOptions } : {}),
    ...(config.azureRetry ? { retryOptions: config.azureRetry } : {}),
    now,
  });
  // The app's lifetime: close() aborts it, which stops every background operation poll.
  const lifetime = new AbortController();
  const gateway = createAzureGateway(userClients, {
    armEndpoint: config.armEndpoint,
    signal: lifetime.signal,
  });
  const state = deps.state ?? createMemoryStateStore();
  // Secrets at rest (the users' tokens): sealed with the configured key; in memory, with a key
  // that lives and dies with the process.
  const box = createSecretBox(config.state?.encryptionKey ?? randomBytes(32));
  const poll = {
    ...(config.operations.pollIntervalMs !== undefined
      ? { pollIntervalMs: config.operations.pollIntervalMs }
      : {}),
    timeoutMs: config.deadlines.operationMs,
  };
  const operations = createOperationTracker({
    store: createOperationStore({
      state,
      box,
      retentionMs: config.operations.retentionMs,
      operationTimeoutMs: config.deadlines.operationMs,
      onUnreadable: unreadableReporter(logger, 'operation'),
      now,
    }),
    ...(config.instanceId ? { instanceId: config.instanceId } : {}),
    durable: state.kind === 'redis',
    ...(config.operations.leaseMs !== undefined
      ? {
          leaseMs: config.operations.leaseMs,
          sweepMs: Math.max(100, Math.floor(config.operations.leaseMs / 5)),
        }
      : {}),
    resume: createOperationResumer(gateway, poll),
    logger,
    now,
  });
  // The only VmService the edges get: behind the per-user budgets shared by every front door.
  const limits = createUsageLimits({ state, reads: config.readRateLimit, actions: config.rateLimit, now });
  const caFetch = config.local ? createCaFetch(config.local.ca) : undefined;
  // List prices: public Retail Prices API, cached per instance for every user.
  const prices = createPriceCatalog({
    endpoint: config.retailPricesEndpoint,
    ...(caFetch ? { fetch: caFetch } : {}),
    logger,
    now,
  });
  const schedules = withScheduleCache(createScheduleGateway(userClients), {
    ttlMs: config.cache.permissionsTtlMs,
    maxEntries: config.cache.maxPermissionEntries,
    now,
  });
  const vms = withUsageLimits(
    createVmService({
      gateway,
      permissions: createPermissionResolver({
        gateway,
        ttlMs: config.cache.permissionsTtlMs,
        maxEntries: config.cache.maxPermissionEntries,
        logger,
        now,
      }),
      operations,
      prices,
      schedules,
      subscriptionsTtlMs: config.cache.permissionsTtlMs,
      maxUsers: config.cache.maxUsers,
      maxBulkIds: config.limits.maxBulkIds,
      requestDeadlineMs: config.deadlines.requestMs,
      operationTimeoutMs: config.deadlines.operationMs,
      ...(config.operations.pollIntervalMs !== undefined
        ? { pollIntervalMs: config.operations.pollIntervalMs }
        : {}),
      logger,
      now,
    }),
    limits,
  );
  const obo: OboExchanger = { ensureExchangeable: (user) => gateway.ensureToken(user) };
  // VM auto-shutdown as the user; Azure's notifications come back to the service and become the bot's card.
  const emulatorOrigin = config.local ? new URL(config.local.emulatorUrl).origin : undefined;
  const autoShutdown = createAutoShutdownService({
    vms,
    schedules,
    limits,
    state,
    publicUrl: config.publicUrl,
    isTrustedLink: emulatorOrigin ? (url) => url.origin === emulatorOrigin : azureLinkPolicy,
    ...(caFetch ? { fetch: caFetch } : {}),
    logger,
    now,
  });

  // The details panel: the VM through the (budgeted) VM service, its network as the user.
  const details = createVmDetailsService({
    vms,
    network: createNetworkReader(userClients),
    requestDeadlineMs: config.deadlines.requestMs,
    logger,
  });
  const { server } = createHttpServer({
    config,
    details,
    autoShutdown,
    tokens,
    vms,
    operations,
    logger,
    now,
  });
  const bot: MountedBot = (deps.mountBot ?? defaultMountBot)(server, {
    vms,
    operations,
    tokens,
    obo,
    autoShutdown,
    // The same details service as the tab's panel: the VM card's Connect.
    details,
    config: botConfigOf(config),
    logger: logger.child({ component: 'bot' }),
    state,
    box,
  });

  let closed = false;
  return {
    server,
    config,
    logger,
    tokens,
    vms,
    operations,
    obo,
    userClients,
    prices,
    listen: () =>
      new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        const onListening = () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}`);
        };
        operations.start();
        if (config.host) server.listen(config.port, config.host, onListening);
        else server.listen(config.port, onListening);
      }),
    async close() {
      if (closed) return;
      closed = true;
      // 1. Stop accepting; let requests in flight finish (bounded), then cut what is left.
      await new Promise<void>((resolve) => {
        if (!server.server.listening) {
          resolve();
          return;
        }
        server.close(() => resolve());
        server.server.closeIdleConnections();
        setTimeout(() => server.server.closeAllConnections(), DRAIN_MS).unref();
      });
      // 2. The bot: no new turns can arrive now; it stops tracking cards and finishes its work.
      await bot.close();
      // 3. Hand this instance's polls over (shared store) or let them end (memory), stop polling
      //    Azure, and wait (bounded) for the operations to settle.
      await operations.close();
      lifetime.abort();
      await Promise.race([operations.settled(), new Promise((r) => setTimeout(r, SETTLE_MS).unref())]);
    },
  };
}
