/** @jest-environment jsdom */
/**
 * The page as good as the portal's VM list (issue 12), over the fake service: actions only where they make sense
 * (state and role, the contract's rule), bulk actions that skip and say why, one toast per bulk request, Azure's
 * own refusals, a list that survives an Azure outage, the details panel (deep-linkable), the row menu and the
 * read-only marker.
 */
import '../support/dom.ts';
import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { VmDetails } from '../../../contract/vm-details.ts';
import { aliceVms, bobVms, DEV, makeVm, PROD } from '../support/fixtures.ts';
import { createFakeService } from '../support/fake-service.ts';
import { renderPage } from '../support/render.tsx';

const grid = () => screen.getByRole('grid', { name: 'Virtual machines' });
const dataRows = () => within(grid()).getAllByRole('row').slice(1);
const rowOf = (name: string) => {
  const row = dataRows().find((r) => within(r).queryByText(name, { selector: '[data-vm-name]' }));
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};
const button = (name: string) =>
  within(screen.getByRole('toolbar', { name: 'Actions on selected VMs' })).getByRole('button', { name });
async function dialogTitled(title: string): Promise<HTMLElement> {
  const dialog = await screen.findByRole('dialog', { hidden: true });
  expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')).toHaveTextContent(title);
  return dialog;
}
const posts = (service: ReturnType<typeof createFakeService>) =>
  service.requests.filter((r) => r.method === 'POST');

afterEach(() => window.history.replaceState(null, '', '/'));

