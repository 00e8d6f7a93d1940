import { z } from 'zod';
import { isAppError } from '../../../src/domain/errors.ts';
import type { Logger } from 'pino';
import type { OboExchanger, TokenValidator, VmService } from '../../../src/domain/services.ts';
import type { SignedInUser } from '../../../src/domain/user.ts';
import { senderIdentity } from '../identity.ts';
import { checkSsoToken } from '../sso/check-token.ts';
import type { TurnInfo } from '../turn.ts';
import type { InvokeResult } from '../turn.ts';
import { composeError, composeMessage, silentAuth } from './responses.ts';

export interface ComposeAuthDeps {
  readonly tokens: TokenValidator;
  readonly obo: OboExchanger;
  /** The sign-in page offered with `silentAuth` (for when Teams cannot get a token silently). */
  readonly signInUrl: string;
}

/** What the compose-box handlers (search, link unfurling) need: sign-in, then the VM service as the user. */
export interface ComposeDeps extends ComposeAuthDeps {
  readonly vms: VmService;
  readonly logger: Logger;
}

/** `value.authentication` of a compose-extension invoke (Teams' SSO for message extensions). */
export const composeAuthentication = z
  .object({ token: z.string().max(16_384).optional() })
  .passthrough()
  .nullish();

export type ComposeAuth =
  { readonly ok: true; readonly user: SignedInUser } | { readonly ok: false; readonly answer: InvokeResult };

/**
 * Who a compose-extension invoke acts as: the SSO token Teams put in `value.authentication.token`, validated and
 * proven exchangeable (OBO) by the same check as every other sign-in, and belonging to the sender. No token →
 * `silentAuth`; consent missing → 412 `ConsentRequired` (Teams' consent path); a token that fails validation or is someone
 * else's → 412 `InvalidToken` (as `signin/tokenExchange` answers it), in the contract's shape.
 */
export async function authenticateCompose(
  deps: ComposeAuthDeps,
  info: Pick<TurnInfo, 'from' | 'tenantId'>,
  token: string | undefined,
): Promise<ComposeAuth> {
  if (!token) return { ok: false, answer: silentAuth(deps.signInUrl) };
  const sender = senderIdentity(info);
  if (!sender)
    return {
      ok: false,
      answer: composeError(412, 'InvalidToken', 'The request does not identify a Microsoft Entra user.'),
    };
  const check = await checkSsoToken(deps, token, sender);
  if (check.ok) return check;
  switch (check.reason) {
    case 'consentRequired':
      return { ok: false, answer: composeError(412, 'ConsentRequired', check.message) };
    case 'unavailable':
      return { ok: false, answer: composeMessage(check.message) };
    case 'wrongUser':
    case 'invalidToken':
      return { ok: false, answer: composeError(412, 'InvalidToken', check.message) };
  }
}

/** The answer when the VM service says the user's token stopped working mid-request; undefined for other errors. */
export function signInAnswer(
  deps: Pick<ComposeAuthDeps, 'signInUrl'>,
  error: unknown,
): InvokeResult | undefined {
  if (!isAppError(error)) return undefined;
  if (error.code === 'ConsentRequired')
    return composeError(412, 'ConsentRequired', 'Consent is required before the app can act for you.');
  if (error.code === 'InvalidToken') return silentAuth(deps.signInUrl);
  return undefined;
}
