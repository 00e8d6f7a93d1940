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

export interface RateLimitConfig {
  /** Mutating calls a user can burst. Default 30. */
  readonly capacity: number;
  /** Tokens refilled per second. Default 0.5 (30 per minute). */
  readonly refillPerSecond: number;
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
  readonly rateLimit: RateLimitConfig;
  readonly cache: CacheConfig;
  readonly operations: OperationsConfig;
  /** Azure SDK retries. Default: the SDKs' own policy. */
  readonly azureRetry?: AzureRetryConfig;
  /** Folder of the built tab served at `/`. Default `tab/dist` (served only if it exists). */
  readonly tabDistPath?: string;
}

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
export const DEFAULT_PORT = 3978;
export const SSO_SCOPE = 'access_as_user';

export const defaultLimits: LimitsConfig = { maxBodyBytes: 64 * 1024, maxBulkIds: 50 };
export const defaultRateLimit: RateLimitConfig = { capacity: 30, refillPerSecond: 0.5 };
export const defaultCache: CacheConfig = {
  maxUsers: 1000,
  permissionsTtlMs: 60_000,
  maxPermissionEntries: 20_000,
};
export const defaultOperations: OperationsConfig = { retentionMs: 60 * 60 * 1000, maxEntries: 10_000 };
