import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { EmulatorConfig } from './emulator-config.ts';
import type { ServiceEnv } from './env.ts';
import { ConfigError } from './errors.ts';
import {
  DEFAULT_ARM_ENDPOINT,
  DEFAULT_RETAIL_PRICES_ENDPOINT,
  DEFAULT_AUTHORITY_HOST,
  DEFAULT_PORT,
  SSO_SCOPE,
  defaultCache,
  defaultLimits,
  defaultOperations,
  defaultDeadlines,
  defaultRateLimit,
  defaultReadRateLimit,
  PREAUTHORIZED_CLIENT_APPS,
  type ClientCredentialConfig,
  type ServiceConfig,
  type StateConfig,
} from './settings.ts';
import { parseEncryptionKey } from '../state/secret-box.ts';

/** What local mode needs besides the environment: the emulator's config document and CA. */
export interface EmulatorSource {
  readonly url: string;
  readonly config: EmulatorConfig;
  readonly ca: string;
}

const trimSlash = (v: string) => v.replace(/\/+$/, '');

/** Where local mode listens by default: loopback only. */
export const LOCAL_MODE_HOST = '127.0.0.1';

/**
 * Builds the service configuration from a validated environment. In local mode (`emulator` given)
 * the identity settings and endpoints come from the emulator and the matching env vars are
 * ignored; everything else still comes from the environment.
 */
export function configFromEnv(env: ServiceEnv, emulator?: EmulatorSource): ServiceConfig {
  const port = env.PORT ?? DEFAULT_PORT;
  const common = {
    port,
    ...(env.HOST ? { host: env.HOST } : {}),
    allowedOrigins: env.ALLOWED_ORIGINS ?? [],
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    logLevel: env.LOG_LEVEL ?? 'info',
    bot: {
      ...(env.MicrosoftAppId ? { appId: env.MicrosoftAppId } : {}),
      ...(env.MicrosoftAppPassword ? { appPassword: env.MicrosoftAppPassword } : {}),
      ...(env.MicrosoftAppType ? { appType: env.MicrosoftAppType } : {}),
      ...(env.MicrosoftAppTenantId ? { appTenantId: env.MicrosoftAppTenantId } : {}),
      ...(env.BOT_OAUTH_CONNECTION ? { oauthConnection: env.BOT_OAUTH_CONNECTION } : {}),
    },
    limits: defaultLimits,
    rateLimit: env.RATE_LIMIT_ACTIONS ?? defaultRateLimit,
    readRateLimit: env.RATE_LIMIT_READS ?? defaultReadRateLimit,
    deadlines: {
      requestMs: env.AZURE_REQUEST_TIMEOUT_MS ?? defaultDeadlines.requestMs,
      operationMs: env.OPERATION_TIMEOUT_MS ?? defaultDeadlines.operationMs,
    },
    cache: env.CACHE_MAX_USERS ? { ...defaultCache, maxUsers: env.CACHE_MAX_USERS } : defaultCache,
    operations: env.OPERATION_LEASE_MS
      ? { ...defaultOperations, leaseMs: env.OPERATION_LEASE_MS }
      : defaultOperations,
    tabDistPath: resolve(env.TAB_DIST_PATH ?? 'tab/dist'),
    ...(env.EASY_AUTH ? { easyAuth: true } : {}),
    ...stateConfig(env, emulator),
    ...(env.WEBSITE_INSTANCE_ID ? { instanceId: env.WEBSITE_INSTANCE_ID } : {}),
  } as const;

  if (emulator) {
    const e = emulator.config;
    return {
      ...common,
      // Local mode serves an anonymous bot and the dev chat: this machine only, unless HOST says otherwise.
      host: env.HOST ?? LOCAL_MODE_HOST,
      tenantId: e.tenantId,
      clientId: e.app.clientId,
      credential: { kind: 'secret', clientSecret: e.app.clientSecret },
      identifierUri: e.app.identifierUri,
      scope: e.app.scope || SSO_SCOPE,
      authorityHost: trimSlash(e.authorityHost),
      armEndpoint: trimSlash(e.armEndpoint),
      // The emulator serves the Retail Prices API on its origin.
      retailPricesEndpoint: env.RETAIL_PRICES_ENDPOINT ?? trimSlash(emulator.url),
      allowedTenants: env.ALLOWED_TENANTS ?? [e.tenantId],
      allowedClientApps: allowedClientApps(env, e.app.clientId),
      local: {
        emulatorUrl: trimSlash(emulator.url),
        ca: emulator.ca,
        ...(e.teamsClientId ? { teamsClientId: e.teamsClientId } : {}),
      },
    };
  }

  const problems: Array<{ setting: string; problem: string }> = [];
  if (!env.TENANT_ID)
    problems.push({ setting: 'TENANT_ID', problem: 'is required (or set EMULATOR_URL for local mode)' });
  if (!env.CLIENT_ID)
    problems.push({ setting: 'CLIENT_ID', problem: 'is required (or set EMULATOR_URL for local mode)' });
  const credentials = [
    env.CLIENT_SECRET && 'CLIENT_SECRET',
    env.CLIENT_CERTIFICATE_PATH && 'CLIENT_CERTIFICATE_PATH',
    env.MANAGED_IDENTITY_CLIENT_ID && 'MANAGED_IDENTITY_CLIENT_ID',
  ].filter((v): v is string => Boolean(v));
  if (credentials.length === 0) {
    problems.push({
      setting: 'CLIENT_SECRET',
      problem: 'one of CLIENT_SECRET, CLIENT_CERTIFICATE_PATH or MANAGED_IDENTITY_CLIENT_ID is required',
    });
  } else if (credentials.length > 1) {
    problems.push({ setting: credentials.join(', '), problem: 'set only one client credential' });
  }
  problems.push(...botIdentityProblems(env));
  if (problems.length > 0 || !env.TENANT_ID || !env.CLIENT_ID) throw new ConfigError(problems);

  let credential: ClientCredentialConfig;
  if (env.CLIENT_SECRET) credential = { kind: 'secret', clientSecret: env.CLIENT_SECRET };
  else if (env.CLIENT_CERTIFICATE_PATH)
    credential = { kind: 'certificate', certificatePath: resolve(env.CLIENT_CERTIFICATE_PATH) };
  else credential = { kind: 'managedIdentity', managedIdentityClientId: env.MANAGED_IDENTITY_CLIENT_ID! };

  return {
    ...common,
    tenantId: env.TENANT_ID,
    clientId: env.CLIENT_ID,
    credential,
    identifierUri: env.IDENTIFIER_URI ?? `api://${env.CLIENT_ID}`,
    scope: SSO_SCOPE,
    authorityHost: env.AUTHORITY_HOST ?? DEFAULT_AUTHORITY_HOST,
    armEndpoint: env.ARM_ENDPOINT ?? DEFAULT_ARM_ENDPOINT,
    retailPricesEndpoint: env.RETAIL_PRICES_ENDPOINT ?? DEFAULT_RETAIL_PRICES_ENDPOINT,
    allowedTenants: env.ALLOWED_TENANTS ?? [env.TENANT_ID],
    allowedClientApps: allowedClientApps(env, env.CLIENT_ID),
  };
}

