import { APP_SCOPE } from '../../contract/scopes.ts';
/**
 * The service's settings, as the rest of the code sees them: typed, validated, with defaults
 * applied. Built from the environment by `loadConfig` (src/config/load.ts) or, in tests, by
 * `localConfig` from the emulator's `/_emulator/config`.
 */

/** How the app proves its identity to Entra ID when it exchanges a user's token (OBO). */
export type ClientCredentialConfig =
  /** `CLIENT_SECRET`. */
  | { readonly kind: 'secret'; readonly clientSecret: string }
  /** `CLIENT_CERTIFICATE_PATH`: a PEM file holding the certificate and its private key. */
  | { readonly kind: 'certificate'; readonly certificatePath: string }
  /**
   * `MANAGED_IDENTITY_CLIENT_ID`: a user-assigned managed identity whose token is the app's client
   * assertion (federated identity credential), so no secret exists anywhere.
   */
  | { readonly kind: 'managedIdentity'; readonly managedIdentityClientId: string };

/** A per-user token bucket. */
export interface RateLimitConfig {
  /** Requests a user can burst. */
  readonly capacity: number;
  /** Tokens refilled per second. */
  readonly refillPerSecond: number;
}

export interface DeadlinesConfig {
  /**
   * `AZURE_REQUEST_TIMEOUT_MS`: longest wait for Azure on a read, or for ARM to accept an action,
   * before answering 503 AzureTimeout with Retry-After. Default 20 000 ms.
   */
  readonly requestMs: number;
  /**
   * `OPERATION_TIMEOUT_MS`: longest background polling of one operation before it is reported
   * Failed (`OperationTimedOut`). Default 30 min.
   */
  readonly operationMs: number;
}

export interface CacheConfig {
  /**
   * Most users whose OBO credential and ARM clients are kept (`CACHE_MAX_USERS`). Default 1000
   * (~27 KB of heap each). Past it the least recently seen user exchanges their token again.
   */
  readonly maxUsers: number;
  /** How long a user's RBAC permissions and subscription list are reused. Default 60 000 ms. */
  readonly permissionsTtlMs: number;
  /** Most (user, scope) permission entries kept. Default 20 000. */
  readonly maxPermissionEntries: number;
}

export interface OperationsConfig {
  /** How long finished operations stay queryable. Default 1 h. */
  readonly retentionMs: number;
  /** Most operations kept (oldest finished ones go first). Default 10 000. */
  readonly maxEntries: number;
  /** Poll interval when ARM gives no `Retry-After`. Default: the SDK's (unset). */
  readonly pollIntervalMs?: number;
  /**
   * `OPERATION_LEASE_MS`: how long an instance's claim to poll an operation lasts without renewal,
   * i.e. how soon another instance takes over from one that died. Default 15 000 ms.
   */
  readonly leaseMs?: number;
}

/** Retry policy of every Azure SDK pipeline (ARM and Entra). Unset fields keep the SDK defaults. */
export interface AzureRetryConfig {
  /** Default 3. */
  readonly maxRetries?: number;
  /** First exponential backoff delay. Default 1000 ms. */
  readonly retryDelayInMs?: number;
  /** Longest backoff delay. Default 64 000 ms. */
  readonly maxRetryDelayInMs?: number;
}

export interface LimitsConfig {
  /** Largest JSON request body. Default 64 KiB. */
  readonly maxBodyBytes: number;
  /** Largest bulk request. Default 50. */
  readonly maxBulkIds: number;
}

export interface BotSettings {
  /** `MicrosoftAppId`. */
  readonly appId?: string;
  /** `MicrosoftAppPassword`. Secret: never logged. */
  readonly appPassword?: string;
  /** `MicrosoftAppType`: MultiTenant | SingleTenant | UserAssignedMSI. */
  readonly appType?: string;
  /** `MicrosoftAppTenantId`. */
  readonly appTenantId?: string;
  /** `BOT_OAUTH_CONNECTION`: the Azure Bot OAuth connection Teams uses for card-action SSO. Default `TeamsSso`. */
  readonly oauthConnection?: string;
}

/** Local mode: everything comes from the emulator; its CA is trusted through `tlsOptions`. */
export interface LocalModeConfig {
  /** `EMULATOR_URL`. */
  readonly emulatorUrl: string;
  /** The emulator's CA certificate (PEM). */
  readonly ca: string;
  /** The Teams client id the emulator puts in `azp`. */
  readonly teamsClientId?: string;
}

/** Shared state (`REDIS_URL`): unset = in memory, one instance. */
export interface StateConfig {
  /** `REDIS_URL`. Secret when it carries a password: never logged. */
  readonly redisUrl: string;
  /** `STATE_ENCRYPTION_KEY`, 32 bytes: seals the users' tokens at rest. Secret. */
  readonly encryptionKey: Buffer;
  /**
   * `REDIS_ENTRA_USERNAME`: authenticate to Azure's Redis with an Entra token of the managed
   * identity (`MANAGED_IDENTITY_CLIENT_ID`), this being its object id.
   */
  readonly entraUsername?: string;
  /** `REDIS_ENTRA_CLIENT_ID` (default `MANAGED_IDENTITY_CLIENT_ID`): the identity whose token is the password. */
  readonly entraClientId?: string;
}

