/**
 * App Service authentication in the deployment: the template's option turns on authsettingsV2 the way the service
 * and the tab expect (Microsoft provider = the app registration, token store on, the login asking for the API scope,
 * the unauthenticated action per path) and sets EASY_AUTH; the app registration lists the callback.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ROOT } from '../support/paths.ts';
import { parseBicep } from './bicep.ts';

const text = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const bicep = parseBicep(text('infra/azure.bicep'));

describe('App Service authentication (infra/azure.bicep)', () => {
  const auth = bicep.resources.find((r) => r.symbol === 'authSettings');

  it('is an option, off by default', () => {
    expect(bicep.params.get('enableAppServiceAuthentication')).toMatchObject({
      type: 'bool',
      defaultExpr: 'false',
    });
    expect(auth?.type).toBe('Microsoft.Web/sites/config');
    expect(auth?.text).toMatch(/= if \(enableAppServiceAuthentication\)/);
    expect(auth?.text).toContain("name: 'authsettingsV2'");
  });

  it('Microsoft provider with the app registration, token store on, the API scope in loginParameters', () => {
    const t = auth!.text;
    expect(t).toMatch(/azureActiveDirectory: \{\s+enabled: true/);
    expect(t).toContain('clientId: aadAppClientId');
    expect(t).toContain(
      "openIdIssuer: '${environment().authentication.loginEndpoint}${aadAppTenantId}/v2.0'",
    );
    expect(t).toMatch(/tokenStore: \{\s+enabled: true/);
    expect(t).toContain(
      "'scope=openid profile email offline_access api://${host}/botid-${identity.properties.clientId}/access_as_user'",
    );
    expect(t).toContain("unauthenticatedClientAction: 'RedirectToLoginPage'");
    // Teams frames the tab and Bot Framework signs its own requests: those paths stay anonymous.
    for (const path of ['/', '/assets/*', '/client-config.json', '/api/health', '/api/messages'])
      expect(t).toContain(`'${path}'`);
  });

  it('sets EASY_AUTH for the service (true with the option, false without)', () => {
    expect(bicep.vars.get('easyAuthSettings')).toContain("EASY_AUTH: 'true'");
    expect(bicep.code).toContain(
      "enableAppServiceAuthentication ? easyAuthSettings : { EASY_AUTH: 'false' }",
    );
  });

  it('registers /.auth/login/aad/callback as a web redirect URI of the app registration', () => {
    const aad = JSON.parse(text('aad.manifest.json')) as { web: { redirectUris: string[] } };
    expect(aad.web.redirectUris).toContain('https://${{TAB_DOMAIN}}/.auth/login/aad/callback');
  });
});
