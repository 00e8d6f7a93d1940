import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { ROOT } from '../../support/paths.ts';
import { startStack, type Stack } from '../../support/stack.ts';
import { ensureDevChatBuilt } from '../helpers/devchat-build.ts';

const ARTIFACTS = join(ROOT, 'artifacts');
const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
const portalLink = (rg: string, name: string) =>
  `https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/${DEV}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}/overview`;

let stack: Stack;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  await ensureDevChatBuilt();
  stack = await startStack();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => errors.push(error.message));
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const log = () => page.getByRole('log', { name: 'Conversation' });
const composeInvokes = () =>
  page.waitForResponse(
    (res) =>
      res.url().endsWith('/api/messages') && res.request().postData()?.includes('composeExtension') === true,
  );

describe('dev chat compose box: the message extension and link unfurling, as Teams', () => {
  it('searches alice’s VMs from the compose box (silent SSO) and inserts a VM card whose buttons work', async () => {
    await page.goto(`${stack.service.url}/dev/chat?user=alice`);
    await page.getByRole('button', { name: 'VM Manager: Search VMs' }).click();
    const results = page.getByRole('list', { name: 'Search results' });
    // initialRun: everything alice may see (silentAuth answered with her SSO token), nothing of Contoso Prod.
    await results.getByText('web-01', { exact: true }).waitFor();
    await expect(results.getByText('app-01', { exact: true }).count()).resolves.toBe(0);

    await page.getByRole('searchbox', { name: 'Search VMs' }).fill('rg-data');
    // The filtered answer replaces the first one: rg-data only.
    await results.getByText('web-01', { exact: true }).waitFor({ state: 'detached' });
    await results.getByText('sql-01', { exact: true }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'devchat-compose-search.png') });

    await results.getByRole('button', { name: /sql-01/ }).click();
    await page.getByText('Card to send').waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    const sent = log().locator('li.message.from-user').last();
    await sent.getByText('sql-01', { exact: true }).first().waitFor();
    await expect(sent.getByText('Alice Wong').count()).resolves.toBeGreaterThan(0);

    // The inserted card's Universal Actions answer for whoever clicks: alice's Stop asks her to confirm (after SSO).
    await sent.getByRole('button', { name: 'Stop', exact: true }).click();
    await sent.getByText('Stop sql-01?').waitFor();
    await expect(sent.locator('.note-error').count()).resolves.toBe(0);
  }, 60_000);

  it('unfurls a pasted portal link to bob’s VM, and nothing for a VM he cannot read', async () => {
    await page.goto(`${stack.service.url}/dev/chat?user=bob`);
    await page.getByRole('button', { name: /Ops team/ }).click();
    const input = page.getByLabel('Type a message');

    const answered = composeInvokes();
    await input.fill(`have a look ${portalLink('rg-web', 'web-01')}`);
    await answered;
    await page.getByText('Link preview').waitFor();
    await page.getByRole('button', { name: 'Send' }).click();
    const sent = log().locator('li.message.from-user').last();
    await sent.getByText('web-01', { exact: true }).first().waitFor();
    await expect(sent.getByText(/have a look/).count()).resolves.toBe(1);

    const refused = composeInvokes();
    await input.fill(portalLink('rg-data', 'sql-01'));
    const res = await refused;
    expect(
      ((await res.json()) as { composeExtension: { attachments: unknown[] } }).composeExtension.attachments,
    ).toEqual([]);
    await expect(page.getByText('Link preview').count()).resolves.toBe(0);
    await input.fill('');
  }, 60_000);

  it('in a channel signs carol in through the sign-in link, the sign-in page and the magic code', async () => {
    await page.goto(`${stack.service.url}/dev/chat?user=carol`);
    await page.getByRole('button', { name: /General \(channel\)/ }).click();
    await page.getByLabel('Type a message').fill('list');
    await page.getByRole('button', { name: 'Send' }).click();
    const signIn = log().getByRole('button', { name: 'Sign in', exact: true });
    await signIn.waitFor();
    // Never a silent token exchange in a channel.
    await expect(
      log()
        .getByText(/Signing in .* with Teams SSO/)
        .count(),
    ).resolves.toBe(0);
    const [popup] = await Promise.all([page.waitForEvent('popup'), signIn.click()]);
    await popup.getByRole('button', { name: /Carol Diaz/ }).click();
    await log().getByText('Your virtual machines').waitFor({ timeout: 20_000 });
  }, 60_000);

  it('is usable at 400 px: no horizontal scroll', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    await page.goto(`${stack.service.url}/dev/chat?user=alice`);
    await page.getByLabel('Type a message').fill('list');
    await page.getByRole('button', { name: 'Send' }).click();
    await log().getByText('Your virtual machines').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'devchat-400px.png'), fullPage: true });
    await page.getByRole('button', { name: 'VM Manager: Search VMs' }).click();
    await page.getByRole('list', { name: 'Search results' }).getByText('web-01', { exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'devchat-400px-search.png') });
    expect(errors).toEqual([]);
  }, 60_000);
});
