import { isAppError } from '../../../src/domain/errors.ts';
import { categoryOf } from '../../../contract/errors.ts';
import type { OboExchanger, TokenValidator } from '../../../src/domain/services.ts';
import type { SignedInUser } from '../../../src/domain/user.ts';
import type { SenderIdentity } from '../identity.ts';

export type TokenCheck =
  | { readonly ok: true; readonly user: SignedInUser }
  | {
      readonly ok: false;
      /**
       * `invalidToken`: failed validation; `wrongUser`: valid but not the activity's sender;
       * `consentRequired`: the user must consent before OBO works; `unavailable`: Entra could not be reached.
       */
      readonly reason: 'invalidToken' | 'wrongUser' | 'consentRequired' | 'unavailable';
      readonly message: string;
    };

/**
 * Validates a Teams SSO token through the service's validator, requires it to belong to the person
 * who sent the activity, and proves it can be exchanged (OBO) — the one path the service also uses.
 */
export async function checkSsoToken(
  deps: { readonly tokens: TokenValidator; readonly obo: OboExchanger },
  token: string,
  sender: SenderIdentity,
): Promise<TokenCheck> {
  let user: SignedInUser;
  try {
    user = await deps.tokens.validate(token);
  } catch (error) {
    return failure(error, 'invalidToken', 'The sign-in token is not valid.');
  }
  if (
    user.oid.toLowerCase() !== sender.oid.toLowerCase() ||
    user.tid.toLowerCase() !== sender.tenantId.toLowerCase()
  ) {
    return {
      ok: false,
      reason: 'wrongUser',
      message: 'The sign-in token belongs to someone else than the sender.',
    };
  }
  try {
    await deps.obo.ensureExchangeable(user);
  } catch (error) {
    return failure(error, 'invalidToken', 'The sign-in token cannot be exchanged.');
  }
  return { ok: true, user };
}

function failure(error: unknown, fallback: 'invalidToken', fallbackMessage: string): TokenCheck {
  if (isAppError(error)) {
    if (error.code === 'ConsentRequired') {
      return {
        ok: false,
        reason: 'consentRequired',
        message: 'Consent is required before the app can act for you.',
      };
    }
    const category = categoryOf(error.code);
    if (category === 'unavailable' || category === 'limited' || category === 'internal') {
      return {
        ok: false,
        reason: 'unavailable',
        message: 'Sign-in is unavailable right now. Try again in a moment.',
      };
    }
  }
  return { ok: false, reason: fallback, message: fallbackMessage };
}
