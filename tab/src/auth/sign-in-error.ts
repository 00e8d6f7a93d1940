/**
 * A failed sign-in or consent, in plain words, with Entra's details kept for support: the AADSTS code, trace id,
 * correlation id and timestamp that Entra writes into `error_description` ("AADSTS65004: … Trace ID: … Correlation
 * ID: … Timestamp: …"). Pure: no I/O.
 */
export interface SignInFailure {
  /** What happened, as a title. */
  readonly title: string;
  /** What it means and what to do, in plain words. */
  readonly text: string;
  /** OAuth error (`access_denied`, `invalid_grant`, `interaction_in_progress`, …). */
  readonly error: string;
  readonly description: string;
  /** `AADSTS65004`. */
  readonly code?: string;
  readonly traceId?: string;
  readonly correlationId?: string;
  readonly timestamp?: string;
}

/** Entra's error code in a message or `error_description`: `AADSTS65004`. */
export const AADSTS_CODE = /\bAADSTS\d{4,}\b/;

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

function words(
  error: string,
  code: string | undefined,
  description: string,
): { title: string; text: string } {
  if (code === 'AADSTS65004' || (error === 'access_denied' && /cancel/i.test(description)))
    return {
      title: 'You declined the permissions',
      text: 'VM Manager needs your consent to read and manage virtual machines as you. Try again and select Accept.',
    };
  if (code === 'AADSTS65001' || error === 'consent_required')
    return {
      title: 'Consent is needed',
      text: 'Nobody has granted VM Manager access for you yet. Try again to consent, or ask your administrator.',
    };
  if (error === 'access_denied')
    return {
      title: 'Access was not granted',
      text: 'The sign-in was refused. Try again, or ask your administrator.',
    };
  if (code === 'AADSTS50011' || code === 'AADSTS700016')
    return {
      title: 'The app is not set up for this address',
      text: 'Your administrator needs to register this address with the app. Try again later.',
    };
  if (error === 'state_mismatch' || error === 'no_cached_authority_error' || error === 'state_not_found')
    return {
      title: 'This sign-in expired',
      text: 'It took too long or was started in another window. Start it again.',
    };
  if (error === 'network_error' || error === 'endpoints_resolution_error' || error === 'post_request_failed')
    return {
      title: 'The sign-in service could not be reached',
      text: 'Check your connection and try again.',
    };
  return { title: 'Sign-in did not complete', text: 'Something went wrong while signing you in. Try again.' };
}

/** Builds the failure from an OAuth error and its description (Entra's, MSAL's `errorCode` / `errorMessage`). */
export function describeSignInFailure(
  error: string,
  description: string,
  ids: { readonly correlationId?: string } = {},
): SignInFailure {
  const code = AADSTS_CODE.exec(description)?.[0];
  const traceId = new RegExp(`Trace ID: (${GUID})`, 'i').exec(description)?.[1];
  const correlationId =
    new RegExp(`Correlation ID: (${GUID})`, 'i').exec(description)?.[1] ?? (ids.correlationId || undefined);
  const timestamp = /Timestamp: ([0-9TZ:. -]{10,40})/.exec(description)?.[1]?.trim();
  return {
    ...words(error, code, description),
    error,
    description,
    ...(code && { code }),
    ...(traceId && { traceId }),
    ...(correlationId && { correlationId }),
    ...(timestamp && { timestamp }),
  };
}

/** The OAuth error and Entra's description as sent, from whatever MSAL threw (`AuthError`). */
export function oauthErrorOf(value: unknown): {
  readonly error: string;
  readonly description: string;
  readonly subError: string;
  readonly correlationId: string;
} {
  const e = (value ?? {}) as {
    errorCode?: unknown;
    errorMessage?: unknown;
    subError?: unknown;
    correlationId?: unknown;
    message?: unknown;
  };
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const error = text(e.errorCode) || 'unknown_error';
  return {
    error,
    description: text(e.errorMessage) || text(e.message) || error,
    subError: text(e.subError),
    correlationId: text(e.correlationId),
  };
}

/** From whatever MSAL threw (`AuthError`: `errorCode`, `errorMessage`, `subError`, `correlationId`). */
export function failureFromError(value: unknown): SignInFailure {
  const { error, description, subError, correlationId } = oauthErrorOf(value);
  return describeSignInFailure(error, subError === 'cancel' ? `${description} (cancel)` : description, {
    correlationId,
  });
}
