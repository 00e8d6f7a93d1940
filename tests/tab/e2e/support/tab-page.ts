import type { Page } from 'playwright-core';

/**
 * Signs in through the tab's sign-in page and the emulator's authorize page (account picker, then consent if the
 * emulator asks). Returns once the tab shows the VM page.
 */
export async function signIn(
  page: Page,
  serviceUrl: string,
  userKey: string,
  options: { acceptConsent?: boolean } = {},
): Promise<void> {
  await page.goto(serviceUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
  await page.locator(`button[name="emu_user"][value="${userKey}"]`).click();
  if (options.acceptConsent) await page.getByRole('button', { name: 'Accept' }).click();
  await page.waitForURL(`${serviceUrl}/`);
  await page.getByRole('heading', { name: 'Virtual machines' }).waitFor();
}

export const grid = (page: Page) => page.getByRole('grid', { name: 'Virtual machines' });

/** Names in the grid, in display order. */
export async function vmNames(page: Page): Promise<string[]> {
  await grid(page).waitFor();
  return page.locator('[data-vm-name]').allTextContents();
}

export const row = (page: Page, name: string) =>
  grid(page)
    .getByRole('row')
    .filter({ has: page.locator(`[data-vm-name]:text-is("${name}")`) });

export const toolbarButton = (page: Page, name: string) =>
  page.getByRole('toolbar', { name: 'Actions on selected VMs' }).getByRole('button', { name, exact: true });

/** A toast's title (Fluent also echoes it in a hidden live region). */
export const toast = (page: Page, title: string) => page.locator('.fui-ToastTitle', { hasText: title });
