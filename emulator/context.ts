import type { AutoShutdownControl, OperationFailureRule } from './arm/types.ts';
import type { EmulatorOptions } from './options.ts';
import type { Seed } from './seed/types.ts';
import type { SigningKeys } from './state/keys.ts';

export type { OperationFailureRule } from './arm/types.ts';

/** Which half of the emulator a request is for: decides stats, injected faults and latency. */
export type Area = 'entra' | 'arm' | 'control';

/** Counters exposed by `GET /_emulator/stats`. Handlers increment them. */
export interface Stats {
  token: { obo: number; authorization_code: number; client_credentials: number; refresh_token: number };
  /** JWKS document fetches. */
  jwks: number;
  /** OIDC discovery document fetches. */
  discovery: number;
  arm: { read: number; write: number; throttled: number };
  /** Retail Prices API requests (`GET /api/retail/prices`). */
  prices: number;
}

/** A queued fault: the next `count` calls to `area` answer `status` (in that area's error shape). */
export interface Fault {
  readonly status: number;
  remaining: number;
  /** `Retry-After` of injected 429 and 503 answers, seconds (0 lets tests retry at once). */
  readonly retryAfterSeconds: number;
}

/** Fault injection state, set through `POST /_emulator/faults`. */
export interface Faults {
  entra?: Fault;
  arm?: Fault;
  /** Queued ARM operation failures, oldest first (the first matching rule is used). */
  operationFailures: OperationFailureRule[];
  /** Added latency per call, milliseconds. */
  latencyMs: { entra: number; arm: number };
  /** ARM token-bucket throttling on (default) or off. */
  throttling: boolean;
}

/** Mutable identity state: who has consented to the app. Reset restores the seed's view. */
export interface Directory {
  /** oids of users that have consented to the app's delegated permission. */
  readonly consented: Set<string>;
}

/** Shared by every handler. Created once per emulator instance; no module-level state anywhere. */
export interface EmulatorContext {
  readonly options: EmulatorOptions;
  readonly seed: Seed;
  /** `https://127.0.0.1:{port}` — the authority host and the ARM endpoint. */
  readonly baseUrl: string;
  /** Path of the CA PEM clients must trust. */
  readonly caPath: string;
  readonly keys: SigningKeys;
  readonly stats: Stats;
  readonly faults: Faults;
  readonly directory: Directory;
  /** Epoch milliseconds. Injectable for tests. */
  readonly now: () => number;
  /** Registers a callback run by `POST /_emulator/reset` (restore seed state, zero counters). */
  onReset(callback: () => void): void;
  /** Registers a callback run when the emulator closes (timers). */
  onClose(callback: () => void): void;
  /** Set by the ARM half: DevTest Labs auto-shutdown schedules, driven by the control API. */
  autoShutdown?: AutoShutdownControl;
}

export function createStats(): Stats {
  return {
    token: { obo: 0, authorization_code: 0, client_credentials: 0, refresh_token: 0 },
    jwks: 0,
    discovery: 0,
    arm: { read: 0, write: 0, throttled: 0 },
    prices: 0,
  };
}

export function createFaults(): Faults {
  return { latencyMs: { entra: 0, arm: 0 }, throttling: true, operationFailures: [] };
}
