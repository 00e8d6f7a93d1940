import { codeRedemptionBody, refreshBody, tokenUrl, type CodeRedemption } from './endpoints.ts';

/** What the token endpoint gave us. */
export interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** An Entra error response (`{error, error_description}`) or an unreachable endpoint (`error` = `network_error`). */
export class TokenEndpointError extends Error {
  readonly error: string;
  readonly status: number;
  constructor(error: string, description: string, status: number, options?: ErrorOptions) {
    super(description, options);
    this.name = 'TokenEndpointError';
    this.error = error;
    this.status = status;
  }
}

export interface TokenClientOptions {
  readonly authority: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/** The public-client (SPA) half of the token endpoint: code + PKCE redemption and refresh. */
export interface TokenClient {
  redeemCode(request: CodeRedemption): Promise<TokenSet>;
  refresh(request: {
    readonly clientId: string;
    readonly refreshToken: string;
    readonly scopes: readonly string[];
  }): Promise<TokenSet>;
}

export function createTokenClient(options: TokenClientOptions): TokenClient {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;

  async function post(body: URLSearchParams): Promise<TokenSet> {
    let response: Response;
    try {
      response = await fetchFn(tokenUrl(options.authority), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    } catch (error) {
      throw new TokenEndpointError('network_error', 'The sign-in service could not be reached.', 0, {
        cause: error,
      });
    }
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof json.access_token !== 'string') {
      const error = typeof json.error === 'string' ? json.error : 'invalid_response';
      const description =
        typeof json.error_description === 'string'
          ? json.error_description
          : `The token endpoint answered HTTP ${response.status}.`;
      throw new TokenEndpointError(error, description, response.status);
    }
    const expiresIn = Number(json.expires_in);
    return {
      accessToken: json.access_token,
      ...(typeof json.refresh_token === 'string' && { refreshToken: json.refresh_token }),
      expiresAt: now() + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000,
    };
  }

  return {
    redeemCode: (request) => post(codeRedemptionBody(request)),
    refresh: (request) => post(refreshBody(request)),
  };
}
