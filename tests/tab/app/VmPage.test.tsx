/** @jest-environment jsdom */
import '../support/dom.ts';
import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { aliceVms, bobVms, DEV, makeVm, PROD } from '../support/fixtures.ts';
import { createFakeService } from '../support/fake-service.ts';
import { renderPage } from '../support/render.tsx';
import type { Operation } from '../../../contract/operation.ts';

const grid = () => screen.getByRole('grid', { name: 'Virtual machines' });
const dataRows = () => within(grid()).getAllByRole('row').slice(1);
const rowOf = (name: string) => {
  const row = dataRows().find((r) => within(r).queryByText(name, { selector: '[data-vm-name]' }));
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};
const select = async (user: ReturnType<typeof userEvent.setup>, name: string) =>
  user.click(screen.getByRole('checkbox', { name: `Select ${name}` }));
/**
 * In jsdom, Tabster's modalizer never sees focus enter the dialog and marks it aria-hidden a moment after it opens,
 * which also blanks its computed name. So the dialog is found with `hidden: true` and its title and description are
 * checked through aria-labelledby / aria-describedby. The browser e2e tests query the same dialog by role and name.
 */
async function dialogTitled(title: string): Promise<HTMLElement> {
  const dialog = await screen.findByRole('dialog', { hidden: true });
  expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')).toHaveTextContent(title);
  return dialog;
}
const describedBy = (dialog: HTMLElement) =>
  document.getElementById(dialog.getAttribute('aria-describedby') ?? '');
const inDialog = (dialog: HTMLElement, name: string) =>
  within(dialog).getByRole('button', { hidden: true, name });
const button = (name: string) =>
  within(screen.getByRole('toolbar', { name: 'Actions on selected VMs' })).getByRole('button', { name });

