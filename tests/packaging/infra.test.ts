import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { resolvePlaceholders } from '../../scripts/package-app.ts';
import { configFromEnv, parseEnv } from '../../src/config/index.ts';
import { envSchema } from '../../src/config/env.ts';
import { parseBicep, evaluate, objectEntries, type EvaluationContext } from './bicep.ts';
import {
  PROVISIONED_DEV,
  ROOT,
  declaredKeys,
  environment,
  readJson,
  readText,
  resolvedManifest,
} from './support.ts';

const bicep = parseBicep(readText('infra/azure.bicep'));
const parametersFile = readJson<{ parameters: Record<string, { value: unknown }> }>(
  'infra/azure.parameters.json',
);
/** What provisioning leaves in env/.env.dev.user (infra/scripts/state-key.ts). */
const PROVISIONED_DEV_USER = { SECRET_STATE_ENCRYPTION_KEY: 'ab'.repeat(32) };
const devVars = environment('dev', { ...PROVISIONED_DEV, ...PROVISIONED_DEV_USER });
/** Parameter values as arm/deploy passes them in the provisioned dev environment. */
const paramValues: Record<string, string> = Object.fromEntries(
  Object.entries(parametersFile.parameters).map(([name, { value }]) => [
    name,
    String(JSON.parse(resolvePlaceholders(JSON.stringify(value), devVars))),
  ]),
);
const ctx: EvaluationContext = { bicep, params: paramValues, outputs: PROVISIONED_DEV };
const resource = (symbol: string) => {
  const found = bicep.resources.find((r) => r.symbol === symbol);
  if (!found) throw new Error(`no resource ${symbol}`);
  return found;
};

/** Settings App Service or its agents read, not the service. */
const PLATFORM_SETTINGS = new Set([
  'WEBSITE_RUN_FROM_PACKAGE',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'NODE_ENV',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'ApplicationInsightsAgent_EXTENSION_VERSION',
]);

/** The web app's app settings for one OBO credential option, evaluated as the deployment would set them. */
function appSettings(option: 'managedIdentity' | 'clientSecret'): Map<string, string> {
  const base = objectEntries(bicep.vars.get('baseSettings')!);
  const credential = objectEntries(
    bicep.vars.get(option === 'clientSecret' ? 'clientSecretSettings' : 'managedIdentitySettings')!,
  );
  return new Map([...base, ...credential]);
}

/** What App Service resolves at run time: Key Vault references, and the cache's host name once it exists. */
const RUNTIME_VALUES: Readonly<Record<string, string>> = {
  CLIENT_SECRET: 'value-from-key-vault',
  STATE_ENCRYPTION_KEY: 'ab'.repeat(32),
  REDIS_URL: 'rediss://vmm-dev-abc-state.redis.cache.windows.net:6380',
};

function serviceEnv(option: 'managedIdentity' | 'clientSecret'): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, expr] of appSettings(option)) {
    if (PLATFORM_SETTINGS.has(name)) continue;
    // App Service resolves the Key Vault reference to the secret's value before the process starts.
    const value = RUNTIME_VALUES[name] ?? evaluate(expr, ctx);
    if (value === undefined) throw new Error(`cannot evaluate app setting ${name} = ${expr}`);
    env[name] = value;
  }
  return env;
}

