/**
 * The view as a link (issue 12), end to end in headless Chromium against the real service and emulator: group by
 * subscription or resource group, collapse a group, choose columns, and find the same view — grouping, sort,
 * filters, hidden columns and the open details panel — after a reload and through "Copy link". Screenshots of the
 * grouped grid (wide and narrow, light and dark) go to artifacts/screenshots/.
 */
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack } from '../../support/stack.ts';
import { axeViolations } from './support/axe.ts';
import { shootAt, showTheme, THEMES } from './support/browser.ts';
import { browserSession } from './support/session.ts';
import { grid, signIn, vmNames } from './support/tab-page.ts';

jest.setTimeout(90_000);

const session = browserSession({ start: startStack });
let stack: Stack;
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  ({ stack, context, page } = session);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.service.url });
});

const groupHeaders = (p: Page) => grid(p).locator('[data-group]');
const columnHeaders = async (p: Page) =>
  (await grid(p).getByRole('columnheader').allTextContents()).map((t) => t.trim()).filter(Boolean);
const params = (p: Page) => new URL(p.url()).searchParams;

describe('the view as a link', () => {
  it('dave groups by subscription, collapses one, hides a column; a reload shows the same view', async () => {
    await page.setViewportSize({ width: 1500, height: 800 });
    await signIn(page, stack.service.url, 'dave');
    expect(await vmNames(page)).toHaveLength(7);
    await page.getByRole('combobox', { name: 'Group rows' }).click();
    await page.getByRole('option', { name: 'Group by subscription' }).click();
    await groupHeaders(page).first().waitFor();
    const labels = await groupHeaders(page).getByRole('button').allTextContents();
    expect(labels).toHaveLength(2);
    expect(params(page).get('group')).toBe('subscription');
    const counts = await groupHeaders(page).locator('.fui-CounterBadge').allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(7);
    for (const theme of THEMES) {
      await showTheme(page, theme);
      expect({ theme, violations: await axeViolations(page) }).toEqual({ theme, violations: [] });
    }
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Tags' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await showTheme(page, 'light');
    await shootAt(page, 'view-grouped', 1500);
    await shootAt(page, 'view-grouped', 400);
    await page.setViewportSize({ width: 1500, height: 800 });

    // Collapse the first group: its VMs leave the grid, the header stays with its count.
    const first = groupHeaders(page).first().getByRole('button');
    await first.click();
    expect(await first.getAttribute('aria-expanded')).toBe('false');
    expect(await vmNames(page)).toHaveLength(7 - Number(counts[0]));
    await first.click();

    // Tags are a column; the chooser hides Size and remembers it.
    expect(await columnHeaders(page)).toEqual(expect.arrayContaining(['Tags', 'Size']));
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Size' }).click();
    await page.keyboard.press('Escape');
    await grid(page).getByRole('columnheader', { name: 'Size', exact: true }).waitFor({ state: 'detached' });

    // Sort by power state, descending, and filter: all of it in the URL.
    await grid(page).getByRole('columnheader', { name: 'Power state' }).click();
    await grid(page).getByRole('columnheader', { name: 'Power state' }).click();
    expect(params(page).get('sort')).toBe('-powerState');
    const order = await vmNames(page);

    await page.reload();
    await groupHeaders(page).first().waitFor();
    expect(await groupHeaders(page).getByRole('button').allTextContents()).toEqual(labels);
    expect(await vmNames(page)).toEqual(order);
    expect(await columnHeaders(page)).not.toContain('Size');
  });

  it('Copy link gives the URL of this view; opening it elsewhere shows the same filter and details panel', async () => {
    await signIn(page, stack.service.url, 'alice');
    await page.getByRole('searchbox', { name: /Filter by name/ }).fill('web');
    await grid(page).getByRole('button', { name: 'web-01: show details' }).click();
    await page.getByRole('dialog', { name: 'web-01' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Group rows' }).click();
    await page.getByRole('option', { name: 'Group by resource group' }).click();
    await grid(page).getByRole('button', { name: 'web-01: show details' }).click();
    await page.getByRole('dialog', { name: 'web-01' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.locator('.fui-ToastTitle', { hasText: 'Link to this view copied' }).waitFor();
    const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect(link.searchParams.get('q')).toBe('web');
    expect(link.searchParams.get('group')).toBe('resourceGroup');

    // The same link with the panel open, opened afresh (the session lives in this tab's storage).
    link.searchParams.set(
      'vm',
      (await grid(page).locator('[data-vm-id]').first().getAttribute('data-vm-id'))!,
    );
    const second = page;
    await second.goto('about:blank');
    await second.goto(link.toString());
    await second.getByRole('dialog').waitFor();
    await second.keyboard.press('Escape');
    expect(await vmNames(second)).toEqual(['web-01', 'web-02']);
    expect(await second.getByRole('searchbox', { name: /Filter by name/ }).inputValue()).toBe('web');
    await groupHeaders(second).first().waitFor();
  });
  it('a signed-out person opening a view link signs in and lands on that view', async () => {
    const link = `${stack.service.url}/?q=web&group=resourceGroup&sort=-name&theme=dark`;
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
    await page.locator('button[name="emu_user"][value="alice"]').click();
    await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
    await groupHeaders(page).first().waitFor();
    expect(params(page).get('q')).toBe('web');
    expect(params(page).get('group')).toBe('resourceGroup');
    expect(await vmNames(page)).toEqual(['web-02', 'web-01']);
    await page.locator('[data-theme="dark"]').first().waitFor();
  });
});
