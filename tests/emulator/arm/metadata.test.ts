import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';

/**
 * `GET /metadata/endpoints`: ARM's cloud metadata, which `az cloud register --endpoint-resource-manager` reads
 * (2015-01-01, one object) and azure-cli's `ARM_CLOUD_METADATA_URL` / newer SDKs read (2019-05-01 on: an array
 * of clouds). Public, as at ARM: no token.
 */
describe('ARM cloud metadata', () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  it('2015-01-01: one object with the emulator as login endpoint and portal, ARM audiences', async () => {
    const before = emulator.context.stats.arm.read;
    const res = await emulator.call('/metadata/endpoints?api-version=2015-01-01');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({
      galleryEndpoint: 'https://gallery.azure.com/',
      graphEndpoint: 'https://graph.windows.net/',
      portalEndpoint: `${emulator.url}/`,
      authentication: {
        loginEndpoint: `${emulator.url}/`,
        audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
      },
    });
    // Counted as an ARM read, but never throttled and without rate-limit headers (no caller).
    expect(emulator.context.stats.arm.read).toBe(before + 1);
    expect(res.headers['x-ms-ratelimit-remaining-tenant-reads']).toBeUndefined();
  });

  it.each(['2019-05-01', '2020-06-01', '2022-09-01'])(
    '%s: an array with the emulator cloud (resourceManager, authentication, suffixes…)',
    async (version) => {
      const res = await emulator.call(`/metadata/endpoints?API-VERSION=${version}`);
      expect(res.status).toBe(200);
      const clouds = res.json<Array<Record<string, unknown>>>();
      expect(clouds).toHaveLength(1);
      expect(clouds[0]).toMatchObject({
        name: 'AzureLocalEmulator',
        portal: emulator.url,
        resourceManager: `${emulator.url}/`,
        authentication: {
          loginEndpoint: emulator.url,
          audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
          tenant: 'common',
          identityProvider: 'AAD',
        },
        gallery: 'https://gallery.azure.com/',
        graph: 'https://graph.windows.net/',
        graphAudience: 'https://graph.windows.net/',
        suffixes: { storage: 'core.windows.net', keyVaultDns: 'vault.azure.net' },
      });
      expect('microsoftGraphResourceId' in clouds[0]!).toBe(version === '2022-09-01');
    },
  );

  it('needs no token; a bearer token, even a broken one, is not looked at', async () => {
    const res = await emulator.call('/metadata/endpoints?api-version=2022-09-01', {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(res.status).toBe(200);
  });

  it("refuses unknown api-versions with ARM's InvalidApiVersionParameter", async () => {
    const res = await emulator.call('/metadata/endpoints?api-version=2018-01-01');
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'InvalidApiVersionParameter',
        message:
          "The api-version '2018-01-01' is invalid. The supported versions are " +
          "'2022-09-01,2020-06-01,2019-05-01,2015-01-01'.",
      },
    });
  });
});
