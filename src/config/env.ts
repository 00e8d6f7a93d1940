import { z } from 'zod';
import { ConfigError } from './errors.ts';

/**
 * The environment variables the service reads, validated. Every field is optional at this stage:
 * which ones are required depends on the mode (local mode takes identity settings from the
 * emulator), checked in `configFromEnv`.
 */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
/** Tenant ids must be GUIDs: token issuers carry the GUID, never the domain. */
const tenant = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be tenant GUIDs');

const httpsUrl = z
  .string()
  .refine((v) => URL.canParse(v) && new URL(v).protocol === 'https:', 'must be an https URL')
  .transform((v) => v.replace(/\/+$/, ''));
const httpUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http(s) URL')
  .transform((v) => v.replace(/\/+$/, ''));
const origin = z
  .string()
  .refine(
    (v) => URL.canParse(v) && new URL(v).origin === v.replace(/\/+$/, ''),
    'must be origins like https://example.com',
  )
  .transform((v) => v.replace(/\/+$/, ''));

const list = <T extends z.ZodType<string, string>>(item: T) =>
  optionalText.pipe(
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(item))
      .optional(),
  );

/** `{burst}/{per minute}`: a token bucket holding `burst`, refilled at `per minute` / 60 per second. */
const rateLimit = z
  .string()
  .regex(/^[1-9]\d{0,6}\/\d{1,7}$/, 'must be {burst}/{per minute}, e.g. 120/120')
  .transform((v) => {
    const [burst, perMinute] = v.split('/').map(Number) as [number, number];
    return { capacity: burst, refillPerSecond: perMinute / 60 };
  });

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const envSchema = z.object({
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a port number')
      .transform(Number)
      .pipe(z.number().max(65535, 'must be a port number'))
      .optional(),
  ),
  HOST: optionalText,
  TENANT_ID: optionalText.pipe(tenant.optional()),
  CLIENT_ID: optionalText.pipe(guid.optional()),
  CLIENT_SECRET: optionalText,
  CLIENT_CERTIFICATE_PATH: optionalText,
  MANAGED_IDENTITY_CLIENT_ID: optionalText.pipe(guid.optional()),
  IDENTIFIER_URI: optionalText.pipe(
    z
      .string()
      .refine((v) => URL.canParse(v), 'must be a URI such as api://example.com/botid-{id}')
      .optional(),
  ),
  AUTHORITY_HOST: optionalText.pipe(httpsUrl.optional()),
  ARM_ENDPOINT: optionalText.pipe(httpsUrl.optional()),
  /** The Azure Retail Prices API (VM list prices). Default `https://prices.azure.com`; local mode: the emulator. */
  RETAIL_PRICES_ENDPOINT: optionalText.pipe(httpsUrl.optional()),
  ALLOWED_TENANTS: list(tenant),
  ALLOWED_ORIGINS: list(origin),
  PUBLIC_URL: optionalText.pipe(httpUrl.optional()),
  LOG_LEVEL: optionalText.pipe(
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  ),
  EMULATOR_URL: optionalText.pipe(httpsUrl.optional()),
  /** Where to find the emulator's CA before its config is known. Default `.emulator/ca.pem`. */
  EMULATOR_CA_PATH: optionalText,
  TAB_DIST_PATH: optionalText,
  /**
   * `true`: the service runs behind App Service authentication (Easy Auth) and accepts the user's access
   * token from the token store's `X-MS-TOKEN-AAD-ACCESS-TOKEN` header (validated like a bearer token).
   */
  EASY_AUTH: optionalText.pipe(
    z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .transform((v) => v === 'true')
      .optional(),
  ),
  /** Most users whose OBO credential and ARM clients are kept (see CacheConfig.maxUsers). */
  CACHE_MAX_USERS: optionalText.pipe(
    z
      .string()
      .regex(/^[1-9]\d{0,6}$/, 'must be a positive integer')
      .transform(Number)
      .optional(),
  ),
  /** Longest wait for Azure per request (reads, accepting an action), ms. */
  AZURE_REQUEST_TIMEOUT_MS: optionalText.pipe(
    z
      .string()
      .regex(/^[1-9]\d{2,6}$/, 'must be a number of milliseconds between 100 and 9999999')
      .transform(Number)
      .optional(),
  ),
  /** Longest background polling of one operation, ms. */
  OPERATION_TIMEOUT_MS: optionalText.pipe(
    z
      .string()
      .regex(/^[1-9]\d{3,8}$/, 'must be a number of milliseconds between 1000 and 999999999')
      .transform(Number)
      .optional(),
  ),
  /** Per-user budgets, `{burst}/{per minute}` (e.g. `120/120`). */
  RATE_LIMIT_READS: optionalText.pipe(rateLimit.optional()),
  RATE_LIMIT_ACTIONS: optionalText.pipe(rateLimit.optional()),
  /** Shared state (Redis): `redis://` or `rediss://`, with user and password in the URL if needed. */
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .refine(
        (v) => URL.canParse(v) && /^rediss?:$/.test(new URL(v).protocol),
        'must be a redis:// or rediss:// URL',
      )
      .optional(),
  ),
  /** Entra authentication to Azure Cache for Redis / Azure Managed Redis: the identity's object id (username). */
  REDIS_ENTRA_USERNAME: optionalText,
  /** The managed identity whose Entra token authenticates to Redis. Default: MANAGED_IDENTITY_CLIENT_ID. */
  REDIS_ENTRA_CLIENT_ID: optionalText.pipe(guid.optional()),
  /** 32 bytes (base64 or hex) sealing secrets in the shared store. Required with REDIS_URL. */
  STATE_ENCRYPTION_KEY: optionalText,
  /** This instance's id for operation leases. Default: App Service's WEBSITE_INSTANCE_ID, else random. */
  WEBSITE_INSTANCE_ID: optionalText,
  /** How soon another instance takes over the polls of one that died, ms. */
  OPERATION_LEASE_MS: optionalText.pipe(
    z
      .string()
      .regex(/^[1-9]\d{2,6}$/, 'must be a number of milliseconds between 100 and 9999999')
      .transform(Number)
      .optional(),
  ),
  /** Client ids allowed to call with a user token (`azp`/`appid`). */
  ALLOWED_CLIENT_APPS: list(guid),
  /** The Azure Bot OAuth connection named on every loginRequest and OAuthCard. Default `TeamsSso`. */
  BOT_OAUTH_CONNECTION: optionalText.pipe(
    z
      .string()
      .regex(/^[\w .-]{1,100}$/, 'must be an OAuth connection name (letters, digits, space, . _ -)')
      .optional(),
  ),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText.pipe(
    z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        error: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
      })
      .optional(),
  ),
  MicrosoftAppTenantId: optionalText,
});

export type ServiceEnv = z.output<typeof envSchema>;

/** Validates the environment. Throws ConfigError naming each bad setting (values are never echoed). */
export function parseEnv(env: Readonly<Record<string, string | undefined>>): ServiceEnv {
  const result = envSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    setting: String(issue.path[0] ?? 'environment'),
    problem: issue.message,
  }));
  throw new ConfigError(problems);
}
