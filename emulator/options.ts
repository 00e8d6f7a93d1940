import { resolve } from 'node:path';

export type SeedName = 'default' | 'large';

/** How the emulator runs. Every field has a default and an env fallback (see `optionsFromEnv`). */
export interface EmulatorOptions {
  /** Interface to listen on. Default `127.0.0.1` (env `EMULATOR_HOST`); never beyond loopback unless set. */
  readonly host: string;
  /** Port. Default 4443 (env `EMULATOR_PORT`); 0 picks a free port. */
  readonly port: number;
  /** Folder for the CA, server certificate and signing key. Default `.emulator/` (env `EMULATOR_STATE_DIR`). */
  readonly stateDir: string;
  /** Which seed to load. Default `default` (env `EMULATOR_SEED`). */
  readonly seed: SeedName;
  /** ARM list page size before `nextLink`. Default 100 (env `EMULATOR_PAGE_SIZE`). */
  readonly pageSize: number;
  /** How long a power transition (starting, stopping, deallocating, …) lasts. Default 4000 ms (env `EMULATOR_TRANSITION_MS`). */
  readonly transitionMs: number;
  /** `Retry-After` seconds on LRO responses. Default 1 (env `EMULATOR_RETRY_AFTER`). */
  readonly lroRetryAfterSeconds: number;
  /** Lifetime of issued access tokens. Default 3600 s (env `EMULATOR_TOKEN_LIFETIME`). */
  readonly tokenLifetimeSeconds: number;
  /** ARM throttling token buckets per principal per subscription (Azure's defaults). */
  readonly throttle: {
    readonly readBucket: number;
    readonly readRefillPerSecond: number;
    readonly writeBucket: number;
    readonly writeRefillPerSecond: number;
  };
}

export const defaultOptions: EmulatorOptions = {
  host: '127.0.0.1',
  port: 4443,
  stateDir: resolve('.emulator'),
  seed: 'default',
  pageSize: 100,
  transitionMs: 4000,
  lroRetryAfterSeconds: 1,
  tokenLifetimeSeconds: 3600,
  throttle: { readBucket: 250, readRefillPerSecond: 25, writeBucket: 200, writeRefillPerSecond: 10 },
};

/** True for the loopback interfaces: `localhost`, `127.0.0.0/8`, `::1`. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min} (got "${raw}")`);
  }
  return value;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): EmulatorOptions {
  const seed = env.EMULATOR_SEED || defaultOptions.seed;
  if (seed !== 'default' && seed !== 'large') {
    throw new Error(`EMULATOR_SEED must be "default" or "large" (got "${seed}")`);
  }
  return {
    ...defaultOptions,
    host: env.EMULATOR_HOST?.trim() || defaultOptions.host,
    port: intFromEnv(env, 'EMULATOR_PORT', defaultOptions.port),
    stateDir: resolve(env.EMULATOR_STATE_DIR || defaultOptions.stateDir),
    seed,
    pageSize: intFromEnv(env, 'EMULATOR_PAGE_SIZE', defaultOptions.pageSize, 1),
    transitionMs: intFromEnv(env, 'EMULATOR_TRANSITION_MS', defaultOptions.transitionMs),
    lroRetryAfterSeconds: intFromEnv(env, 'EMULATOR_RETRY_AFTER', defaultOptions.lroRetryAfterSeconds),
    tokenLifetimeSeconds: intFromEnv(env, 'EMULATOR_TOKEN_LIFETIME', defaultOptions.tokenLifetimeSeconds, 60),
  };
}
