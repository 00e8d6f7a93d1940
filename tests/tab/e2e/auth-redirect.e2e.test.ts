/**
 * The auth pages in a real browser, with the real MSAL against the emulator:
 * - `auth-start.html?mode=signin&returnTo=…` (issue 9 item 4): whatever `returnTo` says, the sign-in ends on the
 *   app's own origin. Browsers strip tabs and newlines from URLs and treat `\` as `/`, so a value that looks like a
 *   path (`/%09/evil.example`) can still leave the origin: only the URL parser can tell.
 * - the consent window (auth-start → authorize → auth-end) opened by the tab: MSAL asks for Azure Resource Manager
 *   with the login hint, and auth-end posts the outcome (granted, or Entra's error) to its opener.
 */
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack } from '../../support/stack.ts';
import { browserSession } from './support/session.ts';
import { vmNames } from './support/tab-page.ts';

jest.setTimeout(90_000);

const EVIL = 'evil.example';

const session = browserSession({ start: startStack });
let stack: Stack;
let context: BrowserContext;
let page: Page;
let serviceUrl: string;
/** Every main-frame navigation of the page, in order. */
let navigations: string[];
/** JavaScript dialogs opened (a `javascript:` returnTo that ran would `alert`). */
let dialogs: string[];

beforeEach(async () => {
  ({ stack, context, page } = session);
  serviceUrl = stack.service.url;
  // The machine has no network: answer for the attacker's host, so a redirect there lands on a page we can see.
  await context.route(`**://${EVIL}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>pwned</h1>' }),
  );
  navigations = [];
  dialogs = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

/**
 * auth-start with `returnTo` (encoded as given), then alice on the emulator's account picker. Resolves where the
 * sign-in ends: off the app, or on the app with the grid shown (MSAL has completed the redirect and gone on to the
 * start page: the page in between shows a spinner, not the grid).
 */
async function signInReturningTo(encodedReturnTo: string): Promise<URL> {
  await page.goto(`${serviceUrl}/auth-start.html?mode=signin&returnTo=${encodedReturnTo}`);
  await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
  await page.locator('button[name="emu_user"][value="alice"]').click();
  const offApp = page.waitForURL((url) => url.hostname === EVIL, { timeout: 30_000 });
  const grid = page.getByRole('heading', { name: 'Virtual machines' }).waitFor({ timeout: 30_000 });
  await Promise.race([offApp, grid]);
  // The other one times out later, or fails when the context closes: nobody waits for it.
  offApp.catch(() => undefined);
  grid.catch(() => undefined);
  return new URL(page.url());
}

function expectOnApp(url: URL): void {
  expect(url.origin).toBe(new URL(serviceUrl).origin);
  expect(navigations.filter((n) => new URL(n).hostname === EVIL)).toEqual([]);
  expect(dialogs).toEqual([]);
}

describe('auth-start.html?mode=signin: returnTo', () => {
  it.each([
    ['tab', '%2F%09%2Fevil.example%2Fpwned'],
    ['line feed', '%2F%0A%2Fevil.example%2Fpwned'],
    ['carriage return', '%2F%0D%2Fevil.example%2Fpwned'],
    ['absolute', encodeURIComponent(`https://${EVIL}/x`)],
    ['protocol-relative', encodeURIComponent(`//${EVIL}`)],
    ['backslash', encodeURIComponent(`/\\${EVIL}/pwned`)],
    ['dot segment', encodeURIComponent(`/.//${EVIL}/pwned`)],
    ['javascript:', encodeURIComponent('javascript:alert(document.domain)')],
  ])('%s (%s) signs alice in and ends on the app, at /', async (_name, returnTo) => {
    const url = await signInReturningTo(returnTo);
    expectOnApp(url);
    expect(url.pathname + url.search + url.hash).toBe('/');
    expect(await vmNames(page)).toEqual(['build-agent-01', 'sql-01', 'web-01', 'web-02']);
  });

  it('keeps a same-origin path and query: /?q=web shows the grid filtered', async () => {
    const url = await signInReturningTo(encodeURIComponent('/?q=web'));
    expectOnApp(url);
    expect(url.pathname + url.search).toBe('/?q=web');
    await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
    expect(await vmNames(page)).toEqual(['web-01', 'web-02']);
  });
});

describe('the consent window (auth-start → authorize → auth-end)', () => {
  /** Opens auth-start for consent from the tab's page, as the tab's Grant consent does; returns the popup. */
  async function openConsent(): Promise<{ popup: Page; result: Promise<unknown> }> {
    await page.goto(serviceUrl);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const result = page.evaluate(
      () =>
        new Promise((resolve) => {
          window.addEventListener('message', (event) => {
            if ((event.data as { type?: string } | null)?.type === 'vmm.auth.result') resolve(event.data);
          });
        }),
    );
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.evaluate(() => {
        window.open(
          '/auth-start.html?mode=consent&prompt=consent&loginHint=erin%40contoso.onmicrosoft.com',
          'vmm-consent',
          'popup,width=600,height=640',
        );
      }),
    ]);
    await popup.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    return { popup, result };
  }

  it('is MSAL asking for Azure Resource Manager with the hint, back to auth-end; granting tells the opener', async () => {
    const { popup, result } = await openConsent();
    const authorize = new URL(popup.url());
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      code_challenge_method: 'S256',
      redirect_uri: `${serviceUrl}/auth-end.html`,
      prompt: 'consent',
      login_hint: 'erin@contoso.onmicrosoft.com',
    });
    expect(authorize.searchParams.get('scope')!.split(' ')).toEqual(
      expect.arrayContaining(['https://management.azure.com/user_impersonation', 'openid', 'profile']),
    );
    expect(authorize.searchParams.get('scope')).not.toMatch(/access_as_user/);
    expect(authorize.searchParams.get('x-client-SKU')).toMatch(/msal/i);
    await popup.locator('button[name="emu_user"][value="erin"]').click();
    await popup.getByRole('heading', { name: 'Permissions requested' }).waitFor();
    await Promise.all([popup.waitForEvent('close'), popup.getByRole('button', { name: 'Accept' }).click()]);
    expect(await result).toEqual({ type: 'vmm.auth.result', ok: true });
  });

  it("declining posts Entra's error as sent: access_denied, AADSTS65004 with trace and correlation ids", async () => {
    const { popup, result } = await openConsent();
    await popup.locator('button[name="emu_user"][value="erin"]').click();
    await Promise.all([popup.waitForEvent('close'), popup.getByRole('button', { name: 'Cancel' }).click()]);
    expect(await result).toEqual({
      type: 'vmm.auth.result',
      ok: false,
      error: 'access_denied',
      description: expect.stringMatching(
        /^AADSTS65004: .*Trace ID: [0-9a-f-]{36}.*Correlation ID: [0-9a-f-]{36}/s,
      ),
    });
  });
});
