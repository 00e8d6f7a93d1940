/**
 * The local sign-in's `returnTo` in a real browser: whatever auth-start is given, the tab ends on its own origin after
 * signing in through the emulator's authorize page. Browsers strip tabs and newlines from URLs and treat `\` as `/`,
 * so a value that looks like a path (`/%09/evil.example`) can still leave the origin: only the URL parser can tell.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureTabBuilt } from '../../../tab/build/ensure-built.ts';
import { startStack, type Stack } from '../../support/stack.ts';
import { launchBrowser, newContext } from './support/browser.ts';

jest.setTimeout(90_000);

const EVIL = 'evil.example';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let serviceUrl: string;
/** Every main-frame navigation of the page, in order. */
let navigations: string[];
/** JavaScript dialogs opened (a `javascript:` returnTo that ran would `alert`). */
let dialogs: string[];

beforeAll(async () => {
  await ensureTabBuilt();
  [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  serviceUrl = stack.service.url;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

beforeEach(async () => {
  context = await newContext(browser);
  // The machine has no network: answer for the attacker's host, so a redirect there lands on a page we can see.
  await context.route(`**://${EVIL}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>pwned</h1>' }),
  );
  page = await context.newPage();
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

afterEach(async () => {
  await context?.close();
});

/** Where the page ends up once auth-end has redirected: back on the app (past auth-end) or off it. */
async function landed(): Promise<URL> {
  const origin = new URL(serviceUrl).origin;
  await page.waitForURL(
    (url) => url.hostname === EVIL || (url.origin === origin && url.pathname !== '/auth-end.html'),
    { timeout: 30_000 },
  );
  return new URL(page.url());
}

/** auth-start with `returnTo`, then alice on the emulator's account picker; resolves where the sign-in ends. */
async function signInReturningTo(returnTo: string): Promise<URL> {
  await page.goto(`${serviceUrl}/auth-start.html?mode=signin&returnTo=${encodeURIComponent(returnTo)}`);
  await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
  await page.locator('button[name="emu_user"][value="alice"]').click();
  return landed();
}

function expectOnApp(url: URL): void {
  expect(url.origin).toBe(new URL(serviceUrl).origin);
  expect(navigations.filter((n) => new URL(n).hostname === EVIL)).toEqual([]);
  expect(dialogs).toEqual([]);
}

describe('sign-in returnTo', () => {
  it.each([
    ['tab', `/\t/${EVIL}/pwned`],
    ['line feed', `/\n/${EVIL}/pwned`],
    ['carriage return', `/\r/${EVIL}/pwned`],
    ['protocol-relative', `//${EVIL}/pwned`],
    ['backslash', `/\\${EVIL}/pwned`],
    ['absolute', `https://${EVIL}/pwned`],
    ['dot segment', `/.//${EVIL}/pwned`],
    ['javascript:', 'javascript:alert(document.domain)'],
  ])('%s: %j ends on the app, at /', async (_name, returnTo) => {
    const url = await signInReturningTo(returnTo);
    expectOnApp(url);
    expect(url.pathname + url.search + url.hash).toBe('/');
    await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
  });

  it('keeps a same-origin path, query and fragment', async () => {
    const url = await signInReturningTo('/?view=all#top');
    expectOnApp(url);
    expect(url.pathname + url.search + url.hash).toBe('/?view=all#top');
    await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
  });

  it('auth-end checks the stored returnTo again (a request saved by another version, or tampered with)', async () => {
    // Rewrites the pending request's returnTo before auth-end's script reads it.
    await page.addInitScript((evil) => {
      if (window.location.pathname !== '/auth-end.html') return;
      for (let i = 0; i < sessionStorage.length; i++) {
        const key = sessionStorage.key(i);
        if (!key?.startsWith('vmm.auth.pending.')) continue;
        const pending = JSON.parse(sessionStorage.getItem(key)!) as Record<string, unknown>;
        sessionStorage.setItem(key, JSON.stringify({ ...pending, returnTo: `/\t/${evil}/pwned` }));
      }
    }, EVIL);
    const url = await signInReturningTo('/');
    expectOnApp(url);
    expect(url.pathname).toBe('/');
  });
});