export interface ServiceConfig {
  /** `PORT`. Default 3978; 0 picks a free port. */
  readonly port: number;
  /** `HOST`. Default: all interfaces (Node's default). Tests use 127.0.0.1. */
  readonly host?: string;
  /** `TENANT_ID`: the app registration's home tenant. */
  readonly tenantId: string;
  /** `CLIENT_ID`: the app registration (tab + bot SSO audience). */
  readonly clientId: string;
  readonly credential: ClientCredentialConfig;
  /** `IDENTIFIER_URI`: Application ID URI, `api://{domain}/botid-{botId}`. */
  readonly identifierUri: string;
  /** The delegated scope the tab and bot ask for. Always `access_as_user`. */
  readonly scope: string;
  /** `AUTHORITY_HOST`. Default `https://login.microsoftonline.com`. No trailing slash. */
  readonly authorityHost: string;
  /** `ARM_ENDPOINT`. Default `https://management.azure.com`. No trailing slash. */
  readonly armEndpoint: string;
  /**
   * `RETAIL_PRICES_ENDPOINT`: the Azure Retail Prices API (public, no authentication). Default
   * `https://prices.azure.com`; local mode: the emulator. No trailing slash.
   */
  readonly retailPricesEndpoint: string;
  /** `ALLOWED_TENANTS` (comma list). Default: `[tenantId]`. Tokens from other tenants get 401. */
  readonly allowedTenants: readonly string[];
  /** `ALLOWED_ORIGINS` (comma list). CORS is answered only for these. Default none. */
  readonly allowedOrigins: readonly string[];
  /** `PUBLIC_URL`: where users reach this service. Default `http://localhost:{port}`. */
  readonly publicUrl: string;
  /** `LOG_LEVEL`. Default `info`. */
  readonly logLevel: string;
  /** Set in local mode (`EMULATOR_URL`). */
  readonly local?: LocalModeConfig;
  readonly bot: BotSettings;
  readonly limits: LimitsConfig;
  /** VM actions per user, every front door together: 30 burst, 30 per minute. */
  readonly rateLimit: RateLimitConfig;
  /** Azure reads (listings, one VM) per user: 120 burst, 2 per second — far above the tab's polling. */
  readonly readRateLimit: RateLimitConfig;
  readonly deadlines: DeadlinesConfig;
  /**
   * `ALLOWED_CLIENT_APPS`: client ids (`azp`/`appid`) allowed to call with a user token: the
   * pre-authorized clients of aad.manifest.json and the app itself. Default: those.
   */
  readonly allowedClientApps: readonly string[];
  readonly cache: CacheConfig;
  readonly operations: OperationsConfig;
  /** Azure SDK retries. Default: the SDKs' own policy. */
  readonly azureRetry?: AzureRetryConfig;
  /**
   * `EASY_AUTH=true`: behind App Service authentication. A request without `Authorization` may carry the
   * user's access token in `X-MS-TOKEN-AAD-ACCESS-TOKEN` (validated like a bearer; changes need the CSRF
   * check). Default off: the header is ignored.
   */
  readonly easyAuth?: boolean;
  /** Folder of the built tab served at `/`. Default `tab/dist` (served only if it exists). */
  readonly tabDistPath?: string;
  /** Set with `REDIS_URL`: state shared by every instance and kept across restarts. */
  readonly state?: StateConfig;
  /** This instance, for operation poll leases (`WEBSITE_INSTANCE_ID` on App Service). */
  readonly instanceId?: string;
}

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
export const DEFAULT_RETAIL_PRICES_ENDPOINT = 'https://prices.azure.com';
export const DEFAULT_PORT = 3978;
/** The app's own delegated scope (contract/scopes.ts). */
export const SSO_SCOPE = APP_SCOPE;

export const defaultLimits: LimitsConfig = { maxBodyBytes: 64 * 1024, maxBulkIds: 50 };
export const defaultRateLimit: RateLimitConfig = { capacity: 30, refillPerSecond: 0.5 };
export const defaultReadRateLimit: RateLimitConfig = { capacity: 120, refillPerSecond: 2 };
export const defaultDeadlines: DeadlinesConfig = { requestMs: 20_000, operationMs: 30 * 60_000 };

/**
 * The clients pre-authorized on `access_as_user` in aad.manifest.json (tests/packaging checks the
 * two lists match): Teams desktop/mobile and web, and the Microsoft 365 / Office / Outlook hosts
 * that run Teams tabs. The app's own client id is always allowed too (its own sign-in pages).
 */
export const PREAUTHORIZED_CLIENT_APPS: readonly string[] = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop and mobile
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams web
  '4765445b-32c6-49b0-83e6-1d93765276ca', // Microsoft 365 web
  '0ec893e0-5785-4de6-99da-4ed124e5296c', // Microsoft 365 desktop
  'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft 365 mobile / Outlook desktop
  'bc59ab01-8403-45c6-8796-ac3ef710b3e3', // Outlook web
  '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook mobile
];
export const defaultCache: CacheConfig = {
  maxUsers: 1000,
  permissionsTtlMs: 60_000,
  maxPermissionEntries: 20_000,
};
export const defaultOperations: OperationsConfig = { retentionMs: 60 * 60 * 1000, maxEntries: 10_000 };
