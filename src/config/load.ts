import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { resolve } from 'node:path';
import { configFromEnv } from './build.ts';
import { emulatorConfigSchema, type EmulatorConfig } from './emulator-config.ts';
import { parseEnv } from './env.ts';
import { ConfigError } from './errors.ts';
import type { ServiceConfig } from './settings.ts';

export interface LoadConfigOptions {
  /** Reads a file (the emulator's CA). Default `fs.readFile(path, 'utf8')`. */
  readonly readTextFile?: (path: string) => Promise<string>;
  /** Fetches JSON over HTTPS trusting `ca`. Default: node:https with a 5 s timeout. */
  readonly fetchJson?: (url: string, ca: string | undefined) => Promise<unknown>;
}

/**
 * Reads and validates the service configuration from the environment. With `EMULATOR_URL` set
 * (local mode) the identity settings and endpoints come from `${EMULATOR_URL}/_emulator/config`,
 * fetched trusting the emulator's CA (`EMULATOR_CA_PATH`, default `.emulator/ca.pem`, or
 * NODE_EXTRA_CA_CERTS); the CA at the config's `caPath` is then trusted by every SDK client.
 * Throws ConfigError naming the setting at fault.
 */
export async function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: LoadConfigOptions = {},
): Promise<ServiceConfig> {
  const parsed = parseEnv(env);
  if (!parsed.EMULATOR_URL) return configFromEnv(parsed);

  const readTextFile = options.readTextFile ?? ((path: string) => readFile(path, 'utf8'));
  const fetchJson = options.fetchJson ?? httpsGetJson;
  const bootstrapCaPath = resolve(parsed.EMULATOR_CA_PATH ?? '.emulator/ca.pem');
  const bootstrapCa = await readTextFile(bootstrapCaPath).catch(() => undefined);

  let emulatorConfig: EmulatorConfig;
  try {
    const raw = await fetchJson(`${parsed.EMULATOR_URL}/_emulator/config`, bootstrapCa);
    emulatorConfig = emulatorConfigSchema.parse(raw);
  } catch (error) {
    throw new ConfigError(
      [
        {
          setting: 'EMULATOR_URL',
          problem: `could not read ${parsed.EMULATOR_URL}/_emulator/config (${error instanceof Error ? error.message : String(error)}); is the emulator running, and is its CA at EMULATOR_CA_PATH?`,
        },
      ],
      { cause: error },
    );
  }

  let ca: string;
  try {
    ca = await readTextFile(emulatorConfig.caPath);
  } catch (error) {
    if (!bootstrapCa) {
      throw new ConfigError(
        [{ setting: 'EMULATOR_CA_PATH', problem: `cannot read the emulator CA at ${emulatorConfig.caPath}` }],
        {
          cause: error,
        },
      );
    }
    ca = bootstrapCa;
  }
  return configFromEnv(parsed, { url: parsed.EMULATOR_URL, config: emulatorConfig, ca });
}

function httpsGetJson(url: string, ca: string | undefined): Promise<unknown> {
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { method: 'GET', timeout: 5000, ...(ca ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(new Error(`HTTP ${res.statusCode ?? 0}`));
          return;
        }
        try {
          resolvePromise(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}
