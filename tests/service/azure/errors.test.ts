import { describe, expect, it } from '@jest/globals';
import { statusOf } from '../../../contract/errors.ts';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { toAppError } from '../../../src/azure/errors.ts';
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

/** ARM failures as the SDK raises them (RestError); Entra's are tested through the real SDK in entra-errors.test.ts. */
describe('toAppError (ARM)', () => {
  it.each([
    [401, 'InvalidAuthenticationToken', 'InvalidToken', 401],
    [403, 'AuthorizationFailed', 'AuthorizationFailed', 403],
    [404, 'ResourceNotFound', 'NotFound', 404],
    [409, 'OperationNotAllowed', 'Conflict', 409],
    [400, 'InvalidParameter', 'BadRequest', 400],
    [500, 'InternalServerError', 'AzureUnavailable', 503],
    [503, 'ServiceUnavailable', 'AzureUnavailable', 503],
    [418, 'Teapot', 'AzureError', 502],
  ])('ARM %i %s → %s %i, keeping ARM’s message and code', (status, armCode, code, statusCode) => {
    const result = mapped(armError(status, armCode, `ARM says ${armCode}`));
    expect(result).toMatchObject({ code, details: { armCode } });
    expect(statusOf(result.code)).toBe(statusCode);
    if (status < 500) expect(result.message).toBe(`ARM says ${armCode}`);
  });

  it('ARM 429 keeps Retry-After (seconds or HTTP date)', () => {
    expect(mapped(armError(429, 'TooManyRequests', 'slow down', { 'retry-after': '17' }))).toMatchObject({
      code: 'TooManyRequests',
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
      retryAfter: 5,
    });
  });

  it('AppErrors pass through; anything unrecognised is an InternalError keeping its cause', () => {
    const app = new AppError('NotFound', 'x');
    expect(toAppError(app)).toBe(app);
    const bug = new TypeError('bug');
    expect(toAppError(bug)).toMatchObject({ code: 'InternalError', cause: bug });
    // Text that looks like an Entra or core-lro failure is not parsed: classification is structural.
    expect(toAppError(new Error('invalid_grant: AADSTS50013'))).toMatchObject({ code: 'InternalError' });
    expect(toAppError(new Error('The long-running operation has failed. X. y'))).toMatchObject({
      code: 'InternalError',
    });
  });
});
