import { describe, expect, it } from '@jest/globals';
import { AppError } from '../../../src/domain/errors.ts';
import { corsHeaders } from '../../../src/http/cors.ts';
import { toErrorResponse } from '../../../src/http/errors.ts';
import { unsafePathReason } from '../../../src/http/path-guard.ts';
import { securityHeaders } from '../../../src/http/security-headers.ts';

describe('unsafePathReason', () => {
  it.each([
    '/api/vms',
    '/api/vms/1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70/rg-web/web-01',
    '/api/vms/x/rg.(x)/vm_1.a/start?x=%2F',
    '/',
    '/assets/index-abc.js',
    '/api/vms/x/rg%20x/vm',
  ])('accepts %s', (path) => {
    expect(unsafePathReason(path)).toBeUndefined();
  });

  it.each([
    ['/api/vms/x/..', 'dot segment'],
    ['/api/vms/../me', 'dot segment'],
    ['/api/./me', 'dot segment'],
    ['/api/vms/x/%2e%2e/vm', 'encoded'],
    ['/api/vms/x/%2E/vm', 'encoded'],
    ['/api/vms/x%2Fy/rg/vm', 'encoded'],
    ['/api/vms/x%2fy/rg/vm', 'encoded'],
    ['/api/vms/x%5Cy/rg/vm', 'encoded'],
    ['/api/vms/x\\y/rg/vm', 'backslash'],
    ['/api/vms/x/%zz/vm', 'malformed'],
    ['/api/vms/x/%/vm', 'malformed'],
    ['/api//vms', 'empty segment'],
    ['/api/vms/x%00', 'encoded'],
    ['/api/vms/\u0001', 'control'],
    ['api/vms', 'start with'],
    [`/${'a'.repeat(3000)}`, 'too long'],
  ])('rejects %s (%s)', (path, why) => {
    expect(unsafePathReason(path)).toMatch(new RegExp(why, 'i'));
  });
});

describe('toErrorResponse', () => {
  it('maps AppErrors with details, WWW-Authenticate and Retry-After', () => {
    const consent = toErrorResponse(
      new AppError('ConsentRequired', 'consent please', { details: { scopes: ['s'] } }),
    );
    expect(consent).toEqual({
      status: 403,
      headers: {},
      body: { error: { code: 'ConsentRequired', message: 'consent please', scopes: ['s'] } },
    });
    const invalid = toErrorResponse(new AppError('InvalidToken', 'The token has "expired".'));
    expect(invalid.headers['www-authenticate']).toBe(
      'Bearer error="invalid_token", error_description="The token has \'expired\'."',
    );
    const throttled = toErrorResponse(new AppError('TooManyRequests', 'slow', { retryAfter: 2.2 }));
    expect(throttled.headers['retry-after']).toBe('3');
  });

  it('details cannot overwrite code or message', () => {
    const details = { code: 'X', message: 'Y', armCode: 'OperationNotAllowed' } as unknown as {
      armCode: string;
    };
    const r = toErrorResponse(new AppError('Conflict', 'm', { details }));
    expect(r).toMatchObject({ status: 409 });
    expect(r.body.error).toEqual({
      code: 'Conflict',
      message: 'm',
      armCode: 'OperationNotAllowed',
      details: { armCode: 'OperationNotAllowed' },
    });
  });

  it('takes the status from the contract and never sends an internal message', () => {
    const r = toErrorResponse(new AppError('InternalError', 'secret detail at /srv/x.ts:12'));
    expect(r).toEqual({
      status: 500,
      headers: {},
      body: { error: { code: 'InternalError', message: 'An unexpected error occurred.' } },
    });
    expect(toErrorResponse(new AppError('ServiceMisconfigured', 'm')).status).toBe(503);
    expect(toErrorResponse(new AppError('AzureTimeout', 'm', { retryAfter: 5 })).headers).toEqual({
      'retry-after': '5',
    });
  });

  it('maps framework errors by status and hides everything else', () => {
    expect(
      toErrorResponse(Object.assign(new Error('/x does not exist'), { statusCode: 404 })).body.error.code,
    ).toBe('NotFound');
    expect(toErrorResponse(Object.assign(new Error('no'), { statusCode: 405 })).status).toBe(405);
    const internal = toErrorResponse(new TypeError('secret internal detail'));
    expect(internal).toEqual({
      status: 500,
      headers: {},
      body: { error: { code: 'InternalError', message: 'An unexpected error occurred.' } },
    });
    expect(toErrorResponse('a string').status).toBe(500);
    expect(toErrorResponse(undefined).status).toBe(500);
  });
});

describe('securityHeaders', () => {
  it('production: Teams/Office frame ancestors only, HSTS on https', () => {
    const h = securityHeaders({
      localMode: false,
      authorityHost: 'https://login.microsoftonline.com',
      publicUrl: 'https://vm.contoso.com',
    });
    const csp = h.api['content-security-policy']!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('frame-ancestors');
    expect(csp).toContain('https://teams.microsoft.com');
    expect(csp).toContain('https://*.cloud.microsoft');
    expect(csp).not.toContain('localhost');
    expect(h.html['content-security-policy']).toContain("script-src 'self'");
    expect(h.html['content-security-policy']).toContain(
      "connect-src 'self' https://login.microsoftonline.com https://res.cdn.office.net",
    );
    expect(h.html['content-security-policy']).toContain(
      "form-action 'self' https://login.microsoftonline.com",
    );
    expect(h.api['strict-transport-security']).toBeDefined();
    expect(h.api['x-content-type-options']).toBe('nosniff');
  });

  it('local: localhost frame ancestors and the emulator for connect-src', () => {
    const h = securityHeaders({
      localMode: true,
      authorityHost: 'https://127.0.0.1:4443',
      publicUrl: 'http://localhost:3978',
    });
    expect(h.api['content-security-policy']).toContain('http://localhost:*');
    expect(h.html['content-security-policy']).toContain("connect-src 'self' https://127.0.0.1:4443");
    expect(h.api['strict-transport-security']).toBeUndefined();
  });
});

describe('corsHeaders', () => {
  const allowed = new Set(['https://tab.contoso.com']);
  it('answers only allowed origins', () => {
    expect(corsHeaders('https://tab.contoso.com', allowed)?.['access-control-allow-origin']).toBe(
      'https://tab.contoso.com',
    );
    expect(corsHeaders('https://evil.example', allowed)).toBeUndefined();
    expect(corsHeaders('https://tab.contoso.com.evil.example', allowed)).toBeUndefined();
    expect(corsHeaders(undefined, allowed)).toBeUndefined();
  });
});
