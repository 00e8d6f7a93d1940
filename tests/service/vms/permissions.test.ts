import { describe, expect, it } from '@jest/globals';
import { actionMatches, allowedVmActions, isAllowed } from '../../../src/vms/permissions.ts';

const START = 'Microsoft.Compute/virtualMachines/start/action';

describe('actionMatches', () => {
  it.each([
    ['*', START, true],
    ['*/read', 'Microsoft.Compute/virtualMachines/read', true],
    ['*/read', START, false],
    ['Microsoft.Compute/virtualMachines/*', START, true],
    ['Microsoft.Compute/*', START, true],
    ['microsoft.compute/VIRTUALMACHINES/start/ACTION', START, true],
    ['Microsoft.Compute/virtualMachines/start/action', START, true],
    ['Microsoft.Compute/virtualMachines/restart/action', START, false],
    ['Microsoft.Compute/virtualMachines', START, false],
    ['Microsoft.Compute/virtualMachineScaleSets/*', START, false],
    ['Microsoft.Compute/*/action', START, true],
    ['Microsoft.*/virtualMachines/*/action', START, true],
    ['Microsoft.Network/*', START, false],
    ['*/start/action', START, true],
    ['Microsoft.Compute/virtualMachines/start', START, false],
    ['Microsoft.Compute/virtualMachines/start/action*', START, true],
    ['Microsoft.Compute.Extra/*', START, false],
  ])('%s vs %s → %s', (pattern, operation, expected) => {
    expect(actionMatches(pattern, operation)).toBe(expected);
  });

  it('treats regex metacharacters literally', () => {
    expect(actionMatches('Microsoft.Compute/virtualMachines/(start)/action', START)).toBe(false);
    expect(actionMatches('Microsoft.Compute/virtualMachines/st.rt/action', START)).toBe(false);
  });
});

describe('isAllowed / allowedVmActions', () => {
  it('Owner and VM Contributor allow all four actions and setAutoShutdown', () => {
    expect(allowedVmActions([{ actions: ['*'], notActions: [] }])).toEqual([
      'start',
      'deallocate',
      'powerOff',
      'restart',
      'setAutoShutdown',
    ]);
    expect(allowedVmActions([{ actions: ['Microsoft.Compute/virtualMachines/*'], notActions: [] }])).toEqual([
      'start',
      'deallocate',
      'powerOff',
      'restart',
    ]);
  });

  it('Reader allows none', () => {
    expect(allowedVmActions([{ actions: ['*/read'], notActions: [] }])).toEqual([]);
  });

  it('no permissions → no actions', () => {
    expect(allowedVmActions([])).toEqual([]);
    expect(allowedVmActions([{}])).toEqual([]);
  });

  it('NotActions subtract from their own entry only', () => {
    const denied = {
      actions: ['Microsoft.Compute/*'],
      notActions: ['Microsoft.Compute/virtualMachines/powerOff/action'],
    };
    expect(allowedVmActions([denied])).toEqual(['start', 'deallocate', 'restart']);
    const other = { actions: ['Microsoft.Compute/virtualMachines/powerOff/action'], notActions: [] };
    expect(allowedVmActions([denied, other])).toEqual(['start', 'deallocate', 'powerOff', 'restart']);
  });

  it('wildcard NotActions', () => {
    expect(isAllowed([{ actions: ['*'], notActions: ['Microsoft.Compute/*/action'] }], START)).toBe(false);
    expect(isAllowed([{ actions: ['*'], notActions: ['Microsoft.Authorization/*/Write'] }], START)).toBe(
      true,
    );
  });

  it('a custom role with start and deallocate', () => {
    const operator = {
      actions: [
        'Microsoft.Compute/virtualMachines/read',
        'Microsoft.Compute/virtualMachines/start/action',
        'Microsoft.Compute/virtualMachines/deallocate/action',
      ],
      notActions: [],
    };
    expect(allowedVmActions([operator])).toEqual(['start', 'deallocate']);
  });
});
