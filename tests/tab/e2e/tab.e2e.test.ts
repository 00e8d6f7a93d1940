/**
 * The tab end to end: headless Chromium against the real service and the emulator (local mode), signing in through
 * the emulator's authorize page. Screenshots of each state, light and dark, go to artifacts/screenshots/.
 */
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack } from '../../support/stack.ts';
import { shoot } from './support/browser.ts';
import { browserSession } from './support/session.ts';
import { grid, row, signIn, toast, toolbarButton, vmNames } from './support/tab-page.ts';

jest.setTimeout(60_000);

const session = browserSession({ start: startStack });
let stack: Stack;
let context: BrowserContext;
let page: Page;
let serviceUrl: string;

beforeEach(async () => {
  ({ stack, context, page } = session);
  serviceUrl = stack.service.url;
});

describe('tab in a browser, local mode', () => {
  it('alice signs in through the emulator and sees her four Contoso Dev VMs', async () => {
    await signIn(page, serviceUrl, 'alice');
    expect(await vmNames(page)).toEqual(['build-agent-01', 'sql-01', 'web-01', 'web-02']);
    await expect(grid(page).getAttribute('aria-rowcount')).resolves.toBe('5');
    await page.getByText('Alice Wong').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await row(page, 'web-02').getByText('Stopped (deallocated)').isVisible()).toBe(true);
    expect(await row(page, 'sql-01').getByText('Stopped (still billed)').isVisible()).toBe(true);
    expect(await page.getByText(/^Updated (just now|\d+ s ago)$/).isVisible()).toBe(true);
    await shoot(page, 'grid-alice');

    // Sign out returns to the sign-in page; the session is gone.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await shoot(page, 'sign-in');
  });

  it("bob sees web-01 and web-02, and only web-02's Start is enabled", async () => {
    await signIn(page, serviceUrl, 'bob');
    expect(await vmNames(page)).toEqual(['web-01', 'web-02']);

    await page.getByRole('checkbox', { name: 'Select web-01' }).check();
    for (const label of ['Start', 'Stop', 'Restart', 'Power off']) {
      expect(await toolbarButton(page, label).getAttribute('aria-disabled')).toBe('true');
    }
    await toolbarButton(page, 'Start').hover();
    await page.getByRole('tooltip').getByText("web-01 can't be started with your Azure role.").waitFor();
    await shoot(page, 'bob-forbidden');

    await page.getByRole('checkbox', { name: 'Select web-01' }).uncheck();
    await page.getByRole('checkbox', { name: 'Select web-02' }).check();
    expect(await toolbarButton(page, 'Start').getAttribute('aria-disabled')).toBeNull();
    expect(await toolbarButton(page, 'Stop').getAttribute('aria-disabled')).toBe('true');
  });

  it('carol has no role assignments and sees the empty state', async () => {
    await signIn(page, serviceUrl, 'carol');
    await page.getByRole('heading', { name: "You don't have access to any virtual machines" }).waitFor();
    expect(await grid(page).count()).toBe(0);
    await shoot(page, 'empty-carol');
  });

  it('starting web-02 shows progress, then Running', async () => {
    await signIn(page, serviceUrl, 'alice');
    await page.getByRole('checkbox', { name: 'Select web-02' }).check();
    await toolbarButton(page, 'Start').click();
    await row(page, 'web-02').getByText('Starting…').waitFor();
    await shoot(page, 'start-progress');
    await toast(page, 'web-02 is running').waitFor({ timeout: 15_000 });
    await row(page, 'web-02').getByText('Running', { exact: true }).waitFor();
    await shoot(page, 'start-done');

    // A confirmed stop goes through the dialog, reachable by role in a real browser.
    await toolbarButton(page, 'Stop').click();
    const dialog = page.getByRole('dialog', { name: 'Stop web-02?' });
    await dialog.waitFor();
    await shoot(page, 'stop-confirm');
    await dialog.getByRole('button', { name: 'Stop web-02' }).click();
    await row(page, 'web-02').getByText('Stopping…').waitFor();
    await toast(page, 'web-02 is stopped (deallocated)').waitFor({ timeout: 15_000 });
  });

  it('an operation Azure fails shows a toast with ARM’s reason, and the VM keeps its state', async () => {
    await stack.emulator.call('/_emulator/faults', {
      method: 'POST',
      body: { operationFailure: { vm: 'web-02', action: 'start', code: 'AllocationFailed' } },
    });
    await signIn(page, serviceUrl, 'alice');
    await page.getByRole('checkbox', { name: 'Select web-02' }).check();
    await toolbarButton(page, 'Start').click();
    const failure = toast(page, "Couldn't start web-02");
    await failure.waitFor({ timeout: 15_000 });
    const body = await page.locator('.fui-Toast', { has: failure }).innerText();
    expect(body).toContain('Allocation failed. We do not have sufficient capacity');
    await shoot(page, 'start-failed');
    await row(page, 'web-02').getByText('Stopped (deallocated)').waitFor();
  });

  it('erin is asked for consent and, after consenting on the emulator page, sees the grid', async () => {
    // Erin signs in (MSAL) while consented, then her consent is revoked before the tab's first API call: the
    // service's OBO exchange fails with consent_required and the tab offers the consent popup.
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
    await page.goto(serviceUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    await page.locator('button[name="emu_user"][value="erin"]').click();
    // Signed in (the code redeemed), the grid waiting for its first answer.
    await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
    await stack.emulator.call('/_emulator/consent', {
      method: 'POST',
      body: { user: 'erin', consented: false },
    });
    release();
    await page.getByText('Permission needed').waitFor();
    await shoot(page, 'consent-erin');

    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Grant consent' }).click(),
    ]);
    await popup.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    await popup.locator('button[name="emu_user"][value="erin"]').click();
    await popup.getByRole('heading', { name: 'Permissions requested' }).waitFor();
    await popup.getByRole('button', { name: 'Accept' }).click();
    await popup.waitForEvent('close');

    expect(await vmNames(page)).toEqual(['build-agent-01', 'sql-01', 'web-01', 'web-02']);
    expect(await page.getByText('Permission needed').count()).toBe(0);
  });
});