describe('actions where they make sense (the contract rule, the same as the bot)', () => {
  it('a bulk Restart runs on the running VMs only; the confirmation lists the skipped ones and why', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    renderPage(service);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: 'Select all VMs' }));
    expect(button('Restart')).not.toHaveAttribute('aria-disabled');
    await user.click(button('Restart'));
    const dialog = await dialogTitled('Restart 2 VMs?');
    const skipped = within(dialog).getByRole('list', { hidden: true, name: 'Skipped VMs' });
    expect(
      within(skipped)
        .getAllByRole('listitem', { hidden: true })
        .map((li) => li.textContent),
    ).toEqual(['web-02 is not running', 'sql-01 is not running']);
    await user.click(within(dialog).getByRole('button', { hidden: true, name: 'Restart 2 VMs' }));
    await waitFor(() => expect(posts(service)).toHaveLength(1));
    const ids = (posts(service)[0]!.body as { ids: string[] }).ids;
    expect(ids.map((id) => id.split('/').at(-1))).toEqual(['web-01', 'build-agent-01']);
  });

  it("when Azure still refuses, the toast says what Azure said with its own code, not 'try again'", async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    service.override((req) =>
      req.method === 'POST' && req.path.endsWith('/restart')
        ? {
            status: 409,
            body: {
              error: {
                code: 'Conflict',
                armCode: 'OperationNotAllowed',
                message:
                  "Operation 'restart' is not allowed on VM 'web-01' since the VM is either deallocated or marked to be deallocated.",
              },
            },
          }
        : undefined,
    );
    renderPage(service);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: 'Select web-01' }));
    await user.click(button('Restart'));
    await user.click(
      within(await dialogTitled('Restart web-01?')).getByRole('button', {
        hidden: true,
        name: 'Restart web-01',
      }),
    );
    const title = await screen.findByText('Azure refused to restart web-01', { selector: '.fui-ToastTitle' });
    const toast = title.closest('.fui-Toast')!;
    expect(toast).toHaveTextContent(
      /Azure said: Operation 'restart' is not allowed on VM 'web-01'.*\(OperationNotAllowed\)/,
    );
    expect(toast.textContent).not.toMatch(/try again|temporar|unavailable/i);
    // The VM's real state is fetched again: the list was out of date.
    await waitFor(() =>
      expect(
        service.requests.some((r) => r.method === 'GET' && r.path === `/api/vms/${DEV}/rg-web/web-01`),
      ).toBe(true),
    );
  });

  it('the row menu offers what makes sense for that VM, and acts on it alone', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    renderPage(service);
    await screen.findByRole('grid');
    await user.click(within(rowOf('sql-01')).getByRole('button', { name: 'More actions for sql-01' }));
    const menu = await screen.findByRole('menu', { hidden: true, name: 'More actions for sql-01' });
    const items = within(menu)
      .getAllByRole('menuitem', { hidden: true })
      .map((i) => i.textContent);
    expect(items).toEqual(['Details', 'Start', 'Stop', 'Open in Azure portal']);
    await user.click(within(menu).getByRole('menuitem', { hidden: true, name: 'Start' }));
    await waitFor(() =>
      expect(posts(service).map((r) => r.path)).toEqual([`/api/vms/${DEV}/rg-data/sql-01/start`]),
    );
    // The menu did not toggle the row's selection.
    expect(screen.getByText('No VMs selected')).toBeInTheDocument();
  });

  it('marks read-only VMs visibly, and their menu says why nothing is offered', async () => {
    const user = userEvent.setup();
    renderPage(createFakeService({ vms: bobVms() }));
    await screen.findByRole('grid');
    expect(within(rowOf('web-01')).getByText('Read only')).toBeInTheDocument();
    expect(within(rowOf('web-02')).queryByText('Read only')).not.toBeInTheDocument();
    await user.click(within(rowOf('web-01')).getByRole('button', { name: 'More actions for web-01' }));
    const menu = await screen.findByRole('menu', { hidden: true, name: 'More actions for web-01' });
    expect(within(menu).getByRole('menuitem', { hidden: true, name: /Read only/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });
});

describe('one toast per bulk request', () => {
  it('"2 started · 2 skipped" for a click on four VMs, with the details a click away', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    renderPage(service);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: 'Select all VMs' }));
    await user.click(button('Start'));
    await user.click(
      within(await dialogTitled('Start 2 VMs?')).getByRole('button', { hidden: true, name: 'Start 2 VMs' }),
    );
    expect(
      await screen.findByText('2 starting · 2 skipped', { selector: '.fui-ToastTitle' }),
    ).toBeInTheDocument();
    for (const id of service.operations.keys()) service.finish(id);
    expect(
      await screen.findByText('2 started · 2 skipped', { selector: '.fui-ToastTitle' }),
    ).toBeInTheDocument();
    // One toast, updated in place: no per-VM "… is running" toasts.
    expect(document.querySelectorAll('.fui-ToastTitle')).toHaveLength(1);
    expect(screen.queryByText('web-02 is running')).not.toBeInTheDocument();
    const details = screen.getByRole('button', { name: 'Show details' });
    expect(details).toHaveAttribute('aria-expanded', 'false');
    await user.click(details);
    expect(screen.getByRole('button', { name: 'Hide details' })).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('web-01 is already running')).toBeVisible();
    expect(screen.getByText('Started (2)')).toBeVisible();
  });

  it('counts failures: "1 started · 1 failed", with Azure\'s code in the details', async () => {
    const user = userEvent.setup();
    const service = createFakeService({
      vms: [makeVm('a-01', { powerState: 'deallocated' }), makeVm('a-02', { powerState: 'deallocated' })],
    });
    renderPage(service);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('checkbox', { name: 'Select all VMs' }));
    await user.click(button('Start'));
    await screen.findByText('2 starting', { selector: '.fui-ToastTitle' });
    const [first, second] = [...service.operations.keys()];
    service.finish(first!);
    service.finish(second!, {
      status: 'Failed',
      error: { code: 'OperationFailed', armCode: 'AllocationFailed', message: 'Allocation failed.' },
    });
    expect(
      await screen.findByText('1 started · 1 failed', { selector: '.fui-ToastTitle' }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show details' }));
    expect(screen.getByText('a-02: Allocation failed. (AllocationFailed)')).toBeVisible();
  });
});

