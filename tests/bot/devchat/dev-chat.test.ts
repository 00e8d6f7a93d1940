import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { ROOT } from '../../support/paths.ts';
import { startStack, type Stack } from '../../support/stack.ts';
import { ensureDevChatBuilt } from '../helpers/devchat-build.ts';

const ARTIFACTS = join(ROOT, 'artifacts');
let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await ensureDevChatBuilt();
  stack = await startStack({ emulator: { transitionMs: 1500 } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('dev chat (/dev/chat) in headless Chromium', () => {
  it('bob signs in silently, starts web-02 from a card and sees it reach Running', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${stack.service.url}/dev/chat?user=bob`);
    await expect(page.getByLabel('Teams user').inputValue()).resolves.toBe('bob');

    const log = page.getByRole('log', { name: 'Conversation' });
    await page.getByLabel('Type a message').fill('list');
    await page.getByRole('button', { name: 'Send' }).click();

    // Silent SSO answered the OAuth card, then the pending "list" ran as bob.
    await log.getByText('Signed in with Teams SSO as Bob Martin').waitFor();
    await log.getByText('2 VMs · 1 running').waitFor();

    // Open web-02 from the list (row select action), then Start.
    await log.getByText('web-02', { exact: true }).first().click();
    const start = log.getByRole('button', { name: 'Start', exact: true });
    await start.waitFor();
    await start.click();
    await log.getByText('Starting web-02…').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'devchat-starting.png') });

    // The progress card is updated in place once the emulator finishes the start.
    await log.getByText(/Started web-02 — requested by Bob Martin/).waitFor({ timeout: 20_000 });
    await expect(log.getByText('Running', { exact: true }).last().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'devchat-bob-started-web-02.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);

  it('gives each group chat member their own view of a shared card (refresh)', async () => {
    const log = page.getByRole('log', { name: 'Conversation' });
    await page.goto(`${stack.service.url}/dev/chat?user=alice`);
    await page.getByRole('button', { name: /Ops team/ }).click();
    await page.getByLabel('Type a message').fill('list');
    await page.getByRole('button', { name: 'Send' }).click();
    // No silent SSO in a group chat (as in Teams): the Universal Actions sign-in, one click.
    await log.getByRole('button', { name: 'Sign in and continue' }).click();
    await log.getByText('sql-01', { exact: true }).waitFor(); // alice (VM Contributor on Contoso Dev) sees rg-data

    // Bob's client refreshes the card for him (silent SSO for his click-free view): only rg-web.
    await page.getByLabel('Teams user').selectOption('bob');
    await log.getByText('Only you can see this view').waitFor();
    await log.getByText(/^2 VMs · \d running$/).waitFor();
    await expect(log.getByText('sql-01', { exact: true }).count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'devchat-group-bob-view.png') });
  }, 60_000);
});
