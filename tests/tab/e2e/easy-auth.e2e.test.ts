/**
 * The tab as a web app behind App Service authentication, in headless Chromium through the local front door
 * (emulator/easy-auth): the tab's own sign-in, the grid as the user (the token store's header, validated and exchanged
 * OBO by the service), `/.auth/me`, sign-out, erin's consent, the theme across the round trip. Screenshots (light and
 * dark, wide and narrow) go to artifacts/screenshots/.
 */
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { startFrontDoorStack, type FrontDoorStack } from '../../emulator/easy-auth/front-door-stack.ts';
import { join } from 'node:path';
import { SCREENSHOTS, shoot } from './support/browser.ts';
import { browserSession } from './support/session.ts';
import { axeViolations } from './support/axe.ts';
import { row, toast, toolbarButton, vmNames } from './support/tab-page.ts';

jest.setTimeout(90_000);

const session = browserSession({ start: startFrontDoorStack });
let stack: FrontDoorStack;
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  ({ stack, context, page } = session);
});

/**
 * Opens `path` on the front door: the tab's page is served without a session (an excluded path, as in
 * infra/azure.bicep), `/.auth/me` says nobody is signed in, the tab's Sign in goes to `/.auth/login/aad`, then the
 * emulator's account picker.
 */
async function signInAs(user: string, path = '/'): Promise<void> {
  await page.goto(stack.url + path);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
  await page.locator(`button[name="emu_user"][value="${user}"]`).click();
}

/** `/.auth/me` with the browser's cookies (the signed-out page's CSP allows no fetch of its own). */
async function me(): Promise<{ status: number; body: unknown }> {
  const res = await context.request.get(`${stack.url}/.auth/me`);
  return { status: res.status(), body: res.status() === 200 ? await res.json() : undefined };
}

async function shootWideAndNarrow(name: string): Promise<void> {
  await shoot(page, `${name}-wide`);
  await page.setViewportSize({ width: 400, height: 780 });
  await shoot(page, `${name}-narrow`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe('the tab behind App Service authentication (local front door)', () => {
  it('alice signs in with /.auth/login/aad, sees her four VMs and starts web-02', async () => {
    await signInAs('alice');
    await page.waitForURL(`${stack.url}/`);
    await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
    expect(await vmNames(page)).toEqual(['build-agent-01', 'sql-01', 'web-01', 'web-02']);
    await page.getByText('Alice Wong').waitFor();
    await shootWideAndNarrow('easy-auth-grid-alice');

    const session = await me();
    expect(session.status).toBe(200);
    expect(session.body).toEqual([
      expect.objectContaining({ provider_name: 'aad', user_id: 'alice@contoso.onmicrosoft.com' }),
    ]);

    // A change through the session: the tab's CSRF header and same-origin request pass the service's check.
    await page.getByRole('checkbox', { name: 'Select web-02' }).check();
    await toolbarButton(page, 'Start').click();
    await toast(page, 'web-02 is running').waitFor({ timeout: 20_000 });
    await row(page, 'web-02').getByText('Running', { exact: true }).waitFor();
  });

  it('sign-out ends the App Service session: /.auth/me is 401, the next visit asks for an account', async () => {
    await signInAs('bob');
    await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
    expect(await vmNames(page)).toEqual(['web-01', 'web-02']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.url}/.auth/logout/complete`);
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    expect((await me()).status).toBe(401);
    // The front door's own page follows the browser's colour scheme (no script: no data-theme to wait for, no
    // `?theme=contrast` to follow).
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(SCREENSHOTS, `easy-auth-signed-out-${scheme}.png`) });
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    await page.locator('button[name="emu_user"]').first().waitFor();
  });

  it('a session whose token the service refuses is refreshed with /.auth/refresh, transparently', async () => {
    await signInAs('alice');
    await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
    await vmNames(page);
    // The next API answer is a 401 (as for an expired stored token): the tab refreshes the session and retries.
    let refused = false;
    await context.route('**/api/vms', async (route) => {
      if (refused) return route.continue();
      refused = true;
      await route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'InvalidToken', message: 'The token has expired.' } }),
      });
    });
    const refreshed = page.waitForResponse((r) => new URL(r.url()).pathname === '/.auth/refresh');
    await page
      .getByRole('button', { name: /Refresh/ })
      .first()
      .click();
    expect((await refreshed).status()).toBe(200);
    expect(await vmNames(page)).toEqual(['build-agent-01', 'sql-01', 'web-01', 'web-02']);
  });

  it('erin reaches consent; cancelling lands on a page that says so, with AADSTS65004 under Details', async () => {
    await signInAs('erin', '/?theme=dark');
    await page.getByRole('heading', { name: 'Permissions requested' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'You declined the permissions' }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByText('Details').click();
    await page.getByText('AADSTS65004', { exact: true }).waitFor();
    await page
      .getByText(/Trace ID/)
      .first()
      .waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'easy-auth-consent-declined-dark.png') });
    expect(await axeViolations(page)).toEqual([]);
    // Try again starts the login over, back to the same page.
    await page.getByRole('link', { name: 'Try again' }).click();
    await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    await page.locator('button[name="emu_user"][value="erin"]').click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL(`${stack.url}/?theme=dark`);
    await page.locator('[data-theme="dark"]').first().waitFor();
    expect(await vmNames(page)).toEqual(['build-agent-01', 'sql-01', 'web-01', 'web-02']);
  });

  it('the theme the host chose (?theme=dark) survives the sign-in round trip', async () => {
    await signInAs('alice', '/?theme=dark');
    await page.waitForURL(`${stack.url}/?theme=dark`);
    await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
    expect(await page.locator('[data-theme]').first().getAttribute('data-theme')).toBe('dark');
    // …and the sign-out: App Service's signed-out page, then signing in again, stay dark.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${stack.url}/.auth/logout/complete?theme=dark`);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    await page.locator('button[name="emu_user"][value="alice"]').click();
    await page.waitForURL(`${stack.url}/?theme=dark`);
  });
});
