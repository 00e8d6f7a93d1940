import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';

/**
 * Debian's `azure-cli` (2.45) pointed at the emulator as a custom cloud: `az cloud register
 * --endpoint-resource-manager` discovers the rest from `GET /metadata/endpoints?api-version=2015-01-01`, and
 * `ARM_CLOUD_METADATA_URL` loads the 2019-05-01+ array form. (`az login` itself does not work against a local
 * authority with 2.45: its MSAL asks login.microsoftonline.com for instance discovery first.) Skipped when `az` is
 * not installed, unless `EMULATOR_CLIENT_TESTS=required` (`.ci/run` installs it with the Python SDK and sets that).
 */
const AZ = process.env.EMULATOR_AZ ?? 'az';
const available = spawnSync(AZ, ['version', '-o', 'none'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
const run = promisify(execFile);
const AZ_TIMEOUT_MS = 60_000;

if (!available) {
  const why = 'no `az` to test with (apt-get install azure-cli)';
  if (process.env.EMULATOR_CLIENT_TESTS === 'required') {
    it('has azure-cli to test with', () => {
      throw new Error(why);
    });
  } else {
    console.warn(`[tests/emulator/clients] azure-cli tests skipped: ${why}`);
  }
}

(available ? describe : describe.skip)('azure-cli custom cloud', () => {
  let emulator: TestEmulator;
  let configDir: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    configDir = await mkdtemp(join(tmpdir(), 'az-emulator-'));
  });
  afterAll(async () => {
    await emulator.close();
    await rm(configDir, { recursive: true, force: true });
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function az(args: string[], env: Record<string, string> = {}): Promise<any> {
    const { stdout } = await run(AZ, [...args, '-o', 'json', '--only-show-errors'], {
      timeout: AZ_TIMEOUT_MS,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: configDir,
        AZURE_CONFIG_DIR: configDir, // never the developer's own az profile
        AZURE_CORE_COLLECT_TELEMETRY: 'no',
        AZURE_CORE_NO_COLOR: 'true',
        REQUESTS_CA_BUNDLE: emulator.caPath,
        NO_PROXY: '127.0.0.1,localhost',
        ...env,
      },
    });
    return stdout.trim() === '' ? undefined : JSON.parse(stdout);
  }

  it(
    'az cloud register --endpoint-resource-manager finds sign-in and the ARM audience in the metadata',
    async () => {
      await az(['cloud', 'register', '-n', 'Emulator', '--endpoint-resource-manager', emulator.url]);
      const cloud = await az(['cloud', 'show', '-n', 'Emulator']);
      expect(cloud.endpoints).toMatchObject({
        activeDirectory: `${emulator.url}/`,
        activeDirectoryResourceId: 'https://management.core.windows.net/',
        activeDirectoryGraphResourceId: 'https://graph.windows.net/',
        gallery: 'https://gallery.azure.com/',
        management: emulator.url,
        resourceManager: emulator.url,
      });
    },
    AZ_TIMEOUT_MS,
  );

  it(
    'ARM_CLOUD_METADATA_URL loads the emulator cloud from the 2022-09-01 array form',
    async () => {
      const fresh = join(configDir, 'metadata-url'); // az reads ARM_CLOUD_METADATA_URL into a new profile only
      await mkdir(fresh);
      const clouds = await az(['cloud', 'list'], {
        ARM_CLOUD_METADATA_URL: `${emulator.url}/metadata/endpoints?api-version=2022-09-01`,
        SSL_CERT_FILE: emulator.caPath, // that download goes through urllib, which ignores REQUESTS_CA_BUNDLE
        AZURE_CONFIG_DIR: fresh,
      });
      expect(clouds).toEqual([
        expect.objectContaining({
          name: 'AzureLocalEmulator',
          endpoints: expect.objectContaining({
            activeDirectory: emulator.url,
            activeDirectoryResourceId: 'https://management.core.windows.net/',
            resourceManager: `${emulator.url}/`,
            microsoftGraphResourceId: 'https://graph.microsoft.com/',
          }),
          suffixes: expect.objectContaining({
            keyvaultDns: '.vault.azure.net',
            storageEndpoint: 'core.windows.net',
          }),
        }),
      ]);
    },
    AZ_TIMEOUT_MS,
  );
});
