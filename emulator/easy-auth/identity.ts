import { httpsJson } from './https-json.ts';

/** The Microsoft provider as App Service authentication is configured with it: the app registration, confidential. */
export interface ProviderSettings {
  /** `{authorityHost}/{tenantId}`: `/oauth2/v2.0/authorize`, `/token` and `/logout` live under it. */
  readonly authority: string;
  readonly clientId: string;
  /** The app's credential (App Service: `MICROSOFT_PROVIDER_AUTHENTICATION_SECRET`). */
  readonly clientSecret: string;
  /** `openid profile offline_access api://…/access_as_user`: `loginParameters` asking for our API. */
  readonly scopes: readonly string[];
  /** CA to trust for the authority (the emulator's). */
  readonly ca?: string;
}

/** What the token endpoint answered: the token store's content. */
export interface TokenResponse {
  readonly accessToken: string;
  readonly idToken: string;
  readonly refreshToken?: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** An Entra error answer, kept whole for the error page (`AADSTS…`, trace and correlation ids). */
export class ProviderError extends Error {
  readonly error: string;
  readonly description: string;
  readonly traceId?: string;
  readonly correlationId?: string;
  constructor(fields: { error: string; description: string; traceId?: string; correlationId?: string }) {
    super(fields.description);
    this.name = 'ProviderError';
    this.error = fields.error;
    this.description = fields.description;
    if (fields.traceId) this.traceId = fields.traceId;
    if (fields.correlationId) this.correlationId = fields.correlationId;
  }
}

async function tokenRequest(
  settings: ProviderSettings,
  grant: Record<string, string>,
  now: () => number,
): Promise<TokenResponse> {
  const form = new URLSearchParams({
    client_id: settings.clientId,
    client_secret: settings.clientSecret,
    scope: settings.scopes.join(' '),
    ...grant,
  });
  let answer: { status: number; body: unknown };
  try {
    answer = await httpsJson(`${settings.authority}/oauth2/v2.0/token`, {
      form,
      ...(settings.ca ? { ca: settings.ca } : {}),
      timeoutMessage: 'token endpoint timed out',
    });
  } catch {
    throw new ProviderError({
      error: 'temporarily_unavailable',
      description: 'Entra ID could not be reached.',
    });
  }
  const body = (answer.body ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
  const accessToken = text('access_token');
  const idToken = text('id_token');
  if (answer.status !== 200 || !accessToken || !idToken) {
    throw new ProviderError({
      error: text('error') ?? 'invalid_response',
      description: text('error_description') ?? `The token endpoint answered HTTP ${answer.status}.`,
      ...(text('trace_id') ? { traceId: text('trace_id')! } : {}),
      ...(text('correlation_id') ? { correlationId: text('correlation_id')! } : {}),
    });
  }
  const expiresIn = Number(body.expires_in);
  const refreshToken = text('refresh_token');
  return {
    accessToken,
    idToken,
    ...(refreshToken ? { refreshToken } : {}),
    expiresAt: now() + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000,
  };
}

/** The authorization code, redeemed with the app's own credential (App Service is a confidential client). */
export function redeemCode(
  settings: ProviderSettings,
  code: string,
  redirectUri: string,
  now: () => number,
): Promise<TokenResponse> {
  return tokenRequest(settings, { grant_type: 'authorization_code', code, redirect_uri: redirectUri }, now);
}

/** `/.auth/refresh`: the stored refresh token for new tokens. */
export function refreshTokens(
  settings: ProviderSettings,
  refreshToken: string,
  now: () => number,
): Promise<TokenResponse> {
  return tokenRequest(settings, { grant_type: 'refresh_token', refresh_token: refreshToken }, now);
}

/** The authorize URL for a login (`response_mode=query`: the callback is a GET). */
export function authorizeUrl(
  settings: ProviderSettings,
  params: { redirectUri: string; state: string; nonce: string; prompt?: string; loginHint?: string },
): string {
  const query = new URLSearchParams({
    client_id: settings.clientId,
    response_type: 'code',
    redirect_uri: params.redirectUri,
    response_mode: 'query',
    scope: settings.scopes.join(' '),
    state: params.state,
    nonce: params.nonce,
  });
  if (params.prompt) query.set('prompt', params.prompt);
  if (params.loginHint) query.set('login_hint', params.loginHint);
  return `${settings.authority}/oauth2/v2.0/authorize?${query.toString()}`;
}

/** Reads a JWT's payload without verifying it: the token came straight from the token endpoint over TLS. */
export function jwtClaims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1] ?? '';
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