describe('VmPage', () => {
  it('lists the VMs in a grid with name, power state, size, OS, location, group and subscription', async () => {
    const service = createFakeService({ vms: aliceVms() });
    renderPage(service);
    expect(screen.getByText('Loading your virtual machines…')).toBeInTheDocument();
    await screen.findByRole('grid', { name: 'Virtual machines' });
    expect(grid()).toHaveAttribute('aria-rowcount', '5');
    const headers = within(grid())
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(
      expect.arrayContaining([
        'Name',
        'Power state',
        'Size',
        'OS',
        'Location',
        'Resource group',
        'Subscription',
      ]),
    );
    // Sorted by name by default.
    expect(
      dataRows().map((r) => within(r).getByText(/./, { selector: '[data-vm-name]' }).textContent),
    ).toEqual(['build-agent-01', 'sql-01', 'web-01', 'web-02']);
    const sql = rowOf('sql-01');
    expect(within(sql).getByText('Stopped (still billed)')).toBeInTheDocument();
    expect(within(sql).getByText('Standard_E4s_v5')).toBeInTheDocument();
    expect(within(sql).getByText('Windows')).toBeInTheDocument();
    expect(within(sql).getByText('rg-data')).toBeInTheDocument();
    expect(within(sql).getByText('Contoso Dev')).toBeInTheDocument();
    expect(within(rowOf('web-02')).getByText('Stopped (deallocated)')).toBeInTheDocument();
    expect(within(rowOf('web-01')).getByText('Running')).toBeInTheDocument();
    expect(screen.getByText(/^Updated (just now|\d+ s ago)$/)).toBeInTheDocument();
    expect(await screen.findByText('Alice Wong')).toBeInTheDocument();
    // Every call carried the Bearer token.
    expect(service.requests.every((r) => r.authorization === 'Bearer header.payload.signature')).toBe(true);
  });

  it('sorts by a column when its header is clicked', async () => {
    const user = userEvent.setup();
    renderPage(createFakeService({ vms: aliceVms() }));
    await screen.findByRole('grid');
    await user.click(within(grid()).getByText('Power state'));
    const names = () =>
      dataRows().map((r) => within(r).getByText(/./, { selector: '[data-vm-name]' }).textContent);
    expect(names()).toEqual(['build-agent-01', 'web-01', 'sql-01', 'web-02']);
    await user.click(within(grid()).getByText('Name'));
    await user.click(within(grid()).getByText('Name'));
    expect(names()).toEqual(['web-02', 'web-01', 'sql-01', 'build-agent-01']);
  });

  it('filters by text, power state and subscription', async () => {
    const user = userEvent.setup();
    renderPage(
      createFakeService({
        vms: [...aliceVms(), makeVm('app-01', { subscriptionId: PROD, resourceGroup: 'rg-app' })],
      }),
    );
    await screen.findByRole('grid');
    expect(screen.getByText('5 VMs')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox'), 'storefront');
    expect(dataRows()).toHaveLength(2);
    expect(screen.getByText('Showing 2 of 5 VMs')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    // Each filter is a menu button saying what it filters and what is chosen; it opens a menu of checkbox items
    // (found with `hidden: true`: in jsdom Tabster marks popups aria-hidden, see dialogTitled).
    expect(screen.queryByRole('combobox', { name: /subscription|power state/i })).toBeNull();
    const subscriptionFilter = screen.getByRole('button', { name: 'Subscription: all' });
    expect(subscriptionFilter).toHaveAttribute('aria-haspopup', 'menu');
    await user.click(subscriptionFilter);
    const subscriptionMenu = await screen.findByRole('menu', {
      hidden: true,
      name: 'Subscription: all',
    });
    await user.click(
      within(subscriptionMenu).getByRole('menuitemcheckbox', { hidden: true, name: 'Contoso Prod (1)' }),
    );
    expect(
      within(subscriptionMenu).getByRole('menuitemcheckbox', { hidden: true, name: 'Contoso Prod (1)' }),
    ).toHaveAttribute('aria-checked', 'true');
    expect(
      within(subscriptionMenu).getByRole('menuitemcheckbox', { hidden: true, name: 'Contoso Dev (4)' }),
    ).toHaveAttribute('aria-checked', 'false');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Subscription: Contoso Prod' })).toHaveAttribute(
      'aria-haspopup',
      'menu',
    );
    expect(dataRows().map((r) => r.getAttribute('data-vm-id'))).toEqual([
      expect.stringContaining(`/subscriptions/${PROD}/`),
    ]);
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByRole('button', { name: 'Subscription: all' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'State: all' }));
    await user.click(screen.getByRole('menuitemcheckbox', { hidden: true, name: 'Running' }));
    await user.click(screen.getByRole('menuitemcheckbox', { hidden: true, name: 'Stopped (deallocated)' }));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'State: Running, Stopped (deallocated)' })).toHaveAttribute(
      'aria-haspopup',
      'menu',
    );
    expect(dataRows()).toHaveLength(4);
    await user.click(screen.getByRole('button', { name: 'State: Running, Stopped (deallocated)' }));
    await user.click(screen.getByRole('menuitemcheckbox', { hidden: true, name: 'Stopped (deallocated)' }));
    await user.keyboard('{Escape}');
    expect(dataRows()).toHaveLength(3);
    await user.type(screen.getByRole('searchbox'), 'no-such-vm');
    expect(screen.getByRole('heading', { name: 'No VMs match your filters' })).toBeInTheDocument();
  });

  it("enables only actions the user's role allows on every selected VM, and says why not", async () => {
    const user = userEvent.setup();
    renderPage(
      createFakeService({
        vms: bobVms(),
        me: { name: 'Bob Martin', upn: 'bob@contoso.onmicrosoft.com', oid: 'b0b', tid: 't' },
      }),
    );
    await screen.findByRole('grid');
    expect(button('Start')).toHaveAttribute('aria-disabled', 'true');
    expect(button('Start')).toHaveAccessibleDescription('Select one or more VMs to start.');

    await select(user, 'web-01');
    for (const label of ['Start', 'Stop', 'Restart', 'Power off'])
      expect(button(label)).toHaveAttribute('aria-disabled', 'true');
    expect(button('Start')).toHaveAccessibleDescription("web-01 can't be started with your Azure role.");
    expect(button('Stop')).toHaveAccessibleDescription("web-01 can't be stopped with your Azure role.");

    await select(user, 'web-01');
    await select(user, 'web-02');
    expect(button('Start')).not.toHaveAttribute('aria-disabled');
    expect(button('Start')).toHaveAccessibleDescription(/Compute billing resumes/);
    expect(button('Stop')).toHaveAccessibleDescription('web-02 is already stopped (deallocated).');
    expect(button('Restart')).toHaveAccessibleDescription('web-02 is not running.');

    // Both selected: Start runs on web-02 only, and says it skips web-01 and why.
    await select(user, 'web-01');
    expect(button('Start')).not.toHaveAttribute('aria-disabled');
    expect(button('Start')).toHaveAccessibleDescription(
      "Start web-02. Skipped: web-01 can't be started with your Azure role.",
    );
    expect(screen.getByText('2 selected')).toBeInTheDocument();
  });

  it('starts a VM: per-row progress, then its new state and a success toast', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    renderPage(service);
    await screen.findByRole('grid');
    await select(user, 'web-02');
    await user.click(button('Start'));

    await within(rowOf('web-02')).findByText('Starting…');
    const post = service.requests.find((r) => r.method === 'POST');
    expect(post?.path).toBe(`/api/vms/${DEV}/rg-web/web-02/start`);
    expect(button('Start')).toHaveAccessibleDescription('web-02 has an operation in progress.');
    expect(screen.getByText('Start: web-02 requested.')).toBeInTheDocument();

    service.finish('op-1');
    expect(await screen.findByText('web-02 is running', { selector: '.fui-ToastTitle' })).toBeInTheDocument();
    await waitFor(() => expect(within(rowOf('web-02')).getByText('Running')).toBeInTheDocument());
    expect(
      service.requests.some((r) => r.method === 'GET' && r.path === `/api/vms/${DEV}/rg-web/web-02`),
    ).toBe(true);
  });

  it("shows ARM's reason when an operation fails", async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    renderPage(service);
    await screen.findByRole('grid');
    await select(user, 'web-02');
    await user.click(button('Start'));
    await within(rowOf('web-02')).findByText('Starting…');
    service.finish('op-1', {
      status: 'Failed',
      error: {
        code: 'OperationFailed',
        armCode: 'AllocationFailed',
        message: 'Allocation failed in westeurope.',
      },
    });
    expect(
      await screen.findByText("Couldn't start web-02", { selector: '.fui-ToastTitle' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Allocation failed in westeurope. (AllocationFailed)', { selector: '.fui-ToastBody' }),
    ).toBeInTheDocument();
  });

  it('asks before stopping; Cancel sends nothing, confirming sends deallocate', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    renderPage(service);
    await screen.findByRole('grid');
    await select(user, 'web-01');
    await user.click(button('Stop'));
    const dialog = await dialogTitled('Stop web-01?');
    expect(describedBy(dialog)).toHaveTextContent(/compute billing stops/);
    await user.click(inDialog(dialog, 'Cancel'));
    await waitFor(() => expect(screen.queryByRole('dialog', { hidden: true })).not.toBeInTheDocument());
    expect(service.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.click(button('Stop'));
    await user.click(inDialog(await dialogTitled('Stop web-01?'), 'Stop web-01'));
    await within(rowOf('web-01')).findByText('Stopping…');
    expect(service.requests.find((r) => r.method === 'POST')?.path).toBe(
      `/api/vms/${DEV}/rg-web/web-01/deallocate`,
    );
  });

  it('warns that power off keeps billing', async () => {
    const user = userEvent.setup();
    renderPage(createFakeService({ vms: aliceVms() }));
    await screen.findByRole('grid');
    await select(user, 'build-agent-01');
    expect(button('Power off')).toHaveAccessibleDescription(/still billed for compute/);
    await user.click(button('Power off'));
    const dialog = await dialogTitled('Power off build-agent-01?');
    expect(describedBy(dialog)).toHaveTextContent(/still billed for compute/);
  });

  it('sends one bulk request for several VMs and reports it in ONE toast with per-VM details', async () => {
    const user = userEvent.setup();
    const service = createFakeService({
      vms: [makeVm('a-01', { powerState: 'deallocated' }), makeVm('a-02', { powerState: 'deallocated' })],
    });
    const started: Operation = {
      id: 'op-x',
      vmId: service.vms[0]!.id,
      vmName: 'a-01',
      action: 'start',
      status: 'InProgress',
      requestedBy: { oid: 'o', name: 'n', upn: 'u', tid: 't' },
      startedAt: '2026-01-01T00:00:00Z',
    };
    // The tab polls it every 2 s: on a busy machine a poll may land before the toast is read, and must find it running.
    service.operations.set(started.id, started);
    service.override((req) =>
      req.path === '/api/vms/actions'
        ? {
            status: 202,
            body: {
              operations: [
                { vmId: service.vms[0]!.id, operation: started },
                {
                  vmId: service.vms[1]!.id,
                  error: { code: 'TooManyRequests', message: 'Throttled by ARM.' },
                },
              ],
            },
          }
        : undefined,
    );
    renderPage(service);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: 'Select all VMs' }));
    await user.click(button('Start'));
    await within(rowOf('a-01')).findByText('Starting…');
    expect(
      await screen.findByText('1 starting · 1 failed', { selector: '.fui-ToastTitle' }),
    ).toBeInTheDocument();
    expect(document.querySelectorAll('.fui-ToastTitle')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Show details' }));
    expect(screen.getByText('a-02: Throttled by ARM. (TooManyRequests)')).toBeVisible();
    expect(service.requests.find((r) => r.method === 'POST')?.body).toEqual({
      action: 'start',
      ids: service.vms.map((v) => v.id),
    });
  });

  it('a bulk request refused by the rate limit shows one toast for all the VMs, saying when to try again', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    service.override((req) =>
      req.method === 'POST'
        ? {
            status: 429,
            headers: { 'retry-after': '600' },
            body: {
              error: { code: 'TooManyRequests', message: 'Too many VM actions; wait before trying again.' },
            },
          }
        : undefined,
    );
    renderPage(service);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: 'Select all VMs' }));
    await user.click(button('Start'));
    // The confirmation names what is skipped and why.
    const dialog = await dialogTitled('Start 2 VMs?');
    expect(within(dialog).getByRole('list', { hidden: true, name: 'Skipped VMs' })).toHaveTextContent(
      'build-agent-01 is already running',
    );
    await user.click(inDialog(dialog, 'Start 2 VMs'));
    // Of alice's four, web-01 and build-agent-01 are running: Start is sent for the other two.
    expect(
      await screen.findByText("Too many requests: couldn't start 2 VMs", { selector: '.fui-ToastTitle' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/rate-limited.*Try again in 10 minutes\. 2 skipped\./, {
        selector: '.fui-ToastBody span',
      }),
    ).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(document.querySelectorAll('.fui-ToastTitle')).toHaveLength(1);
    expect(service.requests.filter((r) => r.method === 'POST')).toHaveLength(1);

    // A single VM too: one toast naming it.
    await user.click(screen.getByRole('checkbox', { name: 'Select all VMs' }));
    await select(user, 'web-02');
    await user.click(button('Start'));
    expect(
      await screen.findByText("Too many requests: couldn't start web-02", { selector: '.fui-ToastTitle' }),
    ).toBeInTheDocument();
    expect(document.querySelectorAll('.fui-ToastTitle')).toHaveLength(2);
    expect(service.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('explains the empty state: visibility follows Azure RBAC', async () => {
    renderPage(createFakeService({ vms: [] }));
    expect(
      await screen.findByRole('heading', { name: "You don't have access to any virtual machines" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Reader/)).toBeInTheDocument();
    expect(screen.queryByRole('grid')).not.toBeInTheDocument();
  });

  it('lists subscriptions that failed in a warning and still shows the others', async () => {
    renderPage(
      createFakeService({
        vms: aliceVms(),
        errors: [
          {
            subscriptionId: PROD,
            code: 'AuthorizationFailed',
            message: 'The client does not have authorization.',
          },
        ],
      }),
    );
    await screen.findByRole('grid');
    expect(screen.getByText('One subscription could not be listed')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Subscriptions that could not be listed' })).getByText(PROD),
    ).toBeInTheDocument();
    expect(dataRows()).toHaveLength(4);
  });

  it('asks for consent on ConsentRequired, runs the popup, then retries', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    let consented = false;
    service.override((req) =>
      req.path === '/api/vms' && !consented
        ? {
            status: 403,
            body: {
              error: {
                code: 'ConsentRequired',
                message: 'Consent needed.',
                scopes: ['https://management.azure.com/user_impersonation'],
              },
            },
          }
        : undefined,
    );
    const { consent } = renderPage(service, {
      consent: async () => {
        consented = true;
      },
    });
    const grant = await screen.findByRole('button', { name: 'Grant consent' });
    expect(screen.getByText('Permission needed')).toBeInTheDocument();
    expect(screen.queryByRole('grid')).not.toBeInTheDocument();
    await user.click(grant);
    expect(consent).toHaveBeenCalledTimes(1);
    await screen.findByRole('grid');
    expect(screen.queryByText('Permission needed')).not.toBeInTheDocument();
  });

  it('keeps the consent prompt with the reason when the popup is closed', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    service.override((req) =>
      req.path === '/api/vms'
        ? { status: 403, body: { error: { code: 'ConsentRequired', message: 'Consent needed.' } } }
        : undefined,
    );
    const { ApiError } = await import('../../../tab/src/api/errors.ts');
    renderPage(service, {
      consent: async () => {
        throw new ApiError('ConsentRequired', 'The consent window was closed before you granted access.', {
          status: 403,
        });
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Grant consent' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The consent window was closed before you granted access.',
    );
  });

  it('shows a network error with Retry, and recovers', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    let down = true;
    const fetch = service.fetch;
    service.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (down) throw new TypeError('Failed to fetch');
      return fetch(input, init);
    }) as typeof globalThis.fetch;
    renderPage(service);
    expect(await screen.findByText("Can't reach the service")).toBeInTheDocument();
    down = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('grid');
    expect(screen.queryByText("Can't reach the service")).not.toBeInTheDocument();
  });

  it('renders only a window of rows for 5,000 VMs', async () => {
    const vms = Array.from({ length: 5000 }, (_, i) =>
      makeVm(`vm-${String(i).padStart(4, '0')}`, { resourceGroup: `rg-${i % 50}` }),
    );
    renderPage(createFakeService({ vms }));
    await screen.findByRole('grid');
    expect(grid()).toHaveAttribute('aria-rowcount', '5001');
    const rows = dataRows();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]).toHaveAttribute('aria-rowindex', '2');
    expect(screen.getByText('5000 VMs')).toBeInTheDocument();

    // Ctrl+End / Ctrl+Home reach the ends of the whole list, not of the rendered window.
    const user = userEvent.setup();
    rows[0]!.focus();
    await user.keyboard('{Control>}{End}{/Control}');
    await waitFor(() => expect(document.activeElement).toHaveAttribute('aria-rowindex', '5001'));
    expect(document.activeElement).toHaveTextContent('vm-4999');
    await user.keyboard('{Control>}{Home}{/Control}');
    await waitFor(() => expect(document.activeElement).toHaveAttribute('aria-rowindex', '2'));
  });
});
