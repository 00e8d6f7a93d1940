import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_VIEW,
  searchWithView,
  teamsDeepLink,
  viewFromSearch,
  viewQuery,
} from '../../../tab/src/app/view-state.ts';
import { groupRows } from '../../../tab/src/grid/groups.ts';
import { readHidden, columnsKey } from '../../../tab/src/grid/useColumnChoice.ts';
import { visibleColumns, tagsText } from '../../../tab/src/grid/columns.tsx';
import { DEV, PROD, makeVm } from '../support/fixtures.ts';
import { memoryStorage } from '../support/memory-storage.ts';

const id = `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/web-01`;

describe('the view in the URL', () => {
  it('round-trips filters, sort, grouping and the open VM, keeping parameters it does not own', () => {
    const view = {
      filter: { text: 'web prod', states: ['running', 'deallocated'] as const, subscriptions: [DEV, PROD] },
      sort: { column: 'powerState', direction: 'descending' } as const,
      groupBy: 'resourceGroup' as const,
      vm: id,
    };
    const search = searchWithView('?theme=dark&inTeams=true', {
      ...view,
      filter: { ...view.filter, states: [...view.filter.states] },
    });
    expect(search).toBe(
      `?theme=dark&inTeams=true&q=web+prod&state=running%2Cdeallocated&sub=${DEV}%2C${PROD}&sort=-powerState&group=resourceGroup&vm=${encodeURIComponent(id)}`,
    );
    expect(viewFromSearch(search)).toEqual({
      ...view,
      filter: { ...view.filter, states: ['running', 'deallocated'] },
    });
  });

  it('a plain view is a plain URL; removing the VM removes ?vm=', () => {
    expect(searchWithView('', DEFAULT_VIEW)).toBe('');
    expect(searchWithView(`?theme=dark&vm=${encodeURIComponent(id)}`, DEFAULT_VIEW)).toBe('?theme=dark');
    expect(viewFromSearch('')).toEqual(DEFAULT_VIEW);
  });

  it('a link is data from someone else: unknown states, columns, groups, malformed ids and GUIDs are dropped', () => {
    const view = viewFromSearch(
      `?q=${'x'.repeat(5000)}&state=running,exploded,running&sub=not-a-guid,${DEV}&sort=-__proto__&group=tenant&vm=javascript:alert(1)`,
    );
    expect(view.filter.text).toHaveLength(200);
    expect(view.filter.states).toEqual(['running']);
    expect(view.filter.subscriptions).toEqual([DEV]);
    expect(view.sort).toEqual(DEFAULT_VIEW.sort);
    expect(view.groupBy).toBe('none');
    expect(view.vm).toBeUndefined();
    expect(
      viewFromSearch('?vm=/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm')
        .vm,
    ).toBeUndefined();
  });

  it('a Teams deep link carries the same query as its subEntityId', () => {
    const view = { ...DEFAULT_VIEW, groupBy: 'subscription' as const, vm: id };
    const link = new URL(teamsDeepLink('app-id', 'vms', view));
    expect(`${link.origin}${link.pathname}`).toBe('https://teams.microsoft.com/l/entity/app-id/vms');
    const context = JSON.parse(link.searchParams.get('context') ?? '{}') as { subEntityId: string };
    expect(context.subEntityId).toBe(viewQuery(view));
    expect(viewFromSearch(context.subEntityId)).toEqual(view);
  });
});

describe('grouping', () => {
  const rows = [
    makeVm('web-02', { resourceGroup: 'rg-web' }),
    makeVm('sql-01', { resourceGroup: 'rg-data', subscriptionId: PROD }),
    makeVm('web-01', { resourceGroup: 'rg-web' }),
    makeVm('db-01', { resourceGroup: 'rg-web', subscriptionId: PROD }),
  ].map((vm) => ({ vm }));
  const vmOf = (row: { vm: (typeof rows)[number]['vm'] }) => row.vm;

  it('groups by subscription name with counts, keeping the sort inside each group', () => {
    const entries = groupRows(rows, vmOf, 'subscription', new Set());
    expect(entries.map((e) => (e.kind === 'group' ? `[${e.label} ${e.count}]` : e.row.vm.name))).toEqual([
      '[Contoso Dev 2]',
      'web-02',
      'web-01',
      '[Contoso Prod 2]',
      'sql-01',
      'db-01',
    ]);
  });

  it('resource groups of the same name in two subscriptions are two groups; a collapsed group is its header only', () => {
    const first = groupRows(rows, vmOf, 'resourceGroup', new Set());
    const headers = first.filter((e) => e.kind === 'group');
    expect(headers.map((h) => `${h.label}/${h.detail} ${h.count}`)).toEqual([
      'rg-data/Contoso Prod 1',
      'rg-web/Contoso Dev 2',
      'rg-web/Contoso Prod 1',
    ]);
    const collapsedKey = headers[1]!.key;
    const entries = groupRows(rows, vmOf, 'resourceGroup', new Set([collapsedKey]));
    expect(entries.filter((e) => e.kind === 'row').map((e) => e.row.vm.name)).toEqual(['sql-01', 'db-01']);
    expect(entries.find((e) => e.kind === 'group' && e.key === collapsedKey)).toMatchObject({
      collapsed: true,
      count: 2,
    });
  });

  it('none: the rows as they are', () => {
    expect(groupRows(rows, vmOf, 'none', new Set()).map((e) => e.kind)).toEqual(['row', 'row', 'row', 'row']);
  });
});

describe('columns', () => {
  it('hidden columns leave their room to the next ones by priority', () => {
    expect(visibleColumns(860).ids).toEqual([
      'name',
      'powerState',
      'size',
      'location',
      'resourceGroup',
      'actions',
    ]);
    expect(visibleColumns(960, new Set(['resourceGroup', 'location'])).ids).toEqual([
      'name',
      'powerState',
      'size',
      'osType',
      'subscription',
      'actions',
    ]);
    expect(visibleColumns(2000).ids).toContain('tags');
    expect(visibleColumns(2000, new Set(['tags'])).ids).not.toContain('tags');
    expect(visibleColumns(400, new Set()).ids).toEqual(['name', 'actions']);
  });

  it('tags read as key: value pairs by key', () => {
    expect(tagsText({ owner: 'alice', env: 'dev', flag: '' })).toBe('env: dev · flag · owner: alice');
    expect(tagsText({})).toBe('');
  });

  it('the column choice is stored per user; junk in storage is ignored', () => {
    const storage = memoryStorage();
    const key = columnsKey({ tid: 't', oid: 'o' });
    expect(key).toBe('vmm:columns:v1:t:o');
    storage.setItem(key, JSON.stringify(['tags', 'name', 'bogus', 42]));
    expect([...readHidden(storage, key)]).toEqual(['tags']);
    storage.setItem(key, '{not json');
    expect(readHidden(storage, key).size).toBe(0);
  });
});
