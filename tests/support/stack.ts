import type { Logger } from 'pino';
import { createApp, type App, type AppDeps } from '../../src/app.ts';
import { configFromEnv, emulatorConfigSchema, parseEnv, type ServiceConfig } from '../../src/config/index.ts';
import { createLogger } from '../../src/logging.ts';
import type { CreateEmulatorOptions } from '../../emulator/server.ts';
import { startTestEmulator, type TestEmulator } from './emulator.ts';

export interface StackOptions {
  /** Options for the in-process test emulator (seed, timings, …). */
  readonly emulator?: CreateEmulatorOptions;
  /** Overrides applied on top of the local-mode service configuration (shallow). */
  readonly service?: Partial<ServiceConfig>;
  /** Collaborators for createApp (logger, clock, bot seam, …). */
  readonly deps?: AppDeps;
}

export interface RunningService {
  /** `http://127.0.0.1:{port}` */
  readonly url: string;
  readonly app: App;
  close(): Promise<void>;
}

export interface Stack {
  readonly emulator: TestEmulator;
  readonly service: RunningService;
  /** An SSO token for a seeded user (`alice`, `bob`, …), as Teams would give the tab. */
  ssoToken(user: string, extra?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** The local-mode configuration the service would build from this emulator (plus overrides). */
export async function localServiceConfig(
  emulator: TestEmulator,
  overrides: Partial<ServiceConfig> = {},
): Promise<ServiceConfig> {
  const res = await emulator.call('/_emulator/config');
  if (res.status !== 200) throw new Error(`GET /_emulator/config: ${res.status} ${res.text}`);
  const config = configFromEnv(
    parseEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    {
      url: emulator.url,
      config: emulatorConfigSchema.parse(res.json()),
      ca: emulator.ca,
    },
  );
  // Test timings: poll LROs quickly (the test emulator finishes transitions in 300 ms and sends
  // `Retry-After: 0`) and back off briefly between SDK retries (same retry count as production).
  return {
    ...config,
    operations: { ...config.operations, pollIntervalMs: 100 },
    azureRetry: { retryDelayInMs: 50, maxRetryDelayInMs: 200 },
    ...overrides,
  };
}

/**
 * Starts a test emulator and the real restify service in-process (local mode, free ports). Tab e2e
 * and bot tests use it; close() stops both.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const emulator = await startTestEmulator(options.emulator);
  try {
    const config = await localServiceConfig(emulator, options.service);
    const logger: Logger = options.deps?.logger ?? createLogger({ level: config.logLevel });
    const app = createApp(config, { ...options.deps, logger });
    const url = await app.listen();
    const service: RunningService = { url, app, close: () => app.close() };
    return {
      emulator,
      service,
      ssoToken: (user, extra) => emulator.ssoToken(user, extra),
      async close() {
        await service.close();
        await emulator.close();
      },
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}
