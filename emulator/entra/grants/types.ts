import type { EntraRequest } from '../request.ts';

/** A token endpoint request after method, content type and grant_type have been checked. */
export interface GrantRequest extends EntraRequest {
  readonly params: URLSearchParams;
  /** The browser Origin, for cross-origin (SPA) redemption rules. */
  readonly origin: string | undefined;
}

/** The success body MSAL accepts. */
export interface TokenResponseBody {
  readonly token_type: 'Bearer';
  readonly scope?: string;
  readonly expires_in: number;
  readonly ext_expires_in: number;
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly id_token?: string;
  readonly client_info?: string;
}

/** One grant type's handler. Throws `EntraError` for protocol errors. */
export type Grant = (request: GrantRequest) => Promise<TokenResponseBody>;