/** `ALLOWED_CLIENT_APPS` or the pre-authorized clients, always with the app's own client id. */
function allowedClientApps(env: ServiceEnv, clientId: string): readonly string[] {
  const listed = env.ALLOWED_CLIENT_APPS ?? PREAUTHORIZED_CLIENT_APPS;
  return [...new Set([...listed, clientId].map((id) => id.toLowerCase()))];
}

/**
 * Outside local mode the bot must authenticate Bot Framework requests: without `MicrosoftAppId`
 * botbuilder would accept anonymous activities and the bot would act as whoever `from.aadObjectId`
 * names. There is deliberately no switch that allows anonymous mode outside local mode.
 */
function botIdentityProblems(env: ServiceEnv): Array<{ setting: string; problem: string }> {
  const problems: Array<{ setting: string; problem: string }> = [];
  const type = env.MicrosoftAppType ?? 'MultiTenant';
  if (!env.MicrosoftAppId) {
    problems.push({
      setting: 'MicrosoftAppId',
      problem:
        "is required outside local mode: set it to the Azure Bot's app id (for MicrosoftAppType=UserAssignedMSI, the managed identity's client id; provisioning sets it as BOT_ID), or set EMULATOR_URL for local mode",
    });
  }
  if (type !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    problems.push({
      setting: 'MicrosoftAppPassword',
      problem: `is required for MicrosoftAppType=${type} (or use MicrosoftAppType=UserAssignedMSI with a managed identity)`,
    });
  }
  if (type !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
    problems.push({
      setting: 'MicrosoftAppTenantId',
      problem: `is required for MicrosoftAppType=${type}: the tenant of the bot's identity`,
    });
  }
  return problems;
}

/**
 * `REDIS_URL` with its key: fail closed. A shared store holds users' tokens, so without a valid
 * `STATE_ENCRYPTION_KEY` the service refuses to start rather than store them in the clear.
 */
function stateConfig(env: ServiceEnv, emulator?: EmulatorSource): { state?: StateConfig } {
  if (!env.REDIS_URL) return {};
  // Local mode (`REDIS_URL=… npm start`): the emulator's tokens are not real secrets, and every local
  // instance must use the same key, so it is derived from the emulator's app secret.
  const key = env.STATE_ENCRYPTION_KEY
    ? parseEncryptionKey(env.STATE_ENCRYPTION_KEY)
    : emulator
      ? createHash('sha256').update(`vmm-local-state:${emulator.config.app.clientSecret}`).digest()
      : undefined;
  if (!key) {
    throw new ConfigError([
      {
        setting: 'STATE_ENCRYPTION_KEY',
        problem:
          'is required with REDIS_URL: 32 random bytes as base64 or hex (e.g. `openssl rand -base64 32`; in Azure a Key Vault reference)',
      },
    ]);
  }
  return {
    state: {
      redisUrl: env.REDIS_URL,
      encryptionKey: key,
      ...(env.REDIS_ENTRA_USERNAME ? { entraUsername: env.REDIS_ENTRA_USERNAME } : {}),
      ...((env.REDIS_ENTRA_CLIENT_ID ?? env.MANAGED_IDENTITY_CLIENT_ID)
        ? { entraClientId: env.REDIS_ENTRA_CLIENT_ID ?? env.MANAGED_IDENTITY_CLIENT_ID }
        : {}),
    },
  };
}

/** A copy safe to log: secrets replaced, CA elided. */
export function redactConfig(config: ServiceConfig): Record<string, unknown> {
  const credential =
    config.credential.kind === 'secret' ? { kind: 'secret', clientSecret: '[redacted]' } : config.credential;
  return {
    ...config,
    credential,
    bot: { ...config.bot, ...(config.bot.appPassword ? { appPassword: '[redacted]' } : {}) },
    ...(config.local ? { local: { ...config.local, ca: '[pem]' } } : {}),
    ...(config.state
      ? {
          state: { ...config.state, redisUrl: redactUrl(config.state.redisUrl), encryptionKey: '[redacted]' },
        }
      : {}),
  };
}

/** A URL without its password. */
function redactUrl(value: string): string {
  const url = new URL(value);
  if (url.password) url.password = 'redacted';
  return url.toString();
}
