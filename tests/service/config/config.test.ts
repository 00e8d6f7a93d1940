import { describe, expect, it } from '@jest/globals';
import { ConfigError, configFromEnv, loadConfig, parseEnv, redactConfig } from '../../../src/config/index.ts';

const TENANT = '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11';
const CLIENT = '0d3f5c2a-8b6e-4f1d-9c7a-5e4b3a2f1d0c';
const SECRET = 'super-secret-value-123';

const BOT_ID = '5a1c0b7e-0000-4000-8000-00000000b0b0';
/** What provisioning sets: the bot authenticates as its user-assigned managed identity. */
const botIdentity = {
  MicrosoftAppId: BOT_ID,
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: TENANT,
};
const production = { TENANT_ID: TENANT, CLIENT_ID: CLIENT, CLIENT_SECRET: SECRET, ...botIdentity };

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configFromEnv (production)', () => {
  it('applies documented defaults', () => {
    const config = configFromEnv(parseEnv(production));
    expect(config).toMatchObject({
      port: 3978,
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: 'secret', clientSecret: SECRET },
      identifierUri: `api://${CLIENT}`,
      scope: 'access_as_user',
      authorityHost: 'https://login.microsoftonline.com',
      armEndpoint: 'https://management.azure.com',
      allowedTenants: [TENANT],
      allowedOrigins: [],
      publicUrl: 'http://localhost:3978',
      logLevel: 'info',
      limits: { maxBodyBytes: 65536, maxBulkIds: 50 },
    });
    expect(config.local).toBeUndefined();
  });

  it('reads every setting', () => {
    const config = configFromEnv(
      parseEnv({
        ...production,
        CLIENT_SECRET: undefined,
        CLIENT_CERTIFICATE_PATH: '/certs/app.pem',
        PORT: '8080',
        IDENTIFIER_URI: 'api://vm.contoso.com/botid-x',
        AUTHORITY_HOST: 'https://login.microsoftonline.us/',
        ARM_ENDPOINT: 'https://management.usgovcloudapi.net/',
        ALLOWED_TENANTS: `${TENANT}, ${CLIENT}`,
        ALLOWED_ORIGINS: 'https://a.contoso.com, https://b.contoso.com/',
        PUBLIC_URL: 'https://vm.contoso.com/',
        LOG_LEVEL: 'debug',
        MicrosoftAppId: 'bot-id',
        MicrosoftAppPassword: 'bot-secret',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TENANT,
      }),
    );
    expect(config).toMatchObject({
      port: 8080,
      credential: { kind: 'certificate', certificatePath: '/certs/app.pem' },
      identifierUri: 'api://vm.contoso.com/botid-x',
      authorityHost: 'https://login.microsoftonline.us',
      armEndpoint: 'https://management.usgovcloudapi.net',
      allowedTenants: [TENANT, CLIENT],
      allowedOrigins: ['https://a.contoso.com', 'https://b.contoso.com'],
      publicUrl: 'https://vm.contoso.com',
      logLevel: 'debug',
      bot: { appId: 'bot-id', appPassword: 'bot-secret', appType: 'SingleTenant', appTenantId: TENANT },
    });
  });

  it('reads the per-user budgets, deadlines and allowed client apps', () => {
    const config = configFromEnv(
      parseEnv({
        ...production,
        RATE_LIMIT_READS: '240/60',
        RATE_LIMIT_ACTIONS: '10/6',
        AZURE_REQUEST_TIMEOUT_MS: '5000',
        OPERATION_TIMEOUT_MS: '600000',
        ALLOWED_CLIENT_APPS: '5E3CE6C0-2B1F-4285-8D4B-75EE78787346',
      }),
    );
    expect(config.readRateLimit).toEqual({ capacity: 240, refillPerSecond: 1 });
    expect(config.rateLimit).toEqual({ capacity: 10, refillPerSecond: 0.1 });
    expect(config.deadlines).toEqual({ requestMs: 5000, operationMs: 600_000 });
    expect(config.allowedClientApps).toEqual(['5e3ce6c0-2b1f-4285-8d4b-75ee78787346', CLIENT]);
    const defaults = configFromEnv(parseEnv(production));
    expect(defaults.readRateLimit).toEqual({ capacity: 120, refillPerSecond: 2 });
    expect(defaults.rateLimit).toEqual({ capacity: 30, refillPerSecond: 0.5 });
    expect(defaults.deadlines).toEqual({ requestMs: 20_000, operationMs: 1_800_000 });
    expect(defaults.allowedClientApps).toContain('1fec8e78-bce4-4aaf-ab1b-5451cc387264');
    expect(defaults.allowedClientApps).toContain(CLIENT);
  });

  it('managed identity as a federated client assertion', () => {
    const config = configFromEnv(
      parseEnv({ ...production, CLIENT_SECRET: '', MANAGED_IDENTITY_CLIENT_ID: CLIENT }),
    );
    expect(config.credential).toEqual({ kind: 'managedIdentity', managedIdentityClientId: CLIENT });
  });

  it('names every missing setting', () => {
    const error = configError(() => configFromEnv(parseEnv({})));
    expect(error.settings).toEqual([
      'TENANT_ID',
      'CLIENT_ID',
      'CLIENT_SECRET',
      'MicrosoftAppId',
      'MicrosoftAppPassword',
    ]);
    expect(error.message).toContain('CLIENT_CERTIFICATE_PATH or MANAGED_IDENTITY_CLIENT_ID');
  });

  it('refuses to run the bot unauthenticated outside local mode', () => {
    const { MicrosoftAppId: _omitted, ...withoutAppId } = production;
    const error = configError(() => configFromEnv(parseEnv(withoutAppId)));
    expect(error.settings).toEqual(['MicrosoftAppId']);
    expect(error.message).toMatch(
      /MicrosoftAppId: is required outside local mode: set it to the Azure Bot's app id/,
    );
  });

  it.each([
    [{ MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: undefined }, ['MicrosoftAppPassword']],
    [
      { MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: undefined },
      ['MicrosoftAppPassword', 'MicrosoftAppTenantId'],
    ],
    [{ MicrosoftAppTenantId: undefined }, ['MicrosoftAppTenantId']],
  ])('asks for the bot credential its app type needs (%j)', (overrides, settings) => {
    const error = configError(() => configFromEnv(parseEnv({ ...production, ...overrides })));
    expect(error.settings).toEqual(settings);
  });

  it('refuses two client credentials', () => {
    const error = configError(() =>
      configFromEnv(parseEnv({ ...production, CLIENT_CERTIFICATE_PATH: '/x.pem' })),
    );
    expect(error.settings).toEqual(['CLIENT_SECRET, CLIENT_CERTIFICATE_PATH']);
  });

  it.each([
    ['TENANT_ID', 'contoso.onmicrosoft.com'],
    ['CLIENT_ID', 'not-a-guid'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['AUTHORITY_HOST', 'http://login.microsoftonline.com'],
    ['ARM_ENDPOINT', 'management.azure.com'],
    ['ALLOWED_ORIGINS', 'https://a.contoso.com/path'],
    ['ALLOWED_TENANTS', 'contoso'],
    ['PUBLIC_URL', 'ftp://x'],
    ['LOG_LEVEL', 'loud'],
    ['EMULATOR_URL', 'http://127.0.0.1:4443'],
    ['MANAGED_IDENTITY_CLIENT_ID', 'x'],
    ['MicrosoftAppType', 'Anonymous'],
    ['RATE_LIMIT_READS', '120'],
    ['RATE_LIMIT_ACTIONS', '0/30'],
    ['AZURE_REQUEST_TIMEOUT_MS', '20s'],
    ['ALLOWED_CLIENT_APPS', 'teams'],
  ])('%s=%s is refused, naming the setting', (setting, value) => {
    const error = configError(() => parseEnv({ ...production, [setting]: value }));
    expect(error.settings).toContain(setting);
    expect(error.message).toContain(setting);
  });

  it('never prints secret values', () => {
    const error = configError(() => parseEnv({ ...production, CLIENT_ID: SECRET, PORT: SECRET }));
    expect(error.message).not.toContain(SECRET);
    const redacted = JSON.stringify(
      redactConfig(configFromEnv(parseEnv({ ...production, MicrosoftAppPassword: 'bot-pw' }))),
    );
    expect(redacted).not.toContain(SECRET);
    expect(redacted).not.toContain('bot-pw');
  });
});

