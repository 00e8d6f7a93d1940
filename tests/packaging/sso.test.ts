import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AUTH_END_PATH } from '../../tab/src/auth/redirects.ts';
import { createTokenValidator } from '../../src/auth/token-validator.ts';
import { PREAUTHORIZED_CLIENT_APPS, SSO_SCOPE } from '../../src/config/index.ts';
import { createCaFetch } from '../../src/net/https-fetch.ts';
import { startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { PROVISIONED_DEV, readJson, resolvedManifest } from './support.ts';

interface AadManifest {
  id: string;
  appId: string;
  signInAudience: string;
  identifierUris: string[];
  api: {
    requestedAccessTokenVersion: number;
    oauth2PermissionScopes: Array<{ id: string; value: string; type: string; isEnabled: boolean }>;
    preAuthorizedApplications: Array<{ appId: string; delegatedPermissionIds: string[] }>;
  };
  requiredResourceAccess: Array<{
    resourceAppId: string;
    resourceAccess: Array<{ id: string; type: string }>;
  }>;
  optionalClaims?: Record<
    'accessToken' | 'idToken' | 'saml2Token',
    Array<{ name: string; source: string | null; essential: boolean; additionalProperties: string[] }>
  >;
  web: { redirectUris: string[] };
  spa: { redirectUris: string[] };
}

const aad = readJson<AadManifest>('aad.manifest.json');
const teams = readJson<{ webApplicationInfo: { id: string; resource: string } }>('appPackage/manifest.json');

/** Microsoft 365 clients that request Teams SSO tokens (learn.microsoft.com: tab-sso-register-aad). */
const MICROSOFT_365_CLIENTS = {
  'Teams desktop and mobile': '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
  'Teams web': '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
  'Microsoft 365 web': '4765445b-32c6-49b0-83e6-1d93765276ca',
  'Microsoft 365 desktop': '0ec893e0-5785-4de6-99da-4ed124e5296c',
  'Microsoft 365 mobile and Outlook desktop': 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
  'Outlook web': 'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
  'Outlook mobile': '27922004-5251-4030-b22d-91ecd9a37ea4',
};
const AZURE_SERVICE_MANAGEMENT = '797f4846-ba00-4fd7-ba43-dac1f8f63013';
const USER_IMPERSONATION = '41094075-9dad-400e-a0bd-54e686782033';
const MICROSOFT_GRAPH = '00000003-0000-0000-c000-000000000000';
const GRAPH_OPENID_PROFILE_OFFLINE = [
  '37f7f235-527c-4136-accd-4a02d197296e',
  '14dad69e-099b-42c9-810b-d002981feec1',
  '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
];

describe('aad.manifest.json (the app registration)', () => {
  it('is the registration the Teams manifest points SSO at', () => {
    expect(teams.webApplicationInfo.id).toBe(aad.appId);
    expect(aad.appId).toBe('${{AAD_APP_CLIENT_ID}}');
    expect(aad.identifierUris).toEqual([teams.webApplicationInfo.resource]);
    expect(teams.webApplicationInfo.resource).toBe('api://${{BOT_DOMAIN}}/botid-${{BOT_ID}}');
  });

  it('exposes access_as_user (the scope the service requires) to users, in v2 tokens, for this tenant only', () => {
    const [scope, ...others] = aad.api.oauth2PermissionScopes;
    expect(others).toEqual([]);
    expect(scope).toMatchObject({
      value: SSO_SCOPE,
      type: 'User',
      isEnabled: true,
      id: '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}',
    });
    expect(aad.api.requestedAccessTokenVersion).toBe(2);
    expect(aad.signInAudience).toBe('AzureADMyOrg');
  });

  it('pre-authorizes the Teams, Microsoft 365 and Outlook clients for that scope', () => {
    const byId = new Map(aad.api.preAuthorizedApplications.map((p) => [p.appId, p.delegatedPermissionIds]));
    expect(byId.size).toBe(aad.api.preAuthorizedApplications.length);
    for (const [client, id] of Object.entries(MICROSOFT_365_CLIENTS)) {
      expect({ client, scopes: byId.get(id) }).toEqual({
        client,
        scopes: [aad.api.oauth2PermissionScopes[0]!.id],
      });
    }
  });

  it('lets exactly the pre-authorized clients call the service by default (ALLOWED_CLIENT_APPS)', () => {
    expect([...PREAUTHORIZED_CLIENT_APPS].sort()).toEqual(
      aad.api.preAuthorizedApplications.map((p) => p.appId).sort(),
    );
  });

  it('asks for Azure Service Management user_impersonation (OBO to ARM) and openid, profile, offline_access', () => {
    expect(aad.requiredResourceAccess).toEqual([
      {
        resourceAppId: AZURE_SERVICE_MANAGEMENT,
        resourceAccess: [{ id: USER_IMPERSONATION, type: 'Scope' }],
      },
      {
        resourceAppId: MICROSOFT_GRAPH,
        resourceAccess: GRAPH_OPENID_PROFILE_OFFLINE.map((id) => ({ id, type: 'Scope' })),
      },
    ]);
  });

  it('asks for the idtyp claim in access tokens, for user tokens too (the service refuses any idtyp but user)', () => {
    // learn.microsoft.com optional-claims-reference: idtyp is emitted only in app-only tokens (value `app`) unless
    // the additional property include_user_token is set; the Agents Toolkit warns when idtyp is missing.
    expect(aad.optionalClaims?.accessToken).toEqual([
      { name: 'idtyp', source: null, essential: false, additionalProperties: ['include_user_token'] },
    ]);
    expect(aad.optionalClaims?.idToken).toEqual([]);
    expect(aad.optionalClaims?.saml2Token).toEqual([]);
  });

  it('registers the tab’s consent page and its MSAL sign-in (the tab itself) as SPA redirect URIs, and nothing else', () => {
    expect(aad.spa.redirectUris).toEqual([
      `https://\${{TAB_DOMAIN}}${AUTH_END_PATH}`,
      'https://${{TAB_DOMAIN}}/',
    ]);
    // App Service authentication's callback (a confidential web client), when the web app runs behind it.
    expect(aad.web.redirectUris).toContain('https://${{TAB_DOMAIN}}/.auth/login/aad/callback');
    // The Bot Framework token service's, for the Azure Bot's OAuth connection (channels' sign-in link).
    expect(aad.web.redirectUris).toContain('https://token.botframework.com/.auth/web/redirect');
  });
});

describe('SSO audience, end to end', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('local: the manifest names the emulator’s app registration', async () => {
    const config = (await emulator.call('/_emulator/config')).json<{
      app: { clientId: string; identifierUri: string };
    }>();
    expect(resolvedManifest('local').webApplicationInfo).toEqual({
      id: config.app.clientId,
      resource: config.app.identifierUri,
    });
  });

  it('local: the service’s token check accepts the SSO token Teams would get for that resource', async () => {
    const config = (await emulator.call('/_emulator/config')).json<{
      tenantId: string;
      authorityHost: string;
    }>();
    const sso = resolvedManifest('local').webApplicationInfo as { id: string; resource: string };
    // As src/app.ts builds it: audiences = [client id (v2 tokens), identifier URI (v1 tokens)].
    const validator = createTokenValidator({
      jwksUri: `${config.authorityHost}/${config.tenantId}/discovery/v2.0/keys`,
      authorityHost: config.authorityHost,
      allowedTenants: [config.tenantId],
      audiences: [sso.id, sso.resource],
      requiredScope: SSO_SCOPE,
      allowedClientApps: [...PREAUTHORIZED_CLIENT_APPS, sso.id],
      fetch: createCaFetch(emulator.ca),
    });
    const user = await validator.validate(await emulator.ssoToken('alice'));
    expect(user.upn).toBe('alice@contoso.onmicrosoft.com');
    await expect(
      validator.validate(await emulator.ssoToken('alice', { audience: 'api://other' })),
    ).rejects.toMatchObject({
      code: 'InvalidToken',
    });
  });

  it('dev: the resolved manifest and app registration agree on the provisioned values', () => {
    const manifest = resolvedManifest('dev', PROVISIONED_DEV);
    expect(manifest.webApplicationInfo).toEqual({
      id: PROVISIONED_DEV.AAD_APP_CLIENT_ID,
      resource: `api://${PROVISIONED_DEV.BOT_DOMAIN}/botid-${PROVISIONED_DEV.BOT_ID}`,
    });
  });
});
