import { describe, expect, it } from '@jest/globals';
import { filterVms } from '../../../bot/commands/filter.ts';
import { resolveVm } from '../../../bot/commands/resolve.ts';
import { makeVm } from '../helpers/vms.ts';

const PROD = '9c8d7e6f-5a4b-4c3d-8e2f-1a0b9c8d7e6f';
const vms = [
  makeVm({ name: 'web-01', powerState: 'running' }),
  makeVm({ name: 'web-02', powerState: 'deallocated' }),
  makeVm({ name: 'sql-01', resourceGroup: 'rg-data', powerState: 'stopped', size: 'Standard_E4s_v5' }),
  makeVm({ name: 'app-01', resourceGroup: 'rg-app', subscriptionId: PROD, subscriptionName: 'Contoso Prod' }),
  makeVm({
    name: 'App-01',
    resourceGroup: 'rg-other',
    subscriptionId: PROD,
    subscriptionName: 'Contoso Prod',
  }),
];

describe('resolveVm', () => {
  it('finds a VM by name, case-insensitively', () => {
    expect(resolveVm(vms, 'WEB-02')).toMatchObject({ kind: 'found', vm: { name: 'web-02' } });
  });

  it('reports the same name in two resource groups as ambiguous', () => {
    const result = resolveVm(vms, 'app-01');
    expect(result.kind).toBe('ambiguous');
    expect(result.kind === 'ambiguous' && result.matches.map((v) => v.resourceGroup)).toEqual([
      'rg-app',
      'rg-other',
    ]);
  });

  it('disambiguates with resource-group/name and subscription/resource-group/name', () => {
    expect(resolveVm(vms, 'rg-other/app-01')).toMatchObject({
      kind: 'found',
      vm: { resourceGroup: 'rg-other' },
    });
    expect(resolveVm(vms, 'contoso prod/RG-APP/app-01')).toMatchObject({
      kind: 'found',
      vm: { resourceGroup: 'rg-app' },
    });
    expect(resolveVm(vms, `${PROD}/rg-app/app-01`)).toMatchObject({
      kind: 'found',
      vm: { resourceGroup: 'rg-app' },
    });
  });

  it('accepts a full ARM id', () => {
    expect(resolveVm(vms, vms[2]!.id.toUpperCase())).toMatchObject({ kind: 'found', vm: { name: 'sql-01' } });
  });

  it('never resolves a partial name, but suggests matches', () => {
    const result = resolveVm(vms, 'web');
    expect(result.kind).toBe('notFound');
    expect(result.kind === 'notFound' && result.suggestions.map((v) => v.name)).toEqual(['web-01', 'web-02']);
    expect(resolveVm(vms, 'nothing-like-it')).toEqual({ kind: 'notFound', suggestions: [] });
    expect(resolveVm(vms, '   ')).toEqual({ kind: 'notFound', suggestions: [] });
  });
});

describe('filterVms', () => {
  it.each([
    ['web', ['web-01', 'web-02']],
    ['RG-DATA', ['sql-01']],
    ['contoso prod', ['app-01', 'App-01']],
    ['running', ['web-01', 'app-01', 'App-01']],
    ['deallocated', ['web-02']],
    // "Stopped (deallocated)" and "Stopped (still billed)": both are stopped to the person asking.
    ['stopped', ['web-02', 'sql-01']],
    ['web running', ['web-01']],
    ['E4s', ['sql-01']],
    ['', ['web-01', 'web-02', 'sql-01', 'app-01', 'App-01']],
    ['zzz', []],
  ])('%j', (text, names) => {
    expect(filterVms(vms, text).map((v) => v.name)).toEqual(names);
  });
});
