import { describe, expect, it } from '@jest/globals';
import { RestError } from '@azure/core-rest-pipeline';
import { AppError } from '../../src/domain/errors.ts';
import { createLogger, errorSummary } from '../../src/logging.ts';

describe('errorSummary (the logger’s err serializer)', () => {
  it('carries code, status and message of an SDK error (Azure’s status) and of an AppError (the status it answers)', () => {
    const azure = new RestError('The client does not have authorization', {
      code: 'AuthorizationFailed',
      statusCode: 403,
    });
    expect(errorSummary(azure)).toMatchObject({
      name: 'RestError',
      code: 'AuthorizationFailed',
      status: 403,
      message: 'The client does not have authorization',
    });
    const ours = new AppError('Forbidden', 'Your Azure role does not allow this.', { cause: azure });
    expect(errorSummary(ours)).toEqual({
      name: 'AppError',
      code: 'Forbidden',
      status: 403,
      message: 'Your Azure role does not allow this.',
      causes: [
        {
          name: 'RestError',
          code: 'AuthorizationFailed',
          status: 403,
          message: 'The client does not have authorization',
        },
      ],
    });
  });

  it('an expected failure is one short line; a fault of ours keeps the stack of what caused it', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const expected = errorSummary(new AppError('Forbidden', 'No.', { cause: bug }));
    expect(JSON.stringify(expected)).not.toContain('stack');
    const internal = errorSummary(new AppError('InternalError', 'Unexpected.', { cause: bug }));
    expect(internal.stack).toBeUndefined();
    expect((internal.causes as Array<Record<string, unknown>>)[0]?.stack).toContain('TypeError');
    expect(errorSummary(bug).stack).toContain('TypeError');
  });

  it('never logs a token found in a message', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const line: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => void line.push(l) } });
    logger.warn({ err: new Error(`bad assertion ${jwt}`) }, 'failed');
    expect(line.join('')).not.toContain('c2lnbmF0dXJl');
    expect(JSON.parse(line[0]!)).toMatchObject({ err: { message: 'bad assertion [jwt]' } });
  });

  it('redacts the token headers of a logged request: Authorization, the cookie and App Service’s token header', () => {
    const line: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => void line.push(l) } });
    logger.info(
      {
        req: {
          headers: {
            authorization: 'Bearer secret-a',
            cookie: 'AppServiceAuthSession=secret-b',
            'x-ms-token-aad-access-token': 'secret-c',
          },
        },
        upstream: { headers: { cookie: 'secret-d', 'x-ms-token-aad-access-token': 'secret-e' } },
      },
      'request',
    );
    for (const secret of ['secret-a', 'secret-b', 'secret-c', 'secret-d', 'secret-e']) {
      expect(line.join('')).not.toContain(secret);
    }
  });
});
