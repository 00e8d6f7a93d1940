import type { TokenSource } from '../api/client.ts';
import { ApiError } from '../api/errors.ts';
import type { TeamsSdk } from '../host/teams.ts';
import { AUTH_START_PATH } from './redirects.ts';
import { AADSTS_CODE } from './sign-in-error.ts';

/**
 * Teams SSO: the token Teams mints for the app's `webApplicationInfo` resource. Teams caches it and renews it
 * near expiry, so `forceRefresh` simply asks again.
 */
export function createTeamsTokenSource(sdk: TeamsSdk): TokenSource {
  return {
    getToken: async () => {
      try {
        return await sdk.authentication.getAuthToken();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ApiError('TeamsAuthFailed', `Teams could not sign you in to this app (${reason}).`, {
          status: 401,
          cause: error,
        });
      }
    },
  };
}

/**
 * Opens the consent popup through Teams (`authentication.authenticate` → auth-start → Entra → auth-end). Resolves when
 * the user consented; rejects with ApiError `ConsentRequired` when they closed or declined it.
 */
export async function teamsConsent(sdk: TeamsSdk, origin: string, loginHint?: string): Promise<void> {
  const params = new URLSearchParams({ mode: 'consent', prompt: 'consent' });
  if (loginHint) params.set('loginHint', loginHint);
  try {
    await sdk.authentication.authenticate({
      url: `${origin}${AUTH_START_PATH}?${params.toString()}`,
      width: 600,
      height: 640,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError('ConsentRequired', consentFailureMessage(reason), { status: 403, cause: error });
  }
}

export function consentFailureMessage(reason: string): string {
  if (/CancelledByUser|closed|cancel/i.test(reason))
    return 'The consent window was closed before you granted access.';
  if (/access_denied|declined/i.test(reason)) {
    // Entra's code (AADSTS65004: the user declined) is what support asks for: keep it.
    const code = AADSTS_CODE.exec(reason)?.[0];
    return code
      ? `Access was not granted: the permissions were declined (${code}). Select Grant consent to try again.`
      : 'Access was not granted.';
  }
  return `Consent did not complete (${reason}).`;
}
