import { describe, expect, it } from '@jest/globals';
import { DEFAULT_OAUTH_CONNECTION } from '../../bot/index.ts';
import {
  TOKEN_EXCHANGE_AUDIENCE,
  parseCli,
  tokenServiceSubject,
} from '../../infra/scripts/federated-credential.ts';
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
/** The client-secret fallback: a module, so that the secret comes from Key Vault (getSecret). */
const secretModule = bicep.modules.find((m) => m.symbol === 'botOAuthSecretConnection');
const secretTemplate = parseBicep(readText('infra/bot-oauth-connection-secret.bicep'));
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

  it('is secretless by default: "AAD v2 with Federated Credentials" for the app registration, token exchange URL = identifier URI, scope access_as_user', () => {
    expect(connection!.text).toMatch(/= if \(!useOAuthSecret\)/);
    expect(evaluate(bicep.params.get('botOAuthClientSecretName')!.defaultExpr!, ctx)).toBe('');
    expect(property('serviceProviderDisplayName')).toBe('AAD v2 with Federated Credentials');
    expect(property('serviceProviderId')).toBe('c00b44ab-5e16-c44c-af26-2fd5bc55eb18');
    expect(connection!.text).not.toMatch(/clientSecret/);
    expect(property('clientId')).toBe(PROVISIONED_DEV.AAD_APP_CLIENT_ID);
    expect(parameter('ClientId')).toBe(PROVISIONED_DEV.AAD_APP_CLIENT_ID);
    const identifierUri = evaluate(settings.get('IDENTIFIER_URI')!, ctx);
    expect(identifierUri).toBe(`api://${PROVISIONED_DEV.BOT_DOMAIN}/botid-${PROVISIONED_DEV.BOT_ID}`);
    expect(parameter('TokenExchangeUrl')).toBe(identifierUri);
    expect(property('scopes')).toBe(`${identifierUri}/access_as_user`);
    expect(parameter('TenantId')).toBe(PROVISIONED_DEV.AAD_APP_TENANT_ID);
    // The unique identifier is an output, for the federated credential step.
    expect(connection!.text).toMatch(/key: 'UniqueIdentifier'\s*\n\s*value: oauthUniqueIdentifier/);
    expect(bicep.outputs.get('BOT_OAUTH_UNIQUE_IDENTIFIER')?.expr).toBe('oauthUniqueIdentifier');
    expect(
      evaluate('oauthUniqueIdentifier', { ...ctx, params: { ...ctx.params, resourceBaseName: 'vmm-dev' } }),
    ).toBe(PROVISIONED_DEV.BOT_OAUTH_UNIQUE_IDENTIFIER);
  });

  it('is trusted by the app registration through the federated credential teamsapp.yml adds (the token service’s subject)', () => {
    const step = readText('teamsapp.yml')
      .split('\n')
      .find((l) => l.includes('federated-credential.ts') && l.includes('--token-service'));
    expect(step).toBeDefined();
    expect(step).toContain(
      '--token-service ${{BOT_OAUTH_UNIQUE_IDENTIFIER}} --tenant ${{AAD_APP_TENANT_ID}}',
    );
    const args = step!
      .replace(/^.*federated-credential\.ts /, '')
      .replace(/\$\{\{(\w+)\}\}/g, (_, name: string) => PROVISIONED_DEV[name] ?? '')
      .trim()
      .split(/\s+/);
    const { appId, credential } = parseCli(args);
    expect(appId).toBe(PROVISIONED_DEV.AAD_APP_CLIENT_ID);
    expect(credential).toMatchObject({
      issuer: `https://login.microsoftonline.com/${PROVISIONED_DEV.AAD_APP_TENANT_ID}/v2.0`,
      subject: tokenServiceSubject(
        PROVISIONED_DEV.AAD_APP_TENANT_ID!,
        PROVISIONED_DEV.BOT_OAUTH_UNIQUE_IDENTIFIER!,
      ),
      audiences: [TOKEN_EXCHANGE_AUDIENCE],
    });
    // /eid1/c/pub/t/{tenant}/a/{Bot Service Token Store}/{the connection's UniqueIdentifier}
    expect(credential.subject).toMatch(
      new RegExp(
        `^/eid1/c/pub/t/[\\w-]{22}/a/9ExAW52n_ky4ZiS_jhpJIQ/${PROVISIONED_DEV.BOT_OAUTH_UNIQUE_IDENTIFIER}$`,
      ),
    );
  });

  it('agrees with the app registration and the Teams manifest', () => {
    // The app registration's identifier URI is the token exchange URL, and the token service may redirect to it.
    expect(aad.identifierUris).toEqual([parameter('TokenExchangeUrl')]);
    expect(aad.web.redirectUris).toContain('https://token.botframework.com/.auth/web/redirect');
    const manifest = resolvedManifest('dev', PROVISIONED_DEV);
    expect((manifest.webApplicationInfo as { resource?: string } | undefined)?.resource).toBe(
      parameter('TokenExchangeUrl'),
    );
    expect(manifest.validDomains).toContain('token.botframework.com');
  });

  it('falls back to a client secret only when asked, read from Key Vault at deployment, never a template parameter', () => {
    // The fallback names a secret in the deployment's Key Vault; no parameter carries a secret value.
    expect([...bicep.params.keys()].filter((n) => /oauth/i.test(n)).sort()).toEqual([
      'botOAuthClientSecretName',
      'botOAuthConnectionName',
    ]);
    expect(bicep.vars.get('useOAuthSecret')).toBe('!empty(botOAuthClientSecretName)');
    expect(secretModule?.path).toBe('bot-oauth-connection-secret.bicep');
    expect(secretModule?.text).toMatch(/= if \(useOAuthSecret\)/);
    expect(secretModule?.text).toContain(
      'clientSecret: oauthSecretVault.getSecret(botOAuthClientSecretName)',
    );
    const vault = bicep.resources.find((r) => r.symbol === 'oauthSecretVault');
    expect(vault?.text).toMatch(/existing = if \(useOAuthSecret\)[\s\S]*name: keyVault\.name/);
    expect(bicep.resources.find((r) => r.symbol === 'keyVault')?.text).toContain(
      'enabledForTemplateDeployment: useOAuthSecret',
    );
    // The module's connection: the same name, Azure Active Directory v2 with the secret (a secure parameter).
    expect(secretTemplate.params.get('clientSecret')?.decorators).toContain('@secure()');
    const fallback = secretTemplate.resources.find(
      (r) => r.type === 'Microsoft.BotService/botServices/connections',
    );
    expect(fallback?.text).toContain("serviceProviderDisplayName: 'Azure Active Directory v2'");
    expect(fallback?.text).toContain('clientSecret: clientSecret');
    expect(secretModule?.text).toContain('connectionName: botOAuthConnectionName');
    expect([...settings.values()].some((v) => /[Ss]ecret/.test(v) && /oauth/i.test(v))).toBe(false);
  });

  it('documents the connection and the 401 Teams shows without it', () => {
    expect(readText('docs/deploy.md')).toMatch(/OAuth connection/);
    expect(readText('docs/troubleshooting.md')).toMatch(/Unexpected response type for Status Code: 401/);
    expect(readJson<Record<string, unknown>>('aad.manifest.json')).toBeDefined();
  });
});
