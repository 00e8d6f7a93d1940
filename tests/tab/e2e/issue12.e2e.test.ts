/**
 * The tab as good as the portal's VM list (issue 12), end to end: headless Chromium against the real service, SDKs
 * and emulator. Actions only where they make sense, Azure's own refusals, one toast per bulk request, an outage that
 * keeps the list, the details panel with network addresses read as the user, narrow windows, and axe-core on the
 * main screen in light and dark. Screenshots go to artifacts/screenshots/.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack } from '../../support/stack.ts';
import { axeViolations } from './support/axe.ts';
import { SCREENSHOTS, shoot, shootAt, showTheme, THEMES } from './support/browser.ts';
import { browserSession } from './support/session.ts';
import { grid, row, signIn, toast, toolbarButton, vmNames } from './support/tab-page.ts';

jest.setTimeout(90_000);

const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';

const session = browserSession({ start: startStack });
let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  ({ stack, context, page } = session);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.service.url });
});

/** What a narrow window must hold: no horizontal page scroll, single-line badges, the always-visible columns. */
async function narrowProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const problems: string[] = [];
    const { scrollWidth } = document.documentElement;
    if (scrollWidth > window.innerWidth) problems.push(`page scrolls: ${scrollWidth} > ${window.innerWidth}`);
    for (const badge of document.querySelectorAll<HTMLElement>('.fui-Badge')) {
      const text = badge.querySelector('span') ?? badge;
      const range = document.createRange();
      range.selectNodeContents(text);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) problems.push(`badge wraps: ${badge.textContent}`);
      const box = badge.getBoundingClientRect();
      for (const rect of range.getClientRects())
        if (rect.right > box.right + 1 || rect.bottom > box.bottom + 1)
          problems.push(`badge text outside its outline: ${badge.textContent}`);
    }
    return problems;
  });
}

