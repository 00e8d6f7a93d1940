import { describe, expect, it } from '@jest/globals';
import {
  AuthenticationError,
  AuthenticationRequiredError,
  CredentialUnavailableError,
} from '@azure/identity';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { ARM_CONSENT_SCOPES, parseFailedOperation, toAppError } from '../../../src/azure/errors.ts';
import { AppError } from '../../../src/domain/errors.ts';

function armError(
  status: number | undefined,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  const request = createPipelineRequest({ url: 'https://management.azure.com/x' });
  return new RestError(message, {
    code,
    ...(status !== undefined
      ? {
          statusCode: status,
          response: { status, headers: createHttpHeaders(headers), request, bodyAsText: '' },
        }
      : {}),
    request,
  });
}

const mapped = (error: unknown) => toAppError(error) as AppError;

describe('toAppError', () => {
  it('consent_required / interaction_required → 403 ConsentRequired with the scopes', () => {
    const cause = Object.assign(new Error('AADSTS65001: consent'), {
      name: 'InteractionRequiredAuthError',
      errorCode: 'invalid_grant',
      subError: 'consent_required',
    });
    const error = new AuthenticationRequiredError({
      scopes: ['https://management.azure.com/.default'],
      message: 'consent',
      cause,
    });
    expect(mapped(error)).toMatchObject({
      code: 'ConsentRequired',
      statusCode: 403,
      details: { scopes: [...ARM_CONSENT_SCOPES] },
    });
  });

  it('Entra 5xx / temporarily_unavailable → 503 EntraUnavailable; invalid_grant → 401; others → EntraError', () => {
    expect(
      mapped(
        new AuthenticationError(503, {
          error: 'temporarily_unavailable',
          error_description: 'AADSTS90033: transient',
        }),
      ),
    ).toMatchObject({
      code: 'EntraUnavailable',
      statusCode: 503,
    });
    expect(
      mapped(
        new AuthenticationError(400, {
          error: 'invalid_grant',
          error_description: 'AADSTS50013: Assertion failed signature validation.',
        }),
      ),
    ).toMatchObject({
      code: 'InvalidToken',
      statusCode: 401,
    });
    const other = mapped(
      new AuthenticationError(401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
      }),
    );
    expect(other).toMatchObject({ code: 'EntraError', statusCode: 503 });
    expect(other.message).toContain('AADSTS7000215');
    expect(mapped(new CredentialUnavailableError('endpoints_resolution_error'))).toMatchObject({
      code: 'EntraUnavailable',
      statusCode: 503,
    });
  });

  it.each([
    [401, 'InvalidAuthenticationToken', 'InvalidToken', 401],
    [403, 'AuthorizationFailed', 'AuthorizationFailed', 403],
    [404, 'ResourceNotFound', 'NotFound', 404],
    [409, 'OperationNotAllowed', 'Conflict', 409],
    [400, 'InvalidParameter', 'BadRequest', 400],
    [500, 'InternalServerError', 'AzureUnavailable', 503],
    [503, 'ServiceUnavailable', 'AzureUnavailable', 503],
    [418, 'Teapot', 'AzureError', 502],
  ])('ARM %i %s → %s %i, keeping ARM’s message', (status, armCode, code, statusCode) => {
    const result = mapped(armError(status, armCode, `ARM says ${armCode}`));
    expect(result).toMatchObject({ code, statusCode });
    if (status < 500) expect(result.message).toBe(`ARM says ${armCode}`);
  });

  it('ARM 429 keeps Retry-After (seconds or HTTP date)', () => {
    expect(mapped(armError(429, 'TooManyRequests', 'slow down', { 'retry-after': '17' }))).toMatchObject({
      code: 'TooManyRequests',
      statusCode: 429,
      retryAfter: 17,
    });
    const date = new Date(Date.now() + 30_000).toUTCString();
    const withDate = mapped(armError(429, 'TooManyRequests', 'slow down', { 'retry-after': date }));
    expect(withDate.retryAfter).toBeGreaterThanOrEqual(28);
    expect(withDate.retryAfter).toBeLessThanOrEqual(31);
  });

  it('network errors (no status) → 503 AzureUnavailable', () => {
    expect(mapped(armError(undefined, 'ECONNREFUSED', 'connect ECONNREFUSED'))).toMatchObject({
      code: 'AzureUnavailable',
      statusCode: 503,
    });
  });

  it('AppErrors pass through; unknown errors are returned unchanged', () => {
    const app = new AppError('NotFound', 'x', { statusCode: 404 });
    expect(toAppError(app)).toBe(app);
    const bug = new TypeError('bug');
    expect(toAppError(bug)).toBe(bug);
  });
});

describe('parseFailedOperation', () => {
  it('reads ARM’s code and message from core-lro’s failure', () => {
    const error = new Error(
      'The long-running operation has failed. AllocationFailed. Allocation failed. Try later.',
    );
    expect(parseFailedOperation(error)).toEqual({
      code: 'AllocationFailed',
      message: 'Allocation failed. Try later.',
    });
    const mapped = toAppError(error) as AppError;
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({ code: 'AllocationFailed', message: 'Allocation failed. Try later.' });
  });

  it('names an operation ARM canceled (preempted) instead of a generic failure', () => {
    expect(toAppError(new Error('Operation was canceled'))).toMatchObject({
      code: 'OperationCanceled',
      statusCode: 409,
    });
  });

  it('leaves other errors alone', () => {
    expect(parseFailedOperation(new Error('socket hang up'))).toBeUndefined();
    expect(parseFailedOperation(new Error('The long-running operation has failed'))).toBeUndefined();
    expect(parseFailedOperation('The long-running operation has failed. X. y')).toBeUndefined();
  });
});
