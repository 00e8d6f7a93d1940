import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack } from '../support/stack.ts';
import { apiClient, type ApiResponse } from './http-client.ts';
import { DEV } from './fixtures.ts';

const ORIGIN = 'https://tab.contoso.example';

describe('HTTP hardening', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiClient>;
  let alice: string;
  let tabDir: string;

  beforeAll(async () => {
    tabDir = await mkdtemp(join(tmpdir(), 'tab-dist-'));
    await mkdir(join(tabDir, 'assets'));
    await writeFile(join(tabDir, 'index.html'), '<!doctype html><title>VM Manager</title>');
    await writeFile(join(tabDir, 'auth-start.html'), '<!doctype html><title>auth</title>');
    await writeFile(join(tabDir, 'assets', 'app-1234.js'), 'console.log(1)');
    stack = await startStack({
      service: { allowedOrigins: [ORIGIN], tabDistPath: tabDir },
      deps: {
        // A stand-in bot whose route fails unexpectedly: shows what any unhandled error looks like.
        mountBot: (server) => {
          server.get('/api/boom', async function boom() {
            throw new TypeError('internal detail /secret/path');
          });
          return { close: async () => undefined };
        },
      },
    });
    api = apiClient(stack.service.url);
    alice = await stack.ssoToken('alice');
  });
  afterAll(async () => {
    await stack?.close();
    await rm(tabDir, { recursive: true, force: true });
  });

  const expectSecurityHeaders = (res: ApiResponse) => {
    expect(res.headers['content-security-policy']).toMatch(
      /frame-ancestors 'self' https:\/\/teams\.microsoft\.com .*http:\/\/localhost:\*/,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/^[\w.:-]+$/);
    expect(res.headers['referrer-policy']).toBeDefined();
  };

  describe('path injection → 400 before routing', () => {
    it.each([
      `/api/vms/${DEV}/rg-web/..`,
      `/api/vms/${DEV}/../me`,
      `/api/vms/${DEV}/rg-web/%2e%2e`,
      `/api/vms/${DEV}/rg-web/%2E%2e/start`,
      `/api/vms/${DEV}/rg-web%2F..%2Frg-data/sql-01`,
      `/api/vms/${DEV}/rg-web/web-01%2fstart`,
      `/api/vms/${DEV}/rg-web/web-01%5Cstart`,
      `/api/vms/${DEV}/rg-web\\web-01`,
      `/api/vms/${DEV}/rg-web/./web-01`,
      `/api/vms/${DEV}//web-01`,
      `/api/vms/${DEV}/rg-web/web-01%00`,
      `/api/vms/${DEV}/rg-web/%zz`,
    ])('GET %s', async (path) => {
      const res = await api(path, { token: alice });
      expect(res.status).toBe(400);
      expect(res.json().error.code).toBe('BadRequest');
      expectSecurityHeaders(res);
    });

    it.each([
      ['non-GUID subscription', `/api/vms/not-a-guid/rg-web/web-01`, /subscriptionId/],
      ['overlong resource group', `/api/vms/${DEV}/${'r'.repeat(91)}/web-01`, /resourceGroup/],
      ['resource group ending in a dot', `/api/vms/${DEV}/rg-web./web-01`, /resourceGroup/],
      ['overlong VM name', `/api/vms/${DEV}/rg-web/${'v'.repeat(65)}`, /vmName/],
      ['VM name ending in a hyphen', `/api/vms/${DEV}/rg-web/web-`, /vmName/],
      ['VM name with a space', `/api/vms/${DEV}/rg-web/web%2001`, /vmName/],
      ['VM name with a quote', `/api/vms/${DEV}/rg-web/web'01`, /vmName/],
    ])('%s → 400 naming the field', async (_name, path, field) => {
      const res = await api(path, { token: alice });
      expect(res.status).toBe(400);
      expect(res.json().error).toEqual({ code: 'BadRequest', message: expect.stringMatching(field) });
    });

    it('an action path with a bad name → 400 too', async () => {
      const res = await api(`/api/vms/${DEV}/rg-web/web-01./start`, { method: 'POST', token: alice });
      expect(res.status).toBe(400);
    });
  });

  it('unknown API paths → 404 JSON; wrong method → 405 JSON; both with security headers', async () => {
    const missing = await api('/api/nothing-here', { token: alice });
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'NotFound', message: expect.any(String) } });
    expectSecurityHeaders(missing);
    const wrong = await api('/api/vms', { method: 'DELETE', token: alice });
    expect(wrong.status).toBe(405);
    expect(wrong.json().error.code).toBe('MethodNotAllowed');
    expectSecurityHeaders(wrong);
  });

  it('an unexpected error → 500 InternalError, generic message, no stack or detail', async () => {
    const res = await api('/api/boom');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({
      error: { code: 'InternalError', message: 'An unexpected error occurred.' },
    });
    expect(res.text).not.toMatch(/secret|TypeError|at /);
    expectSecurityHeaders(res);
  });

  it('security headers on API responses, errors and the health check', async () => {
    for (const res of [
      await api('/api/health'),
      await api('/api/me', { token: alice }),
      await api('/api/me'),
    ]) {
      expectSecurityHeaders(res);
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('a caller-supplied request id is echoed only when it is safe', async () => {
    expect(
      (await api('/api/health', { headers: { 'x-request-id': 'abc-123' } })).headers['x-request-id'],
    ).toBe('abc-123');
    expect(
      (await api('/api/health', { headers: { 'x-request-id': 'a b<script>' } })).headers['x-request-id'],
    ).not.toContain('<');
  });

  describe('CORS', () => {
    it('allowed origin: headers on responses and preflight', async () => {
      const res = await api('/api/me', { token: alice, headers: { origin: ORIGIN } });
      expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(res.headers.vary).toContain('Origin');
      const preflight = await api('/api/vms/actions', {
        method: 'OPTIONS',
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
      expect(preflight.headers['access-control-allow-methods']).toMatch(/POST/);
    });

    it('other origins get no CORS headers; their preflight is refused', async () => {
      const res = await api('/api/me', { token: alice, headers: { origin: 'https://evil.example' } });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await api('/api/vms', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.json().error.code).toBe('CorsNotAllowed');
    });
  });

  describe('the built tab at /', () => {
    it('serves index.html, pages and assets with an HTML CSP allowing Teams to frame it', async () => {
      const index = await api('/');
      expect(index.status).toBe(200);
      expect(index.headers['content-type']).toMatch(/text\/html/);
      expect(index.text).toContain('VM Manager');
      expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
      expect(index.headers['content-security-policy']).toMatch(
        /frame-ancestors 'self' https:\/\/teams\.microsoft\.com/,
      );
      expect((await api('/auth-start.html')).text).toContain('auth');
      const asset = await api('/assets/app-1234.js');
      expect(asset.status).toBe(200);
      expect(asset.headers['content-type']).toMatch(/javascript/);
      expect(asset.headers['cache-control']).toMatch(/immutable/);
    });

    it('falls back to index.html for SPA routes, never for API paths or missing assets', async () => {
      expect((await api('/vms/web-01')).text).toContain('VM Manager');
      expect((await api('/assets/missing.js')).status).toBe(404);
      const apiMiss = await api('/api/unknown/route');
      expect(apiMiss.status).toBe(404);
      expect(apiMiss.json().error.code).toBe('NotFound');
    });

    it('cannot escape the folder', async () => {
      for (const path of [
        '/../package.json',
        '/%2e%2e/package.json',
        '/assets/..%2f..%2fpackage.json',
        '/..\\package.json',
      ]) {
        const res = await api(path);
        expect(res.status).toBe(400);
      }
    });
  });
});
