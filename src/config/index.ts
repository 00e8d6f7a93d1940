export type {
  AzureRetryConfig,
  BotSettings,
  CacheConfig,
  ClientCredentialConfig,
  LimitsConfig,
  LocalModeConfig,
  OperationsConfig,
  RateLimitConfig,
  ServiceConfig,
} from './settings.ts';
export {
  DEFAULT_ARM_ENDPOINT,
  DEFAULT_AUTHORITY_HOST,
  DEFAULT_PORT,
  PREAUTHORIZED_CLIENT_APPS,
  SSO_SCOPE,
} from './settings.ts';
export { ConfigError } from './errors.ts';
export { parseEnv, type ServiceEnv } from './env.ts';
export { configFromEnv, redactConfig, type EmulatorSource } from './build.ts';
export { emulatorConfigSchema, type EmulatorConfig } from './emulator-config.ts';
export { loadConfig, type LoadConfigOptions } from './load.ts';
