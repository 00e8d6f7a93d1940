/**
 * The browser sign-in outside Teams and outside App Service authentication: @azure/msal-browser (authorization code +
 * PKCE, redirect flow) against the emulator, in headless Chromium. Sign-in and consent errors land on the tab's own
 * page in the app's theme (plain words, Try again, the AADSTS code and ids under Details); the theme the host chose
 * (`?theme=`) survives the round trip. Screenshots (light and dark, wide and narrow) go to artifacts/screenshots/.
 */
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack } from '../../support/stack.ts';
import { shoot, showTheme, THEMES } from './support/browser.ts';
import { browserSession } from './support/session.ts';
import { axeViolations } from './support/axe.ts';
import { vmNames } from './support/tab-page.ts';

jest.setTimeout(90_000);

const session = browserSession({ start: startStack });
let stack: Stack;
let context: BrowserContext;
let page: Page;
let serviceUrl: string;

beforeEach(async () => {
  ({ stack, context, page } = session);
  serviceUrl = stack.service.url;
});

/** The tab's Sign in → the emulator's authorize page (what MSAL sent) → `user` picked. Returns the authorize URL. */
async function startSignIn(path: string, user: string): Promise<URL> {
  await page.goto(serviceUrl + path);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
  const authorize = new URL(page.url());
  await page.locator(`button[name="emu_user"][value="${user}"]`).click();
  return authorize;
}

async function shootWideAndNarrow(name: string): Promise<void> {
  await shoot(page, `${name}-wide`);
  await page.setViewportSize({ width: 400, height: 780 });
  await shoot(page, `${name}-narrow`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe('MSAL sign-in against the emulator', () => {
  it('is MSAL: code + PKCE (S256) for the API scope, tokens in sessionStorage, the grid as alice', async () => {
    const authorize = await startSignIn('/', 'alice');
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${serviceUrl}/`);
    expect(authorize.searchParams.get('scope')!.split(' ')).toEqual(
      expect.arrayContaining([
        'openid',
        'profile',
        'offline_access',
        expect.stringMatching(/\/access_as_user$/),
      ]),
    );
    expect(authorize.searchParams.get('x-client-SKU')).toMatch(/msal/i);
    await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
    expect(await vmNames(page)).toEqual(['build-agent-01', 'sql-01', 'web-01', 'web-02']);
    const keys = await page.evaluate(() => Object.keys(sessionStorage));
    expect(keys.some((k) => k.startsWith('msal.'))).toBe(true);
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => /accesstoken/i.test(k))),
    ).toEqual([]);
  });

  it('erin cancels consent (AADSTS65004): a page in the app theme says so, offers Try again, keeps the details', async () => {
    await startSignIn('/', 'erin');
    await page.getByRole('heading', { name: 'Permissions requested' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: 'You declined the permissions' }).waitFor();
    await alert.getByText('Details').click();
    await alert.getByText('AADSTS65004', { exact: true }).waitFor();
    await alert.getByText('Trace ID', { exact: true }).waitFor();
    await alert.getByText('Correlation ID', { exact: true }).waitFor();
    await shootWideAndNarrow('sign-in-consent-declined');
    for (const theme of THEMES) {
      await showTheme(page, theme);
      expect({ theme, violations: await axeViolations(page) }).toEqual({ theme, violations: [] });
    }
    await showTheme(page, 'light');

    // Try again goes back to the authorize page; accepting this time signs erin in.
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    await page.locator('button[name="emu_user"][value="erin"]').click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
    expect(await vmNames(page)).toEqual(['build-agent-01', 'sql-01', 'web-01', 'web-02']);
  });

  it("erin declines Azure access in the consent popup: the banner says so with Entra's code", async () => {
    // Signed in while consented; the consent revoked before the first API call (see tab.e2e's erin test).
    await stack.emulator.call('/_emulator/consent', {
      method: 'POST',
      body: { user: 'erin', consented: true },
    });
    let release!: () => void;
    const revoked = new Promise<void>((resolve) => (release = resolve));
    await context.route('**/api/**', async (route) => {
      await revoked;
      await route.continue();
    });
    await startSignIn('/', 'erin');
    await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
    await stack.emulator.call('/_emulator/consent', {
      method: 'POST',
      body: { user: 'erin', consented: false },
    });
    release();
    await page.getByText('Permission needed').waitFor();
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Grant consent' }).click(),
    ]);
    await popup.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    await popup.locator('button[name="emu_user"][value="erin"]').click();
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.waitForEvent('close');
    await page.getByText(/Access was not granted: the permissions were declined \(AADSTS65004\)/).waitFor();
  });

  it.each(['dark', 'contrast'])(
    '?theme=%s survives the sign-in round trip (and the error page)',
    async (theme) => {
      await startSignIn(`/?theme=${theme}`, 'alice');
      await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
      expect(new URL(page.url()).searchParams.get('theme')).toBe(theme);
      expect(await page.locator('[data-theme]').first().getAttribute('data-theme')).toBe(theme);

      await context.clearCookies();
      await page.evaluate(() => sessionStorage.clear());
      await startSignIn(`/?theme=${theme}`, 'erin');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('heading', { name: 'You declined the permissions' }).waitFor();
      expect(await page.locator('[data-theme]').first().getAttribute('data-theme')).toBe(theme);
    },
  );
});
