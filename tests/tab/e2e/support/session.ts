import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureTabBuilt } from '../../../../tab/build/ensure-built.ts';
import { launchBrowser, newContext } from './browser.ts';

/** What an e2e file's tests use: the running stack, Chromium, and a fresh context and page per test. */
export interface BrowserSession<TStack> {
  readonly stack: TStack;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
}

interface ResettableStack {
  readonly emulator: { call(path: string, init: { method: string }): Promise<unknown> };
  close(): Promise<void>;
}

export interface BrowserSessionOptions<TStack> {
  /** Starts what the tests run against (the service on the emulator, or behind the Easy Auth front door). */
  readonly start: () => Promise<TStack>;
  /** Each test's browser context. Default: {@link newContext} (1280×720, light, the emulator's CA accepted). */
  readonly newContext?: (browser: Browser, stack: TStack) => Promise<BrowserContext>;
}

/**
 * Registers an e2e file's hooks: build the tab if stale, start the stack and Chromium once; before each test reset
 * the emulator and open a new context and page; close them after. Read the session's fields inside tests or hooks.
 */
export function browserSession<TStack extends ResettableStack>(
  options: BrowserSessionOptions<TStack>,
): BrowserSession<TStack> {
  let stack: TStack | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    await ensureTabBuilt();
    [stack, browser] = await Promise.all([options.start(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  beforeEach(async () => {
    await ready(stack).emulator.call('/_emulator/reset', { method: 'POST' });
    context = await (options.newContext ?? newContext)(ready(browser), ready(stack));
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });
  return {
    get stack() {
      return ready(stack);
    },
    get browser() {
      return ready(browser);
    },
    get context() {
      return ready(context);
    },
    get page() {
      return ready(page);
    },
  };
}

function ready<T>(value: T | undefined): T {
  if (value === undefined)
    throw new Error('the browser session is not started (read it inside a test or hook)');
  return value;
}