describe('infra/azure.bicep', () => {
  it('uses every parameter it declares', () => {
    for (const name of bicep.params.keys()) {
      const uses = bicep.code.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
      expect({ name, usedElsewhere: uses > 1 }).toEqual({ name, usedElsewhere: true });
    }
  });

  it('gets every required parameter, and only declared ones, from azure.parameters.json', () => {
    const given = Object.keys(parametersFile.parameters);
    const required = [...bicep.params].filter(([, p]) => p.defaultExpr === undefined).map(([name]) => name);
    expect(given.filter((name) => !bicep.params.has(name))).toEqual([]);
    expect(required.filter((name) => !given.includes(name))).toEqual([]);
    expect(paramValues.resourceBaseName).toMatch(/^[a-z0-9-]{3,24}$/);
    expect(paramValues.botDisplayName!.length).toBeLessThanOrEqual(42);
  });

  it('keeps the OBO client secret parameter secure and optional', () => {
    expect(bicep.params.get('oboClientSecret')).toMatchObject({
      defaultExpr: "''",
      decorators: expect.arrayContaining(['@secure()']),
    });
    expect(parametersFile.parameters).not.toHaveProperty('oboClientSecret');
  });

  it('declares the expected resources with GA API versions (diagnostic settings only exist as preview)', () => {
    expect(bicep.resources.map((r) => r.type).sort()).toEqual(
      [
        'Microsoft.Authorization/roleAssignments',
        'Microsoft.BotService/botServices',
        'Microsoft.Cache/redis',
        'Microsoft.Cache/redis/accessPolicyAssignments',
        'Microsoft.BotService/botServices/channels',
        'Microsoft.BotService/botServices/connections',
        'Microsoft.Insights/components',
        'Microsoft.Insights/diagnosticSettings',
        'Microsoft.KeyVault/vaults',
        // The same vault, `existing`, for getSecret (the OAuth connection's client-secret fallback).
        'Microsoft.KeyVault/vaults',
        'Microsoft.KeyVault/vaults/secrets',
        'Microsoft.KeyVault/vaults/secrets',
        'Microsoft.ManagedIdentity/userAssignedIdentities',
        'Microsoft.OperationalInsights/workspaces',
        'Microsoft.Web/serverfarms',
        'Microsoft.Web/sites',
        'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
        'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
        'Microsoft.Web/sites/config',
        // authsettingsV2: App Service authentication, when enableAppServiceAuthentication
        'Microsoft.Web/sites/config',
      ].sort(),
    );
    for (const r of bicep.resources) {
      expect(r.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}$|^2021-05-01-preview$/);
      if (r.apiVersion.endsWith('-preview')) expect(r.type).toBe('Microsoft.Insights/diagnosticSettings');
    }
  });

  it('shares state through Azure Cache for Redis: TLS only, no access keys, the managed identity as its Entra user, two instances', () => {
    const redis = resource('redis').text;
    for (const setting of [
      'enableNonSslPort: false',
      "minimumTlsVersion: '1.2'",
      'disableAccessKeyAuthentication: true',
      "'aad-enabled': 'true'",
    ])
      expect(redis).toContain(setting);
    expect(resource('redisUser').text).toContain('objectId: identity.properties.principalId');
    expect(resource('plan').text).toContain('capacity: instanceCount');
    expect(bicep.params.get('instanceCount')).toMatchObject({
      defaultExpr: '2',
      decorators: expect.arrayContaining(['@minValue(2)']),
    });
    const env = serviceEnv('managedIdentity');
    expect(env.REDIS_URL).toMatch(/^rediss:\/\//);
    expect(env.REDIS_ENTRA_USERNAME).toBe(PROVISIONED_DEV.MANAGED_IDENTITY_PRINCIPAL_ID);
    expect(appSettings('managedIdentity').get('STATE_ENCRYPTION_KEY')).toMatch(
      /^'@Microsoft\.KeyVault\(SecretUri=/,
    );
    const config = configFromEnv(parseEnv(env));
    expect(config.state).toMatchObject({
      redisUrl: env.REDIS_URL,
      entraUsername: PROVISIONED_DEV.MANAGED_IDENTITY_PRINCIPAL_ID,
      entraClientId: PROVISIONED_DEV.MANAGED_IDENTITY_CLIENT_ID,
    });
  });

  it('keeps one state encryption key across deployments: a secure parameter made once per environment, in Key Vault', () => {
    // No default (a newGuid() default made a new key per deployment: sealed tokens unreadable after each one).
    const param = bicep.params.get('stateEncryptionKey');
    expect(param?.defaultExpr).toBeUndefined();
    expect(param?.decorators).toEqual(
      expect.arrayContaining(['@secure()', '@minLength(64)', '@maxLength(64)']),
    );
    expect(bicep.code).not.toMatch(/newGuid\(\)/);
    expect(parametersFile.parameters.stateEncryptionKey).toEqual({
      value: '${{SECRET_STATE_ENCRYPTION_KEY}}',
    });
    expect(resource('stateKeySecret').text).toContain('value: stateEncryptionKey');
    expect(paramValues.stateEncryptionKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('runs the service on a hardened Linux App Service with Node 24', () => {
    expect(resource('plan').text).toMatch(/kind: 'linux'[\s\S]*reserved: true/);
    const site = resource('webApp').text;
    for (const setting of [
      "kind: 'app,linux'",
      'httpsOnly: true',
      "linuxFxVersion: 'NODE|24-lts'",
      'alwaysOn: true',
      "minTlsVersion: '1.2'",
      "scmMinTlsVersion: '1.2'",
      "ftpsState: 'Disabled'",
      "healthCheckPath: '/api/health'",
      'keyVaultReferenceIdentity: identity.id',
      "type: 'UserAssigned'",
    ]) {
      expect(site).toContain(setting);
    }
    // App Service starts the service exactly as `npm run service` does (same V8 heap settings).
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.service).toMatch(/^node .*src\/main\.ts$/);
    expect(site).toContain(`appCommandLine: '${pkg.scripts.service}'`);
    expect(existsSync(join(ROOT, 'src/main.ts'))).toBe(true);
    // No basic publishing credentials at all: FTP, and the SCM site (zip deploy authenticates with an Entra token).
    const policies = bicep.resources.filter(
      (r) => r.type === 'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
    );
    expect(policies.map((r) => /name: '(\w+)'/.exec(r.text)?.[1]).sort()).toEqual(['ftp', 'scm']);
    for (const policy of policies) {
      expect(policy.text).toContain('parent: webApp');
      expect(policy.text).toMatch(/allow: false/);
    }
  });

  it('registers the bot with the managed identity as its identity, on the Teams channel', () => {
    const bot = resource('bot').text;
    expect(bot).toContain("msaAppType: 'UserAssignedMSI'");
    expect(bot).toContain('msaAppId: identity.properties.clientId');
    expect(bot).toContain('msaAppMSIResourceId: identity.id');
    expect(evaluate(/endpoint: (.+)/.exec(bot)![1]!, ctx)).toBe(
      `${PROVISIONED_DEV.TAB_ENDPOINT}/api/messages`,
    );
    expect(resource('teamsChannel').text).toMatch(/channelName: 'MsTeamsChannel'[\s\S]*isEnabled: true/);
  });

  it('stores the OBO secret in an RBAC Key Vault only when one is given, readable by the identity', () => {
    expect(resource('keyVault').text).toContain('enableRbacAuthorization: true');
    expect(resource('oboSecret').text).toMatch(/= if \(useClientSecret\)/);
    expect(bicep.vars.get('useClientSecret')).toBe('!empty(oboClientSecret)');
    // Built-in role "Key Vault Secrets User".
    expect(bicep.vars.get('keyVaultSecretsUserRoleId')).toBe("'4633458b-17de-408a-b874-0445c86b69e6'");
    expect(resource('identityReadsSecrets').text).toMatch(
      /scope: keyVault[\s\S]*principalId: identity\.properties\.principalId/,
    );
  });

  it('sends the web app logs to Log Analytics and wires Application Insights', () => {
    expect(resource('insights').text).toContain('WorkspaceResourceId: logs.id');
    expect(resource('webAppDiagnostics').text).toMatch(/scope: webApp[\s\S]*AppServiceConsoleLogs/);
    expect(appSettings('managedIdentity').get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(
      'insights.properties.ConnectionString',
    );
  });

  it('sets only settings the service (src/config) or the platform reads', () => {
    const serviceSettings = new Set(Object.keys(envSchema.shape));
    for (const option of ['managedIdentity', 'clientSecret'] as const) {
      const unknown = [...appSettings(option).keys()].filter(
        (n) => !serviceSettings.has(n) && !PLATFORM_SETTINGS.has(n),
      );
      expect(unknown).toEqual([]);
    }
  });

  it('gives the service a valid configuration whose SSO audience is the manifest’s (secretless option)', () => {
    const env = serviceEnv('managedIdentity');
    const config = configFromEnv(parseEnv(env));
    const manifest = resolvedManifest('dev', PROVISIONED_DEV);
    const sso = manifest.webApplicationInfo as { id: string; resource: string };
    expect(config.clientId).toBe(sso.id);
    expect(config.identifierUri).toBe(sso.resource);
    expect(config.tenantId).toBe(PROVISIONED_DEV.AAD_APP_TENANT_ID);
    expect(config.allowedTenants).toEqual([PROVISIONED_DEV.AAD_APP_TENANT_ID]);
    expect(config.credential).toEqual({
      kind: 'managedIdentity',
      managedIdentityClientId: PROVISIONED_DEV.MANAGED_IDENTITY_CLIENT_ID,
    });
    expect(config.publicUrl).toBe(PROVISIONED_DEV.TAB_ENDPOINT);
    expect(config.bot).toEqual({
      appId: PROVISIONED_DEV.BOT_ID,
      appType: 'UserAssignedMSI',
      appTenantId: PROVISIONED_DEV.BOT_TENANT_ID,
      oauthConnection: 'TeamsSso',
    });
    expect(config.local).toBeUndefined();
  });

  it('reads the client secret option from Key Vault through a reference, and sets exactly one credential', () => {
    expect(appSettings('clientSecret').get('CLIENT_SECRET')).toBe(
      "'@Microsoft.KeyVault(SecretUri=${keyVault.properties.vaultUri}secrets/${oboSecretName})'",
    );
    expect(resource('oboSecret').text).toContain('name: oboSecretName');
    const config = configFromEnv(parseEnv(serviceEnv('clientSecret')));
    expect(config.credential).toEqual({ kind: 'secret', clientSecret: 'value-from-key-vault' });
    expect(bicep.code).toContain(
      'union(baseSettings, useClientSecret ? clientSecretSettings : managedIdentitySettings)',
    );
  });

  it('names its outputs as the environment variables Teams Toolkit writes, all declared in env/.env.dev', () => {
    const declared = declaredKeys('dev');
    for (const name of bicep.outputs.keys()) {
      expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect({ name, declared: declared.has(name) }).toEqual({ name, declared: true });
    }
    expect(
      evaluate(bicep.outputs.get('TAB_ENDPOINT')!.expr, { ...ctx, outputs: { TAB_DOMAIN: 'h.example' } }),
    ).toBe('https://h.example');
    expect(bicep.outputs.get('FEDERATED_CREDENTIAL_ISSUER')!.expr).toBe(
      "'${environment().authentication.loginEndpoint}${identity.properties.tenantId}/v2.0'",
    );
  });
});