describe('an Azure outage keeps the list', () => {
  const vms = () => [...aliceVms(), makeVm('app-01', { subscriptionId: PROD, resourceGroup: 'rg-app' })];
  const outage = [
    {
      subscriptionId: DEV,
      code: 'AzureUnavailable' as const,
      message: 'Azure Resource Manager is unavailable.',
    },
    {
      subscriptionId: PROD,
      code: 'AzureUnavailable' as const,
      message: 'Azure Resource Manager is unavailable.',
    },
  ];

  it('every subscription failing: grid, filters and toolbar stay, marked stale; the banner counts and names them', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: vms() });
    renderPage(service);
    await screen.findByRole('grid');
    expect(screen.getByTestId('updated')).toHaveTextContent(/^Updated (just now|\d+ s ago)$/);

    service.setVms([], outage);
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    const banner = await screen.findByTestId('subscriptions-banner');
    expect(banner).toHaveTextContent('None of your 2 subscriptions could be listed');
    expect(banner).toHaveTextContent(/The list below is from \d\d:\d\d/);
    const names = within(banner)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('strong')?.textContent);
    expect(names).toEqual(['Contoso Dev', 'Contoso Prod']);
    expect(banner).not.toHaveTextContent('The VMs of the other subscriptions are shown');
    // Still there: the grid with every VM, the filters, the toolbar.
    expect(dataRows()).toHaveLength(5);
    expect(screen.getByRole('search', { name: 'Filter VMs' })).toBeInTheDocument();
    expect(screen.getByRole('toolbar', { name: 'Actions on selected VMs' })).toBeInTheDocument();
    expect(screen.getByTestId('vm-count')).toHaveTextContent(/5 VMs · as of \d\d:\d\d/);
    expect(screen.getByTestId('updated')).toHaveTextContent(/^Couldn't refresh · list from \d\d:\d\d/);
    expect(screen.getByTestId('updated')).not.toHaveTextContent('just now');

    // Retry: Azure is back.
    service.setVms(vms());
    await user.click(within(banner).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByTestId('subscriptions-banner')).not.toBeInTheDocument());
    expect(screen.getByTestId('updated')).toHaveTextContent(/^Updated/);
  });

  it('one subscription failing keeps its VMs from the last list, says so, and names it', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: vms() });
    renderPage(service);
    await screen.findByRole('grid');
    service.setVms(aliceVms(), [outage[1]!]);
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    const banner = await screen.findByTestId('subscriptions-banner');
    expect(banner).toHaveTextContent('One subscription could not be listed');
    expect(banner).toHaveTextContent(/The VMs of Contoso Prod are from \d\d:\d\d/);
    expect(dataRows()).toHaveLength(5);
    expect(screen.getByTestId('updated')).toHaveTextContent(/^Updated/);
  });

  it('the service failing as a whole keeps the list and says from when it is', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: vms() });
    renderPage(service);
    await screen.findByRole('grid');
    service.override((req) =>
      req.path === '/api/vms'
        ? { status: 503, body: { error: { code: 'AzureUnavailable', message: 'Azure is unavailable.' } } }
        : undefined,
    );
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(
      await screen.findByText('Azure is unavailable', { selector: '.fui-MessageBarTitle' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(/The list below is from \d\d:\d\d/);
    expect(dataRows()).toHaveLength(5);
    expect(screen.getByTestId('updated')).toHaveTextContent(/^Couldn't refresh/);
  });
});

