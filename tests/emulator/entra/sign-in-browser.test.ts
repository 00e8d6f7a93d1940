import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { configOf, verifyWithServedJwks, type EmulatorConfig } from './fixtures.ts';

/** The dev sign-in pages in a real browser: pick an account and consent by role, land on the redirect URI. */
describe('dev sign-in in Chromium', () => {
  let emulator: TestEmulator;
  let config: EmulatorConfig;
  let browser: Browser;
  let app: Server;
  let redirectUri: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    config = await configOf(emulator);
    app = createServer((_req, res) => res.end('<!doctype html><title>back</title><p>signed in</p>'));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    redirectUri = `http://127.0.0.1:${(app.address() as AddressInfo).port}/auth-end.html`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => app?.close(resolve));
    await emulator?.close();
  });

  it('erin picks her account, accepts consent, and the app redeems the code with PKCE', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      client_id: config.app.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      response_mode: 'fragment',
      scope: 'https://management.azure.com/user_impersonation openid offline_access',
      state: 'browser-state',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      await page.goto(`${emulator.url}/${config.tenantDomain}/oauth2/v2.0/authorize?${query}`);
      await expect(page.getByRole('heading', { name: 'Pick an account' }).isVisible()).resolves.toBe(true);
      await page.getByRole('button', { name: /Erin Novak/ }).click();
      await page.getByRole('heading', { name: 'Permissions requested' }).waitFor();
      await page.getByRole('button', { name: 'Accept' }).click();
      await page.waitForURL((url) => url.href.startsWith(redirectUri));

      const back = new URLSearchParams(new URL(page.url()).hash.slice(1));
      expect(back.get('state')).toBe('browser-state');
      const res = await emulator.call(`/${config.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        form: {
          grant_type: 'authorization_code',
          client_id: config.app.clientId,
          code: back.get('code')!,
          redirect_uri: redirectUri,
          code_verifier: verifier,
        },
      });
      expect(res.status).toBe(200);
      const claims = await verifyWithServedJwks(emulator, config, res.json().access_token, {
        audience: 'https://management.azure.com/',
      });
      expect(claims).toMatchObject({ upn: 'erin@contoso.onmicrosoft.com', scp: 'user_impersonation' });
      expect(emulator.context.directory.consented.has(claims.oid as string)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
