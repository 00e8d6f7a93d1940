import { describe, expect, it } from '@jest/globals';
import {
  actionMatches,
  isActionPermitted,
  normalizeScope,
  permissionGrants,
  scopeAppliesTo,
  scopeIsWithin,
} from '../../../emulator/rbac/evaluate.ts';

const START = 'Microsoft.Compute/virtualMachines/start/action';
const READ = 'Microsoft.Compute/virtualMachines/read';

describe('actionMatches', () => {
  it.each([
    ['*', START, true],
    ['*/read', READ, true],
    ['*/read', 'Microsoft.Compute/virtualMachines/instanceView/read', true],
    ['*/read', START, false],
    ['Microsoft.Compute/virtualMachines/*', START, true],
    ['Microsoft.Compute/virtualMachines/*', 'Microsoft.Compute/disks/read', false],
    ['microsoft.compute/VIRTUALMACHINES/start/ACTION', START, true],
    [START, START, true],
    [
      'Microsoft.Compute/virtualMachines/start/action',
      'Microsoft.Compute/virtualMachines/start/actionx',
      false,
    ],
    // '.' is literal, not a regex wildcard
    ['Microsoft.Compute/virtualMachines/read', 'MicrosoftXCompute/virtualMachines/read', false],
    ['Microsoft.Compute/*/read', READ, true],
    ['Microsoft.Authorization/*/read', 'Microsoft.Authorization/permissions/read', true],
  ])('%s vs %s → %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});

describe('permissionGrants / isActionPermitted', () => {
  const contributor = {
    actions: ['*'],
    notActions: ['Microsoft.Authorization/*/Write', 'Microsoft.Authorization/*/Delete'],
  };
  const reader = { actions: ['*/read'], notActions: [] };

  it('subtracts NotActions from the same role', () => {
    expect(permissionGrants(contributor, START)).toBe(true);
    expect(permissionGrants(contributor, 'Microsoft.Authorization/roleAssignments/write')).toBe(false);
  });

  it('is the union over roles: NotActions of one role do not remove what another role grants', () => {
    const owner = { actions: ['*'], notActions: [] };
    expect(isActionPermitted([contributor], 'Microsoft.Authorization/roleAssignments/write')).toBe(false);
    expect(isActionPermitted([contributor, owner], 'Microsoft.Authorization/roleAssignments/write')).toBe(
      true,
    );
  });

  it('grants nothing without roles', () => {
    expect(isActionPermitted([], READ)).toBe(false);
    expect(isActionPermitted([reader], READ)).toBe(true);
    expect(isActionPermitted([reader], START)).toBe(false);
  });
});

describe('scopes', () => {
  const sub = '/subscriptions/1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
  const rg = `${sub}/resourceGroups/rg-web`;
  const vm = `${rg}/providers/Microsoft.Compute/virtualMachines/web-01`;

  it('inherits downward: subscription → resource group → resource', () => {
    expect(scopeAppliesTo(sub, vm)).toBe(true);
    expect(scopeAppliesTo(rg, vm)).toBe(true);
    expect(scopeAppliesTo(vm, vm)).toBe(true);
    expect(scopeAppliesTo(vm, rg)).toBe(false);
    expect(scopeIsWithin(vm, sub)).toBe(true);
  });

  it('compares case-insensitively and ignores trailing slashes', () => {
    expect(scopeAppliesTo(rg.toUpperCase() + '/', vm)).toBe(true);
    expect(normalizeScope('/Subscriptions/X/')).toBe('/subscriptions/x');
  });

  it('is segment-aware (rg-web does not cover rg-web2)', () => {
    expect(scopeAppliesTo(rg, `${sub}/resourceGroups/rg-web2`)).toBe(false);
  });
});