describe('loadConfig (local mode)', () => {
  const emulatorConfig = {
    tenantId: TENANT,
    authorityHost: 'https://127.0.0.1:4443',
    armEndpoint: 'https://127.0.0.1:4443',
    caPath: '/state/ca.pem',
    app: {
      clientId: CLIENT,
      clientSecret: 'local',
      identifierUri: `api://localhost/botid-${CLIENT}`,
      scope: 'access_as_user',
    },
    users: [],
    teamsClientId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
  };

  it('takes identity and endpoints from the emulator and trusts its CA', async () => {
    const fetched: Array<{ url: string; ca: string | undefined }> = [];
    const config = await loadConfig(
      {
        EMULATOR_URL: 'https://127.0.0.1:4443/',
        EMULATOR_CA_PATH: '/boot/ca.pem',
        PORT: '0',
        TENANT_ID: CLIENT,
      },
      {
        readTextFile: async (path) => `PEM(${path})`,
        fetchJson: async (url, ca) => {
          fetched.push({ url, ca });
          return emulatorConfig;
        },
      },
    );
    expect(fetched).toEqual([{ url: 'https://127.0.0.1:4443/_emulator/config', ca: 'PEM(/boot/ca.pem)' }]);
    expect(config).toMatchObject({
      tenantId: TENANT,
      clientId: CLIENT,
      credential: { kind: 'secret', clientSecret: 'local' },
      authorityHost: 'https://127.0.0.1:4443',
      armEndpoint: 'https://127.0.0.1:4443',
      allowedTenants: [TENANT],
      // Local mode's anonymous bot and dev chat: loopback only unless HOST says otherwise.
      host: '127.0.0.1',
      local: {
        emulatorUrl: 'https://127.0.0.1:4443',
        ca: 'PEM(/state/ca.pem)',
        teamsClientId: emulatorConfig.teamsClientId,
      },
    });
  });

  it('HOST overrides the loopback default in local mode', async () => {
    const config = await loadConfig(
      { EMULATOR_URL: 'https://127.0.0.1:4443', HOST: '0.0.0.0' },
      { readTextFile: async () => 'pem', fetchJson: async () => emulatorConfig },
    );
    expect(config.host).toBe('0.0.0.0');
  });

  it('an unreachable emulator names EMULATOR_URL', async () => {
    await expect(
      loadConfig(
        { EMULATOR_URL: 'https://127.0.0.1:1' },
        { readTextFile: async () => 'pem', fetchJson: async () => Promise.reject(new Error('ECONNREFUSED')) },
      ),
    ).rejects.toMatchObject({ name: 'ConfigError', settings: ['EMULATOR_URL'] });
  });

  it('a malformed emulator config names EMULATOR_URL', async () => {
    await expect(
      loadConfig(
        { EMULATOR_URL: 'https://127.0.0.1:1' },
        { readTextFile: async () => 'pem', fetchJson: async () => ({ tenantId: 1 }) },
      ),
    ).rejects.toMatchObject({ name: 'ConfigError', settings: ['EMULATOR_URL'] });
  });
});
