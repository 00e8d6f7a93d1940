/**
 * The tab when the service's action budget is spent (429 + `Retry-After`), in headless Chromium against the real
 * service and emulator: a bulk Start is retried a bounded number of times, only while `Retry-After` is short, and
 * ends in ONE toast for the whole request that says when to try again (not one per VM).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ServiceConfig } from '../../../src/config/index.ts';
import { ensureTabBuilt } from '../../../tab/build/ensure-built.ts';
import { startStack, type Stack } from '../../support/stack.ts';
import { launchBrowser, newContext, settled } from './support/browser.ts';
import { signIn, toolbarButton } from './support/tab-page.ts';

jest.setTimeout(90_000);

let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Bulk action requests the page sent. */
let bulkPosts: number;

beforeAll(async () => {
  await ensureTabBuilt();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  context = await newContext(browser);
  page = await context.newPage();
  bulkPosts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/vms/actions') bulkPosts++;
  });
});

afterEach(async () => {
  await context?.close();
});

/** A stack whose action bucket holds one token; `clock.frozen` stops the service's clock (so its refill). */
async function startLimitedStack(rateLimit: ServiceConfig['rateLimit']) {
  const clock: { frozen?: number } = {};
  const stack = await startStack({
    service: { rateLimit },
    deps: { now: () => clock.frozen ?? Date.now() },
  });
  return { stack, clock };
}

/** Spends alice's one action token through the API (one start of web-02), behind the tab's back. */
async function spendAliceBudget(stack: Stack): Promise<void> {
  const token = await stack.ssoToken('alice');
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
  const list = (await (await fetch(`${stack.service.url}/api/vms`, { headers })).json()) as {
    vms: { name: string; subscriptionId: string; resourceGroup: string }[];
  };
  const vm = list.vms.find((v) => v.name === 'web-02')!;
  const res = await fetch(
    `${stack.service.url}/api/vms/${vm.subscriptionId}/${vm.resourceGroup}/${vm.name}/start`,
    { method: 'POST', headers },
  );
  expect(res.status).toBe(202);
}

/**
 * Selects every VM and clicks Start: one bulk request for the two that are not running (web-02, sql-01); the
 * confirmation names the two it skips.
 */
async function startAll(): Promise<void> {
  await page.getByRole('checkbox', { name: 'Select all VMs' }).check();
  await toolbarButton(page, 'Start').click();
  await page
    .getByRole('dialog', { name: 'Start 2 VMs?' })
    .getByRole('button', { name: 'Start 2 VMs' })
    .click();
}

const toasts = (p: Page) => p.locator('.fui-Toast');

/** The toasts' text once no new one has appeared for `quietMs`. */
async function toastTexts(quietMs = 2_000): Promise<string[]> {
  let count = -1;
  while (count !== (await toasts(page).count())) {
    count = await toasts(page).count();
    await page.waitForTimeout(quietMs);
  }
  await settled(page);
  return toasts(page).allInnerTexts();
}

describe('rate-limited bulk action', () => {
  describe('Retry-After too long to wait for (a very slow refill)', () => {
    let stack: Stack;
    beforeAll(async () => {
      ({ stack } = await startLimitedStack({ capacity: 1, refillPerSecond: 0.01 }));
    }, 60_000);
    afterAll(async () => {
      await stack?.close();
    });

    it('gives up at once: one request, one toast saying when to try again', async () => {
      await signIn(page, stack.service.url, 'alice');
      await spendAliceBudget(stack);
      await startAll();
      await toasts(page).first().waitFor({ timeout: 15_000 });
      const texts = await toastTexts();
      expect(texts).toHaveLength(1);
      expect(texts[0]).toMatch(/too many requests/i);
      expect(texts[0]).toMatch(/rate-limited/i);
      expect(texts[0]).toMatch(/try again in 2 minutes/i);
      expect(bulkPosts).toBe(1);
    });
  });

  describe('short Retry-After (the service clock stands still, so the budget never refills)', () => {
    let stack: Stack;
    let clock: { frozen?: number };
    beforeAll(async () => {
      ({ stack, clock } = await startLimitedStack({ capacity: 1, refillPerSecond: 0.5 }));
    }, 60_000);
    afterAll(async () => {
      await stack?.close();
    });

    it('retries twice after Retry-After, then shows one toast', async () => {
      await signIn(page, stack.service.url, 'alice');
      await spendAliceBudget(stack);
      clock.frozen = Date.now();
      try {
        const clicked = Date.now();
        await startAll();
        await toasts(page).first().waitFor({ timeout: 30_000 });
        const waited = Date.now() - clicked;
        const texts = await toastTexts();
        expect(texts).toHaveLength(1);
        expect(texts[0]).toMatch(/too many requests/i);
        expect(texts[0]).toMatch(/try again in 2 seconds/i);
        expect(bulkPosts).toBe(3);
        // Two waits of Retry-After (2 s each) before the toast.
        expect(waited).toBeGreaterThanOrEqual(3_500);
      } finally {
        delete clock.frozen;
      }
    });
  });
});
