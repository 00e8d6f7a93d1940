/**
 * `npm run service`: the process entry. Reads the configuration (local mode: from the emulator),
 * starts the service, logs where it listens, and shuts down gracefully on SIGINT/SIGTERM.
 */
import { createApp } from './app.ts';
import { ConfigError, loadConfig, redactConfig } from './config/index.ts';
import { createLogger } from './logging.ts';
import { openStateStore } from './state/open.ts';
import type { StateStore } from './state/store.ts';

async function main(): Promise<void> {
  const config = await loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  let state: StateStore;
  try {
    state = await openStateStore(config, logger);
  } catch (error) {
    throw new ConfigError(
      [
        {
          setting: 'REDIS_URL',
          problem: `Redis could not be reached (${error instanceof Error ? error.message : String(error)}); check the URL, the password or Entra access, and that Redis is running`,
        },
      ],
      { cause: error },
    );
  }
  const app = createApp(config, { logger, state });
  if (config.local && config.host && !['127.0.0.1', 'localhost', '::1'].includes(config.host)) {
    logger.warn(
      { host: config.host },
      'local mode is listening beyond loopback (HOST): its bot and dev chat are anonymous; they still answer only requests addressed to localhost',
    );
  }
  const url = await app.listen();
  logger.info({ config: redactConfig(config) }, 'configuration');
  // Always printed (whatever LOG_LEVEL): people and scripts wait for this line.
  console.log(
    `VM service listening on ${url}${config.local ? ` (local mode, emulator ${config.local.emulatorUrl})` : ''}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app
      .close()
      .then(() => state.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`The VM service cannot start. ${error.message}`);
  } else {
    console.error(
      `The VM service failed to start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  process.exit(1);
});
