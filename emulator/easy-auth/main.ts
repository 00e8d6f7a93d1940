/**
 * The local App Service authentication front door, as `npm start` runs it: `EASY_AUTH_PORT` (default 3980) in front
 * of the service at `SERVICE_URL` (default `http://127.0.0.1:3978`), Microsoft provider = the emulator at
 * `EMULATOR_URL` (its CA from `EMULATOR_CA_PATH`, default `.emulator/ca.pem`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { providerFromEmulator, type EmulatorAppConfig } from './config.ts';
import { createEasyAuthFrontDoor } from './front-door.ts';
import { httpsJson } from './https-json.ts';

async function getJson(url: string, ca: string): Promise<unknown> {
  const { status, body } = await httpsJson(url, {
    ca,
    timeoutMs: 5000,
    timeoutMessage: 'the emulator did not answer',
  });
  if (status !== 200 || body === undefined) throw new Error(`${url} answered HTTP ${status}`);
  return body;
}

async function main(): Promise<void> {
  const emulatorUrl = (process.env.EMULATOR_URL ?? 'https://127.0.0.1:4443').replace(/\/+$/, '');
  const ca = readFileSync(resolve(process.env.EMULATOR_CA_PATH ?? '.emulator/ca.pem'), 'utf8');
  const config = (await getJson(`${emulatorUrl}/_emulator/config`, ca)) as EmulatorAppConfig;
  const port = Number(process.env.EASY_AUTH_PORT ?? 3980);
  const frontDoor = await createEasyAuthFrontDoor({
    serviceUrl: process.env.SERVICE_URL ?? 'http://127.0.0.1:3978',
    provider: providerFromEmulator(config, ca),
    port,
    host: process.env.EASY_AUTH_HOST ?? '127.0.0.1',
  });
  console.log(`App Service authentication front door on http://localhost:${new URL(frontDoor.url).port}/`);
  const stop = () => void frontDoor.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Front door failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