describe('details panel', () => {
  const web01: Omit<VmDetails, 'vm'> = {
    computerName: 'web-01',
    osName: 'ubuntu',
    osVersion: '24.04',
    adminUsername: 'azureuser',
    zones: ['2'],
    powerStateSince: new Date(Date.now() - 3 * 3_600_000 - 60_000).toISOString(),
    disks: [
      {
        name: 'web-01_OsDisk_1',
        role: 'os',
        sizeGiB: 30,
        storageAccountType: 'Premium_LRS',
        caching: 'ReadWrite',
      },
      {
        name: 'web-01-logs',
        role: 'data',
        lun: 0,
        sizeGiB: 128,
        storageAccountType: 'StandardSSD_LRS',
        caching: 'None',
      },
    ],
    networkInterfaces: [
      {
        id: `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Network/networkInterfaces/web-01-nic`,
        name: 'web-01-nic',
        primary: true,
        ipConfigurations: [
          {
            name: 'ipconfig1',
            primary: true,
            privateIpAddress: '10.1.0.4',
            publicIp: {
              id: `/subscriptions/${DEV}/resourceGroups/rg-data/providers/Microsoft.Network/publicIPAddresses/web-01-ip`,
              name: 'web-01-ip',
              ipAddress: '20.105.21.17',
              fqdn: 'contoso-web-01.westeurope.cloudapp.azure.com',
              allocationMethod: 'Static',
            },
          },
        ],
      },
    ],
  };

  it('opens from the name, shows addresses and the ssh line, and puts ?vm= in the URL', async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    service.setDetails('web-01', web01);
    renderPage(service);
    await screen.findByRole('grid');
    await user.click(within(rowOf('web-01')).getByRole('button', { name: 'web-01: show details' }));
    const panel = await screen.findByRole('dialog', { hidden: true });
    await within(panel).findByText('10.1.0.4');
    expect(panel).toHaveTextContent('20.105.21.17 (static)');
    expect(panel).toHaveTextContent('contoso-web-01.westeurope.cloudapp.azure.com');
    expect(panel).toHaveTextContent('westeurope, zone 2');
    expect(panel.querySelector('[data-copy-value]')).toHaveTextContent(
      'ssh azureuser@contoso-web-01.westeurope.cloudapp.azure.com',
    );
    const portal = within(panel)
      .getAllByRole('link', { hidden: true, name: /Open in Azure portal/ })
      .at(-1)!;
    expect(portal).toHaveAttribute('href', `https://portal.azure.com/#@contoso/resource${aliceVms()[0]!.id}`);
    expect(new URLSearchParams(window.location.search).get('vm')).toBe(aliceVms()[0]!.id);
    expect(screen.getByText('No VMs selected')).toBeInTheDocument(); // opening did not select the row
  });

  it("shows the disks, since when the VM runs, and links to the portal's Connect blade", async () => {
    const user = userEvent.setup();
    const service = createFakeService({ vms: aliceVms() });
    service.setDetails('web-01', web01);
    renderPage(service);
    await screen.findByRole('grid');
    await user.click(within(rowOf('web-01')).getByRole('button', { name: 'web-01: show details' }));
    const panel = await screen.findByRole('dialog', { hidden: true });
    const disks = await within(panel).findByRole('region', { hidden: true, name: 'Disks' });
    const os = disks.querySelector('[data-disk="web-01_OsDisk_1"]')!;
    expect(os).toHaveTextContent('OS disk');
    expect(os).toHaveTextContent('30 GiB');
    expect(os).toHaveTextContent('Premium SSD LRS');
    expect(os).toHaveTextContent('Read/write');
    const data = disks.querySelector('[data-disk="web-01-logs"]')!;
    expect(data).toHaveTextContent('Data disk, LUN 0');
    expect(data).toHaveTextContent('128 GiB');
    expect(data).toHaveTextContent('Standard SSD LRS');

    const when = new Intl.DateTimeFormat(undefined, {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    }).format(Date.parse(web01.powerStateSince!));
    expect(within(panel).getByTestId('power-state-since')).toHaveTextContent(`since ${when} (for 3 hours)`);

    const connect = within(panel).getByTestId('portal-connect');
    expect(connect).toHaveAttribute(
      'href',
      `https://portal.azure.com/#@contoso/resource${aliceVms()[0]!.id}/connect`,
    );
    expect(connect).toHaveTextContent('Other ways to connect (Bastion) in the Azure portal');
  });

  it('opens from a deep link, and says so plainly when a part cannot be read', async () => {
    const vm = aliceVms()[1]!; // web-02, deallocated
    window.history.replaceState(null, '', `/?vm=${encodeURIComponent(vm.id)}`);
    const service = createFakeService({ vms: aliceVms() });
    service.setDetails('web-02', {
      zones: [],
      disks: [],
      networkInterfaces: [
        {
          id: `/subscriptions/${DEV}/resourceGroups/rg-data/providers/Microsoft.Network/networkInterfaces/web-02-nic`,
          name: 'web-02-nic',
          primary: true,
          ipConfigurations: [],
          error: { code: 'AuthorizationFailed', armCode: 'AuthorizationFailed', message: 'Not allowed.' },
        },
      ],
    });
    renderPage(service);
    const panel = await screen.findByRole('dialog', { hidden: true });
    expect(await within(panel).findByText(/You can't read this network interface/)).toHaveTextContent(
      '(AuthorizationFailed)',
    );
    expect(within(panel).getByTestId('connect-none')).toHaveTextContent(
      "web-02 isn't running. Start it to connect.",
    );
    expect(within(panel).getByTestId('portal-connect')).toHaveAttribute(
      'href',
      `https://portal.azure.com/#@contoso/resource${vm.id}/connect`,
    );
    expect(within(panel).getByText('Azure lists no disks for this VM.')).toBeInTheDocument();
    expect(panel).toHaveTextContent(vm.id);
  });
});