describe('main screen', () => {
  it('dave (two subscriptions): wide and narrow; axe finds nothing serious in light, dark and high contrast', async () => {
    await signIn(page, stack.service.url, 'dave');
    expect(await vmNames(page)).toHaveLength(7);
    // The same names as the bot's cards.
    await row(page, 'app-03').getByText('Stopped (deallocated)').waitFor();
    await row(page, 'sql-01').getByText('Stopped (still billed)').waitFor();
    // Read only, visibly: dave is Reader on Contoso Dev.
    await row(page, 'web-01').getByText('Read only').waitFor();
    expect(await row(page, 'app-01').getByText('Read only').count()).toBe(0);
    // The filters say what they filter and what is chosen: menu buttons, not combo boxes.
    expect(await page.getByRole('combobox', { name: /state|subscription/i }).count()).toBe(0);
    for (const name of ['State: all', 'Subscription: all'])
      expect(await page.getByRole('button', { name, exact: true }).getAttribute('aria-haspopup')).toBe(
        'menu',
      );
    await shoot(page, 'issue12-grid-dave');

    for (const theme of THEMES) {
      await showTheme(page, theme);
      expect({ theme, violations: await axeViolations(page) }).toEqual({ theme, violations: [] });
    }
    // Windows' high contrast switched on while the tab is open: it follows with the high-contrast theme, and back.
    await page.emulateMedia({ forcedColors: 'active' });
    await page.locator('[data-theme="contrast"]').first().waitFor();
    await page.emulateMedia({ forcedColors: 'none' });
    await showTheme(page, 'light');
  });

  it('the state and subscription filters open checkbox menus; what is chosen is named and kept in the URL', async () => {
    await signIn(page, stack.service.url, 'dave');
    expect(await vmNames(page)).toHaveLength(7);
    const stateFilter = page.getByRole('button', { name: 'State: all', exact: true });
    await stateFilter.click();
    expect(await stateFilter.getAttribute('aria-expanded')).toBe('true');
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitemcheckbox', { name: 'Running', exact: true }).click();
    await menu.getByRole('menuitemcheckbox', { name: 'Stopped (deallocated)', exact: true }).click();
    expect(
      await menu.getByRole('menuitemcheckbox', { name: 'Running', exact: true }).getAttribute('aria-checked'),
    ).toBe('true');
    expect(
      await menu
        .getByRole('menuitemcheckbox', { name: 'Starting', exact: true })
        .getAttribute('aria-checked'),
    ).toBe('false');
    const chosen = page.getByRole('button', { name: 'State: Running, Stopped (deallocated)', exact: true });
    expect(await chosen.getAttribute('aria-haspopup')).toBe('menu');
    expect(new URL(page.url()).searchParams.get('state')).toBe('running,deallocated');
    for (const theme of THEMES) {
      await showTheme(page, theme);
      await page.screenshot({ path: join(SCREENSHOTS, `issue12-filter-state-menu-1280-${theme}.png`) });
      expect({ theme, violations: await axeViolations(page) }).toEqual({ theme, violations: [] });
    }
    await showTheme(page, 'light');
    await shootAt(page, 'issue12-filter-state-menu', 1280);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Subscription: all', exact: true }).click();
    await page
      .getByRole('menu')
      .getByRole('menuitemcheckbox', { name: /^Contoso Prod \(\d+\)$/ })
      .click();
    await page.getByRole('button', { name: 'Subscription: Contoso Prod', exact: true }).waitFor();
    await shootAt(page, 'issue12-filter-subscription-menu', 1280);
    await page.keyboard.press('Escape');
    const shown = await vmNames(page);
    expect(shown.length).toBeGreaterThan(0);

    // A reload (or the link) restores the filters, named on their buttons.
    await page.reload();
    await chosen.waitFor();
    await page.getByRole('button', { name: 'Subscription: Contoso Prod', exact: true }).waitFor();
    expect(await vmNames(page)).toEqual(shown);

    // Narrow: the buttons fit (their text is cut, not the page widened), and the menu opens within the window.
    await page.setViewportSize({ width: 400, height: 720 });
    await chosen.click();
    await page.getByRole('menu').waitFor();
    expect(await narrowProblems(page)).toEqual([]);
    const box = (await page.getByRole('menu').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(400);
    await shootAt(page, 'issue12-filter-state-menu', 400);
    expect(await axeViolations(page)).toEqual([]);
  });

  it.each([320, 400, 480])(
    'at %i px: no page scroll, whole badges, name/state/menu shown, toolbar collapsed',
    async (width) => {
      await page.setViewportSize({ width, height: 720 });
      await signIn(page, stack.service.url, 'alice');
      await grid(page).waitFor();
      await row(page, 'web-02').getByText('Stopped (deallocated)').waitFor();
      expect(await narrowProblems(page)).toEqual([]);
      expect(await grid(page).getAttribute('data-columns')).toBeNull(); // on the scroller, not the grid
      expect(await page.locator('[data-columns]').getAttribute('data-columns')).toBe('name actions');
      await row(page, 'web-02').getByRole('button', { name: 'More actions for web-02' }).waitFor();
      expect(await page.locator('[data-collapsed]').count()).toBe(1);
      // The collapsed toolbar still offers everything: Restart and Power off are in "More".
      await page.getByRole('checkbox', { name: 'Select web-01' }).check();
      await page.locator('[data-toolbar-overflow]').click();
      await page.getByRole('menuitem', { name: 'Restart' }).waitFor();
      await page.keyboard.press('Escape');
      expect(await narrowProblems(page)).toEqual([]);
      await shootAt(page, 'issue12-narrow', width);
      expect(await axeViolations(page)).toEqual([]);
    },
  );
});

describe('actions', () => {
  it('a bulk Start runs where it makes sense, lists the skipped, and reports in ONE toast', async () => {
    await signIn(page, stack.service.url, 'alice');
    await page.getByRole('checkbox', { name: 'Select all VMs' }).check();
    await toolbarButton(page, 'Start').click();
    const dialog = page.getByRole('dialog', { name: 'Start 2 VMs?' });
    await dialog.waitFor();
    const skipped = dialog.getByRole('list', { name: 'Skipped VMs' });
    expect(await skipped.getByRole('listitem').allTextContents()).toEqual([
      'build-agent-01 is already running',
      'web-01 is already running',
    ]);
    await shoot(page, 'issue12-bulk-confirm');
    await dialog.getByRole('button', { name: 'Start 2 VMs' }).click();
    await toast(page, '2 started · 2 skipped').waitFor({ timeout: 20_000 });
    expect(await page.locator('.fui-Toast').count()).toBe(1);
    await page.getByRole('button', { name: 'Show details', exact: true }).click();
    await page.locator('.fui-Toast').getByText('Skipped (2)', { exact: true }).waitFor();
    await shoot(page, 'issue12-bulk-toast');
    await row(page, 'sql-01').getByText('Running', { exact: true }).waitFor();
  });

  it("Azure refusing a restart (the VM was deallocated meanwhile) shows Azure's words and code", async () => {
    await signIn(page, stack.service.url, 'alice');
    await row(page, 'web-01').getByText('Running', { exact: true }).waitFor();
    // Someone else deallocates web-01; the tab's list still says Running.
    const token = await stack.ssoToken('alice');
    const res = await fetch(`${stack.service.url}/api/vms/${DEV}/rg-web/web-01/deallocate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    expect(res.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await page.getByRole('checkbox', { name: 'Select web-01' }).check();
    await toolbarButton(page, 'Restart').click();
    const dialog = page.getByRole('dialog', { name: 'Restart web-01?' });
    await dialog.getByRole('button', { name: 'Restart web-01' }).click();
    const refused = toast(page, 'Azure refused to restart web-01');
    await refused.waitFor({ timeout: 15_000 });
    const text = await page.locator('.fui-Toast', { has: refused }).innerText();
    expect(text).toContain('(OperationNotAllowed)');
    expect(text).not.toMatch(/try again|temporar/i);
    // The row catches up with Azure.
    await row(page, 'web-01').getByText('Stopped (deallocated)').waitFor({ timeout: 15_000 });
    await shoot(page, 'issue12-azure-refused');
  });
});

describe('Azure outage', () => {
  afterEach(async () => {
    await stack.emulator.call('/_emulator/faults', { method: 'POST', body: { target: 'arm', count: 0 } });
  });

  it('ARM failing for every subscription: the list stays, stale with its time; the banner names both', async () => {
    await signIn(page, stack.service.url, 'dave');
    expect(await vmNames(page)).toHaveLength(7);
    await stack.emulator.call('/_emulator/faults', {
      method: 'POST',
      body: { target: 'arm', status: 503, count: 10_000, retryAfterSeconds: 0 },
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const banner = page.getByTestId('subscriptions-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.innerText()).toContain('None of your 2 subscriptions could be listed');
    expect((await banner.locator('li strong').allTextContents()).sort()).toEqual([
      'Contoso Dev',
      'Contoso Prod',
    ]);
    expect(await vmNames(page)).toHaveLength(7);
    await page.getByRole('toolbar', { name: 'Actions on selected VMs' }).waitFor();
    await page.getByRole('search', { name: 'Filter VMs' }).waitFor();
    expect(await page.getByTestId('updated').innerText()).toMatch(/^Couldn't refresh · list from /);
    expect(await page.getByTestId('vm-count').innerText()).toMatch(/7 VMs · as of /);
    await shoot(page, 'issue12-outage');

    await stack.emulator.call('/_emulator/faults', { method: 'POST', body: { target: 'arm', count: 0 } });
    await banner.getByRole('button', { name: 'Retry' }).click();
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.getByTestId('updated').innerText()).toMatch(/^Updated (just now|\d+ s ago)$/);
  });
});

describe('details panel', () => {
  it('alice: web-01 addresses, DNS name, the ssh line to copy, the portal link; deep-linkable', async () => {
    await signIn(page, stack.service.url, 'alice');
    await row(page, 'web-01').getByRole('button', { name: 'web-01: show details' }).click();
    const panel = page.getByTestId('vm-details');
    await panel.getByText('10.1.0.4').waitFor();
    await panel.getByText('20.105.21.17 (static)').waitFor();
    await panel.getByText('contoso-web-01.westeurope.cloudapp.azure.com', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Copy SSH command' }).click();
    await panel.getByRole('button', { name: 'SSH command copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'ssh azureuser@contoso-web-01.westeurope.cloudapp.azure.com',
    );
    const vmId = `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-01`;
    const portal = panel.getByRole('link', { name: /Open in Azure portal/ }).last();
    expect(await portal.getAttribute('href')).toBe(
      `https://portal.azure.com/#@72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11/resource${vmId}`,
    );
    expect(new URL(page.url()).searchParams.get('vm')).toBe(vmId);
    // Connect: the portal's Connect blade (Bastion and the rest) besides the ssh line.
    expect(await panel.getByTestId('portal-connect').getAttribute('href')).toBe(
      `https://portal.azure.com/#@72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11/resource${vmId}/connect`,
    );
    // Since when it runs (the instance view's provisioning time), in the reader's locale.
    expect(await panel.getByTestId('power-state-since').innerText()).toMatch(
      /^since .+ \((for less than a minute|for \d+ (minute|hour|day)s?)\)$/,
    );
    await panel.getByRole('region', { name: 'Overview' }).scrollIntoViewIfNeeded();
    await shootAt(page, 'issue12-details-overview', 1280);
    // Disks, as the portal's Disks blade sums them up.
    const disks = panel.getByRole('region', { name: 'Disks' });
    const os = disks.locator('[data-disk^="web-01_OsDisk_1_"]');
    await os.waitFor();
    expect(await os.innerText()).toMatch(/OS disk[\s\S]*30 GiB[\s\S]*Premium SSD LRS[\s\S]*Read\/write/);
    await shoot(page, 'issue12-details-web-01');
    await disks.scrollIntoViewIfNeeded();
    await shootAt(page, 'issue12-details-disks', 1280);
    for (const theme of THEMES) {
      await showTheme(page, theme);
      await page.screenshot({ path: join(SCREENSHOTS, `issue12-details-disks-1280-${theme}.png`) });
      expect({ theme, violations: await axeViolations(page) }).toEqual({ theme, violations: [] });
    }
    await showTheme(page, 'light');

    // The URL opens it again (a link in a chat, a reload).
    await page.reload();
    await page.getByTestId('vm-details').getByText('10.1.0.4').waitFor();
    await page.getByRole('button', { name: 'Close details' }).click();
    await page.getByTestId('vm-details').waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('vm')).toBeNull();
  });

  it('sql-01 (Windows): a Remote Desktop file once it runs, a plain sentence before', async () => {
    await signIn(page, stack.service.url, 'alice');
    await row(page, 'sql-01').getByRole('button', { name: 'sql-01: show details' }).click();
    const panel = page.getByTestId('vm-details');
    await panel.getByTestId('connect-none').getByText("sql-01 isn't running. Start it to connect.").waitFor();
    await panel
      .getByRole('group', { name: 'Actions for sql-01' })
      .getByRole('button', { name: 'Start' })
      .click();
    const download = page.waitForEvent('download', { timeout: 30_000 });
    await panel.getByRole('button', { name: 'Download RDP file' }).click({ timeout: 30_000 });
    const file = await download;
    expect(file.suggestedFilename()).toBe('sql-01.rdp');
    await shoot(page, 'issue12-details-sql-01');
  });

  it("bob: what his role can't read is said in place; the rest is shown", async () => {
    await signIn(page, stack.service.url, 'bob');
    await row(page, 'web-01').getByRole('button', { name: 'web-01: show details' }).click();
    let panel = page.getByTestId('vm-details');
    await panel.getByText('10.1.0.4').waitFor();
    await panel.getByText("web-01-ip: you can't read it (AuthorizationFailed)").waitFor();
    await shoot(page, 'issue12-details-bob-web-01');
    await page.getByRole('button', { name: 'Close details' }).click();

    await row(page, 'web-02').getByRole('button', { name: 'web-02: show details' }).click();
    panel = page.getByTestId('vm-details');
    await panel.getByText(/You can't read this network interface: .*\(AuthorizationFailed\)/).waitFor();
    await shoot(page, 'issue12-details-bob-web-02');
  });

  it('at 360 px the panel takes the window and nothing scrolls sideways', async () => {
    await page.setViewportSize({ width: 360, height: 720 });
    await signIn(page, stack.service.url, 'alice');
    await row(page, 'web-01').getByRole('button', { name: 'web-01: show details' }).click();
    await page.getByTestId('vm-details').getByText('10.1.0.4').waitFor();
    expect(await narrowProblems(page)).toEqual([]);
    await shootAt(page, 'issue12-details-narrow', 360);
    await page.setViewportSize({ width: 400, height: 720 });
    const disks = page.getByTestId('vm-details').getByRole('region', { name: 'Disks' });
    await disks.scrollIntoViewIfNeeded();
    expect(await narrowProblems(page)).toEqual([]);
    await shootAt(page, 'issue12-details-disks', 400);
  });
});
