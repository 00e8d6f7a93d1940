/**
 * Sign-in payloads for Teams SSO without an Azure Bot OAuth connection (the TeamsFx pattern): an
 * OAuthCard whose `tokenExchangeResource` tells Teams to get an SSO token for our app silently, and a
 * sign-in button to the consent page for when it cannot.
 */

export const OAUTH_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.oauth';

export interface TokenExchangeResource {
  /** Correlates Teams' `signin/tokenExchange` invoke with this card. */
  readonly id: string;
  /** The app's identifier URI (`api://…/botid-…`): the audience Teams asks Entra for. */
  readonly uri: string;
}

export interface SignInButton {
  readonly type: 'signin';
  readonly title: string;
  readonly text: string;
  readonly value: string;
}

export interface OAuthCard {
  readonly text: string;
  readonly connectionName: string;
  readonly buttons: readonly SignInButton[];
  readonly tokenExchangeResource?: TokenExchangeResource;
}

export interface SignInSettings {
  /** Fallback sign-in / consent page, `${publicUrl}/auth-start.html`. */
  readonly signInUrl: string;
  readonly connectionName: string;
  readonly identifierUri: string;
}

/**
 * `text` for people: the bot's own words only, never data (an OAuthCard's text is not escaped the
 * way Adaptive Card text is); `exchangeId` present → Teams tries silent SSO first.
 */
export function oauthCard(settings: SignInSettings, text: string, exchangeId?: string): OAuthCard {
  return {
    text,
    connectionName: settings.connectionName,
    buttons: [{ type: 'signin', title: 'Sign in', text: 'Sign in', value: settings.signInUrl }],
    ...(exchangeId ? { tokenExchangeResource: { id: exchangeId, uri: settings.identifierUri } } : {}),
  };
}

/** The fallback page URL with the hints TeamsFx's consent pages read. */
export function signInUrl(input: {
  readonly publicUrl: string;
  readonly clientId: string;
  readonly tenantId: string;
  readonly scope: string;
}): string {
  const url = new URL(
    'auth-start.html',
    input.publicUrl.endsWith('/') ? input.publicUrl : `${input.publicUrl}/`,
  );
  url.searchParams.set('scope', input.scope);
  url.searchParams.set('clientId', input.clientId);
  url.searchParams.set('tenantId', input.tenantId);
  return url.toString();
}
