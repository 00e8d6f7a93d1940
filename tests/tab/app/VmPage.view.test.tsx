/** @jest-environment jsdom */
import '../support/dom.ts';
import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { aliceVms, makeVm, PROD } from '../support/fixtures.ts';
import { createFakeService } from '../support/fake-service.ts';
import { renderPage } from '../support/render.tsx';

const grid = () => screen.getByRole('grid', { name: 'Virtual machines' });
const headers = () =>
  within(grid())
    .getAllByRole('columnheader')
    .map((h) => h.textContent);
const names = () =>
  within(grid())
    .queryAllByText(/./, { selector: '[data-vm-name]' })
    .map((n) => n.textContent);
const groupButtons = () =>
  within(grid())
    .queryAllByRole('button', { expanded: true })
    .concat(within(grid()).queryAllByRole('button', { expanded: false }));
const search = () => new URLSearchParams(window.location.search);

afterEach(() => window.localStorage.clear());

describe('VmPage: the view (grouping, columns, URL)', () => {
  it('groups by resource group with counts; a group collapses and expands; the grouping is in the URL', async () => {
    const user = userEvent.setup();
    renderPage(createFakeService({ vms: aliceVms() }));
    await screen.findByRole('grid');
    await user.click(screen.getByRole('combobox', { name: 'Group rows' }));
    await user.click(screen.getByRole('option', { name: 'Group by resource group' }));
    expect(search().get('group')).toBe('resourceGroup');
    const rgData = within(grid()).getByRole('button', { name: /^rg-data/ });
    expect(rgData).toHaveAttribute('aria-expanded', 'true');
    expect(within(rgData.closest('[role="row"]') as HTMLElement).getByLabelText('2 VMs')).toBeInTheDocument();
    expect(names()).toEqual(['build-agent-01', 'sql-01', 'web-01', 'web-02']);
    await user.click(rgData);
    expect(within(grid()).getByRole('button', { name: /^rg-data/ })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(names()).toEqual(['web-01', 'web-02']);
    await user.click(within(grid()).getByRole('button', { name: /^rg-data/ }));
    expect(names()).toHaveLength(4);
  });

  it('a link with filters, sort, grouping and a VM restores that view', async () => {
    const vms = [...aliceVms(), makeVm('prod-01', { subscriptionId: PROD, powerState: 'running' })];
    const web01 = vms.find((v) => v.name === 'web-01')!;
    window.history.replaceState(
      null,
      '',
      `/?theme=dark&state=running&sort=-name&group=subscription&vm=${encodeURIComponent(web01.id)}`,
    );
    const user = userEvent.setup();
    renderPage(createFakeService({ vms }));
    // The details panel is open (modal): close it to read the grid behind it.
    const panel = await screen.findByRole('dialog', { hidden: true });
    expect(document.getElementById(panel.getAttribute('aria-labelledby') ?? '')).toHaveTextContent('web-01');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(search().get('vm')).toBeNull());
    await screen.findByRole('grid', { name: 'Virtual machines' });
    expect(groupButtons().map((b) => b.textContent)).toEqual(['Contoso Dev', 'Contoso Prod']);
    expect(names()).toEqual(['web-01', 'build-agent-01', 'prod-01']);
    expect(screen.getByTestId('vm-count')).toHaveTextContent('Showing 3 of 5 VMs');
    expect(search().get('group')).toBe('subscription');
    expect(search().get('theme')).toBe('dark');
  });

  it('sorting and filtering update the URL without adding history entries', async () => {
    const user = userEvent.setup();
    renderPage(createFakeService({ vms: aliceVms() }));
    await screen.findByRole('grid');
    const before = window.history.length;
    await user.click(screen.getByRole('columnheader', { name: 'Power state' }));
    expect(search().get('sort')).toBe('powerState');
    await user.click(screen.getByRole('columnheader', { name: 'Power state' }));
    expect(search().get('sort')).toBe('-powerState');
    await user.type(screen.getByRole('searchbox', { name: /Filter by name/ }), 'web');
    expect(search().get('q')).toBe('web');
    expect(window.history.length).toBe(before);
  });

  it('the column chooser hides a column, remembers it for this user, and a tags column shows tags', async () => {
    const user = userEvent.setup();
    const view = renderPage(createFakeService({ vms: aliceVms() }));
    await screen.findByRole('grid');
    expect(headers()).toEqual(expect.arrayContaining(['Tags', 'Location']));
    expect(within(grid()).getAllByText('app: storefront')).toHaveLength(2);
    expect(within(grid()).getAllByText('No tags').length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    await user.click(screen.getByRole('menuitemcheckbox', { name: 'Location' }));
    await waitFor(() => expect(headers()).not.toContain('Location'));
    const key = 'vmm:columns:v1:contoso:a11ce000-0000-4000-8000-000000000001';
    expect(JSON.parse(window.localStorage.getItem(key) ?? 'null')).toEqual(['location']);
    view.unmount();
    renderPage(createFakeService({ vms: aliceVms() }));
    await screen.findByRole('grid');
    await waitFor(() => expect(headers()).not.toContain('Location'));
    expect(headers()).toContain('Size');
  });
});
