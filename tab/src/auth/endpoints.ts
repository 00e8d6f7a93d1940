/** Entra ID v2 endpoint URLs and request bodies. Pure functions: no I/O. */

export type Prompt = 'consent' | 'select_account' | 'login' | 'none';

export interface AuthorizeRequest {
  /** `${authorityHost}/${tenantId}` */
  readonly authority: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly state: string;
  readonly codeChallenge: string;
  readonly prompt?: Prompt;
  readonly loginHint?: string;
}

export function authorizeUrl(request: AuthorizeRequest): string {
  const params = new URLSearchParams({
    client_id: request.clientId,
    response_type: 'code',
    redirect_uri: request.redirectUri,
    response_mode: 'query',
    scope: request.scopes.join(' '),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  });
  if (request.prompt) params.set('prompt', request.prompt);
  if (request.loginHint) params.set('login_hint', request.loginHint);
  return `${request.authority}/oauth2/v2.0/authorize?${params.toString()}`;
}

/** The parts of an authorization response (redirect query) the flow needs. */
export type AuthorizeResponse =
  | { readonly kind: 'code'; readonly code: string; readonly state: string }
  | { readonly kind: 'error'; readonly error: string; readonly description: string; readonly state?: string };

export function parseAuthorizeResponse(search: string): AuthorizeResponse {
  const params = new URLSearchParams(search);
  const state = params.get('state') ?? undefined;
  const error = params.get('error');
  if (error)
    return {
      kind: 'error',
      error,
      description: params.get('error_description') ?? error,
      ...(state !== undefined && { state }),
    };
  const code = params.get('code');
  if (!code || state === undefined)
    return {
      kind: 'error',
      error: 'invalid_response',
      description: 'The sign-in response has no code or state.',
      ...(state !== undefined && { state }),
    };
  return { kind: 'code', code, state };
}
