import type { ProviderSettings } from './identity.ts';

/** The part of the emulator's `GET /_emulator/config` the front door needs: the app registration. */
export interface EmulatorAppConfig {
  readonly tenantId: string;
  readonly authorityHost: string;
  readonly app: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly identifierUri: string;
    readonly scope: string;
  };
}

/**
 * App Service authentication as infra/azure.bicep configures it: the app registration as Microsoft provider and
 * `loginParameters` asking for `openid profile offline_access {identifierUri}/access_as_user`, so the token store's
 * access token is one for our API (not Microsoft Graph).
 */
export function providerFromEmulator(config: EmulatorAppConfig, ca?: string): ProviderSettings {
  const text = (v: unknown, name: string) => {
    if (typeof v !== 'string' || v === '') throw new Error(`emulator config: ${name} is missing`);
    return v;
  };
  const authorityHost = text(config.authorityHost, 'authorityHost').replace(/\/+$/, '');
  const identifierUri = text(config.app?.identifierUri, 'app.identifierUri').replace(/\/+$/, '');
  return {
    authority: `${authorityHost}/${text(config.tenantId, 'tenantId')}`,
    clientId: text(config.app?.clientId, 'app.clientId'),
    clientSecret: text(config.app?.clientSecret, 'app.clientSecret'),
    scopes: [
      'openid',
      'profile',
      'offline_access',
      `${identifierUri}/${config.app.scope || 'access_as_user'}`,
    ],
    ...(ca ? { ca } : {}),
  };
}
