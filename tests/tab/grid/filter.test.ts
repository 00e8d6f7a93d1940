import { describe, expect, it } from '@jest/globals';
import { EMPTY_FILTER, filterVms, isFiltering, subscriptionOptions } from '../../../tab/src/grid/filter.ts';
import { DEV, makeVm, PROD } from '../support/fixtures.ts';

const items = [
  makeVm('web-01', { tags: { app: 'storefront' } }),
  makeVm('sql-01', { resourceGroup: 'rg-data', powerState: 'stopped', osType: 'Windows' }),
  makeVm('app-01', { subscriptionId: PROD, resourceGroup: 'rg-app', location: 'eastus2' }),
].map((vm) => ({ vm }));
const names = (list: readonly { vm: { name: string } }[]) => list.map((i) => i.vm.name);

describe('filterVms', () => {
  it('returns the same list when not filtering', () => {
    expect(isFiltering(EMPTY_FILTER)).toBe(false);
    expect(filterVms(items, { ...EMPTY_FILTER, text: '   ' })).toBe(items);
  });

  it('matches every term, case-insensitively, across name, group, location, size, OS, subscription and tags', () => {
    expect(names(filterVms(items, { ...EMPTY_FILTER, text: 'STOREFRONT' }))).toEqual(['web-01']);
    expect(names(filterVms(items, { ...EMPTY_FILTER, text: 'windows rg-data' }))).toEqual(['sql-01']);
    expect(names(filterVms(items, { ...EMPTY_FILTER, text: 'contoso prod' }))).toEqual(['app-01']);
    expect(names(filterVms(items, { ...EMPTY_FILTER, text: 'eastus2 web' }))).toEqual([]);
  });

  it('filters by power state and subscription (any of the chosen)', () => {
    expect(names(filterVms(items, { ...EMPTY_FILTER, states: ['stopped', 'deallocated'] }))).toEqual([
      'sql-01',
    ]);
    expect(names(filterVms(items, { ...EMPTY_FILTER, subscriptions: [PROD.toUpperCase()] }))).toEqual([
      'app-01',
    ]);
    expect(names(filterVms(items, { text: '01', states: ['running'], subscriptions: [DEV] }))).toEqual([
      'web-01',
    ]);
  });
});

describe('subscriptionOptions', () => {
  it('lists each subscription once with its VM count, by name', () => {
    expect(subscriptionOptions(items.map((i) => i.vm))).toEqual([
      { id: DEV, name: 'Contoso Dev', count: 2 },
      { id: PROD, name: 'Contoso Prod', count: 1 },
    ]);
  });
});
