import { describe, expect, it } from '@jest/globals';
import { describeSignInFailure, failureFromError } from '../../../tab/src/auth/sign-in-error.ts';

const DESCRIPTION =
  'AADSTS65004: User declined to consent to access the app. Trace ID: 0e4cd2a4-7c1c-4a3e-9f1a-2b3c4d5e6f70 ' +
  'Correlation ID: 11111111-2222-4333-8444-555555555555 Timestamp: 2026-12-01 22:28:30Z';

describe('sign-in failures in plain words', () => {
  it('a declined consent (AADSTS65004) says so and keeps the code, trace id, correlation id and time', () => {
    expect(describeSignInFailure('access_denied', DESCRIPTION)).toEqual({
      title: 'You declined the permissions',
      text: expect.stringContaining('Try again'),
      error: 'access_denied',
      description: DESCRIPTION,
      code: 'AADSTS65004',
      traceId: '0e4cd2a4-7c1c-4a3e-9f1a-2b3c4d5e6f70',
      correlationId: '11111111-2222-4333-8444-555555555555',
      timestamp: '2026-12-01 22:28:30Z',
    });
  });

  it("reads MSAL's AuthError fields; its correlation id when Entra's text has none", () => {
    const failure = failureFromError({
      errorCode: 'invalid_grant',
      errorMessage: 'AADSTS65001: The user or administrator has not consented.',
      subError: 'consent_required',
      correlationId: '99999999-2222-4333-8444-555555555555',
    });
    expect(failure).toMatchObject({
      title: 'Consent is needed',
      code: 'AADSTS65001',
      correlationId: '99999999-2222-4333-8444-555555555555',
    });
    expect(failureFromError(new Error('boom'))).toMatchObject({
      title: 'Sign-in did not complete',
      error: 'unknown_error',
      description: 'boom',
    });
    expect(failureFromError({ errorCode: 'post_request_failed' }).title).toBe(
      'The sign-in service could not be reached',
    );
  });
});
