import { createEmulator } from './server.ts';
import { isLoopback, optionsFromEnv } from './options.ts';

/** `npm run emulator`: starts the local Entra ID + ARM emulator and prints how to use it. */
async function main(): Promise<void> {
  const options = optionsFromEnv();
  const emulator = await createEmulator(options);
  const seed = emulator.context.seed;
  console.log(
    [
      `Local Azure emulator (Entra ID + ARM compute) listening on ${emulator.url}`,
      `  authority host : ${emulator.url}   tenant: ${seed.tenant.name} (${seed.tenant.id})`,
      `  ARM endpoint   : ${emulator.url}`,
      `  trust its CA   : NODE_EXTRA_CA_CERTS=${emulator.caPath}`,
      `  config         : ${emulator.url}/_emulator/config`,
      `  users          : ${seed.users.map((u) => u.key).join(', ')}   seed: ${options.seed}`,
    ].join('\n'),
  );
  if (!isLoopback(options.host)) {
    console.warn(
      `WARNING: EMULATOR_HOST=${options.host} listens beyond loopback: anyone who can reach this machine can mint ` +
        'tokens and act as any seeded user. Its certificate names only localhost, 127.0.0.1 and ::1.',
    );
  }
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Emulator failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
