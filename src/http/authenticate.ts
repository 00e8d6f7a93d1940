import type { Request } from 'restify';
import { bearerToken } from '../auth/bearer.ts';
import { EASY_AUTH_TOKEN_HEADER, easyAuthToken } from '../auth/easy-auth.ts';
import { invalidToken } from '../auth/errors.ts';
import type { TokenValidator } from '../domain/services.ts';
import type { SignedInUser } from '../domain/user.ts';
import type { RequestContexts } from './context.ts';
import { assertNotCrossSite } from './csrf.ts';

/** Validates the request's bearer token; records the user's oid for the request log. */
export type Authenticate = (req: Request) => Promise<SignedInUser>;

export interface AuthenticateOptions {
  /**
   * `EASY_AUTH=true`: a request without `Authorization` may carry the user's access token in the App Service token
   * store's `X-MS-TOKEN-AAD-ACCESS-TOKEN` header. Same validator, same OBO path; changes must pass the CSRF check
   * (the session cookie makes such requests ambient). Off: the header is ignored.
   */
  readonly easyAuth?: boolean;
  /** Told of every signed-in request (the operations' resume-on-return). */
  readonly onSignedIn?: (user: SignedInUser) => void;
}

/**
 * One way in for every API route: `Authorization: Bearer` (Teams SSO, MSAL), or — behind App Service authentication
 * only — the token store's header. Either token goes through the one TokenValidator; `X-MS-CLIENT-PRINCIPAL*` is
 * never read.
 */
export function createAuthenticate(
  tokens: TokenValidator,
  contexts: RequestContexts,
  options: AuthenticateOptions = {},
): Authenticate {
  return async (req) => {
    const user = await validate(req);
    const context = contexts.of(req);
    if (context) context.userOid = user.oid;
    options.onSignedIn?.(user);
    return user;
  };

  async function validate(req: Request): Promise<SignedInUser> {
    if (req.headers.authorization !== undefined || !options.easyAuth) {
      const token = bearerToken(req.headers.authorization);
      if (!token) throw invalidToken('A bearer token is required in the Authorization header.');
      return tokens.validate(token);
    }
    const found = easyAuthToken(req.headers[EASY_AUTH_TOKEN_HEADER]);
    if (found.kind === 'absent') {
      throw invalidToken('Sign in: no bearer token and no App Service authentication session.');
    }
    if (found.kind === 'malformed') throw invalidToken(found.reason);
    const user = await tokens.validate(found.token);
    // Validated first (a bad token is a 401 whatever the method), then: a change must come from the app itself.
    assertNotCrossSite(req);
    return user;
  }
}
