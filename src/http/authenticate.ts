import type { Request } from 'restify';
import { bearerToken } from '../auth/bearer.ts';
import { invalidToken } from '../auth/errors.ts';
import type { TokenValidator } from '../domain/services.ts';
import type { SignedInUser } from '../domain/user.ts';
import type { RequestContexts } from './context.ts';

/** Validates the request's bearer token; records the user's oid for the request log. */
export type Authenticate = (req: Request) => Promise<SignedInUser>;

export function createAuthenticate(tokens: TokenValidator, contexts: RequestContexts): Authenticate {
  return async (req) => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw invalidToken('A bearer token is required in the Authorization header.');
    const user = await tokens.validate(token);
    const context = contexts.of(req);
    if (context) context.userOid = user.oid;
    return user;
  };
}
