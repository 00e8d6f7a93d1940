import { describe, expect, it } from '@jest/globals';
import { DEFAULT_OAUTH_CONNECTION } from '../../bot/index.ts';
import { resolvePlaceholders } from '../../scripts/package-app.ts';
import { configFromEnv, parseEnv } from '../../src/config/index.ts';
import { evaluate, objectEntries, parseBicep, type EvaluationContext } from './bicep.ts';
import { PROVISIONED_DEV, environment, readJson, readText, resolvedManifest } from './support.ts';

const bicep = parseBicep(readText('infra/azure.bicep'));
const ctx: EvaluationContext = {
  bicep,
  params: {
    aadAppClientId: PROVISIONED_DEV.AAD_APP_CLIENT_ID!,
    aadAppTenantId: PROVISIONED_DEV.AAD_APP_TENANT_ID!,
  },
  outputs: PROVISIONED_DEV,
};
/** What App Service resolves at run time (Key Vault references, the cache's host). */
const RUNTIME: Readonly<Record<string, string>> = {
  STATE_ENCRYPTION_KEY: 'ab'.repeat(32),
  REDIS_URL: 'rediss://vmm-dev-abc-state.redis.cache.windows.net:6380',
  MANAGED_IDENTITY_CLIENT_ID: PROVISIONED_DEV.MANAGED_IDENTITY_CLIENT_ID!,
};
const connection = bicep.resources.find((r) => r.type === 'Microsoft.BotService/botServices/connections');
/** `key: value` of the connection declaration (first occurrence), evaluated. */
const property = (key: string): string | undefined => {
  const line = new RegExp(`^\\s*${key}: (.+)$`, 'm').exec(connection?.text ?? '')?.[1];
  return line === undefined ? undefined : evaluate(line, ctx);
};
/** `{ key: 'tokenExchangeUrl', value: … }` of the connection's parameters, evaluated. */
const parameter = (key: string): string | undefined => {
  const match = new RegExp(`key: '${key}'\\s*\\n\\s*value: (.+)`).exec(connection?.text ?? '')?.[1];
  return match === undefined ? undefined : evaluate(match, ctx);
};
const settings = objectEntries(bicep.vars.get('baseSettings')!);
const aad = JSON.parse(
  resolvePlaceholders(readText('aad.manifest.json'), environment('dev', PROVISIONED_DEV)),
) as { identifierUris: string[]; web: { redirectUris: string[] } };

describe('the Azure Bot OAuth connection (BOT_OAUTH_CONNECTION)', () => {
  it('is declared on the bot with the configured name, whose default is the bot’s', () => {
    expect(connection).toBeDefined();
    expect(connection!.text).toMatch(/parent: bot\b/);
    expect(connection!.text).toMatch(/name: botOAuthConnectionName\b/);
    expect(evaluate(bicep.params.get('botOAuthConnectionName')!.defaultExpr!, ctx)).toBe(
      DEFAULT_OAUTH_CONNECTION,
    );
    // The service is told the same name: every loginRequest and OAuthCard names it.
    expect(settings.get('BOT_OAUTH_CONNECTION')).toBe('botOAuthConnectionName');
    const env: Record<string, string> = { ...RUNTIME };
    for (const [name, expr] of settings) {
      const value = RUNTIME[name] ?? evaluate(expr, ctx);
      if (
        value !== undefined &&
        !/^(WEBSITE_|SCM_|NODE_ENV|APPLICATIONINSIGHTS|ApplicationInsights)/.test(name)
      )
        env[name] = value;
    }
    expect(configFromEnv(parseEnv(env)).bot.oauthConnection).toBe(DEFAULT_OAUTH_CONNECTION);
    const renamed = { ...env, BOT_OAUTH_CONNECTION: 'VmManagerSso' };
    expect(configFromEnv(parseEnv(renamed)).bot.oauthConnection).toBe('VmManagerSso');
  });

  it('is Microsoft Entra ID v2 for the app registration: token exchange URL = identifier URI, scope access_as_user', () => {
    expect(property('serviceProviderDisplayName')).toBe('Azure Active Directory v2');
    expect(property('clientId')).toBe(PROVISIONED_DEV.AAD_APP_CLIENT_ID);
    const identifierUri = evaluate(settings.get('IDENTIFIER_URI')!, ctx);
    expect(identifierUri).toBe(`api://${PROVISIONED_DEV.BOT_DOMAIN}/botid-${PROVISIONED_DEV.BOT_ID}`);
    expect(parameter('tokenExchangeUrl')).toBe(identifierUri);
    expect(property('scopes')).toBe(`${identifierUri}/access_as_user`);
    expect(parameter('tenantID')).toBe(PROVISIONED_DEV.AAD_APP_TENANT_ID);
  });

  it('agrees with the app registration and the Teams manifest', () => {
    // The app registration's identifier URI is the token exchange URL, and the token service may redirect to it.
    expect(aad.identifierUris).toEqual([parameter('tokenExchangeUrl')]);
    expect(aad.web.redirectUris).toContain('https://token.botframework.com/.auth/web/redirect');
    const manifest = resolvedManifest('dev', PROVISIONED_DEV);
    expect((manifest.webApplicationInfo as { resource?: string } | undefined)?.resource).toBe(
      parameter('tokenExchangeUrl'),
    );
    expect(manifest.validDomains).toContain('token.botframework.com');
  });

  it('keeps its client secret in Key Vault, never in the clear in an app setting', () => {
    expect(bicep.params.get('botOAuthClientSecret')?.decorators).toContain('@secure()');
    const secret = bicep.resources.find((r) => r.symbol === 'oauthSecret');
    expect(secret?.type).toBe('Microsoft.KeyVault/vaults/secrets');
    expect(secret?.text).toMatch(/parent: keyVault/);
    expect([...settings.values()].some((v) => /oauthClientSecret|botOAuthClientSecret/.test(v))).toBe(false);
  });

  it('documents the connection and the 401 Teams shows without it', () => {
    expect(readText('docs/deploy.md')).toMatch(/OAuth connection/);
    expect(readText('docs/troubleshooting.md')).toMatch(/Unexpected response type for Status Code: 401/);
    expect(readJson<Record<string, unknown>>('aad.manifest.json')).toBeDefined();
  });
});
