import { describe, expect, it } from '@jest/globals';
import {
  actionsForState,
  actionVerdict,
  offeredActions,
  planBulkAction,
  POWER_STATE_WORDING,
  powerStateWording,
} from '../../contract/power.ts';
import { portalUrl } from '../../contract/vm-details.ts';
import { POWER_STATES, VM_ACTIONS, type PowerState, type VmAction } from '../../contract/vm.ts';

const vm = (powerState: PowerState, actions: readonly VmAction[] = VM_ACTIONS) => ({ powerState, actions });

describe('power states: one name for the tab and the bot', () => {
  it('says which "stopped" a VM is in, and whether it is billed', () => {
    expect(POWER_STATE_WORDING.deallocated).toMatchObject({ label: 'Stopped (deallocated)', billed: false });
    expect(POWER_STATE_WORDING.stopped).toMatchObject({ label: 'Stopped (still billed)', billed: true });
    expect(powerStateWording('hibernated').label).toBe('Unknown');
    expect(new Set(POWER_STATES.map((s) => POWER_STATE_WORDING[s].label)).size).toBe(POWER_STATES.length);
  });
});

describe('which actions make sense (Compute’s rules)', () => {
  it.each([
    ['running', ['deallocate', 'powerOff', 'restart']],
    ['starting', ['deallocate', 'powerOff']],
    ['stopping', ['deallocate']],
    ['stopped', ['start', 'deallocate']],
    ['deallocating', []],
    ['deallocated', ['start']],
    ['unknown', ['start', 'deallocate']],
  ] as const)('%s → %j', (state, actions) => {
    expect(actionsForState(state)).toEqual(actions);
  });

  it('needs the role AND the state; the role is the reason given first', () => {
    expect(actionVerdict(vm('deallocated'), 'restart')).toEqual({
      ok: false,
      because: 'state',
      reason: 'is not running',
    });
    expect(actionVerdict(vm('running'), 'start')).toMatchObject({ reason: 'is already running' });
    expect(actionVerdict(vm('deallocated', []), 'restart')).toEqual({
      ok: false,
      because: 'role',
      reason: "can't be restarted with your Azure role",
    });
    expect(actionVerdict(vm('running', ['restart']), 'restart')).toEqual({ ok: true });
    expect(offeredActions(vm('running', ['start', 'powerOff']))).toEqual(['powerOff']);
  });

  it('splits a bulk selection into what runs and what is skipped, with the reason', () => {
    const items = [
      { name: 'a', ...vm('running') },
      { name: 'b', ...vm('deallocated') },
      { name: 'c', ...vm('running', []) },
      { name: 'd', ...vm('running') },
    ];
    const plan = planBulkAction(
      items,
      'restart',
      (i) => i,
      (i) => i.name === 'd',
    );
    expect(plan.eligible.map((i) => i.name)).toEqual(['a']);
    expect(plan.skipped.map((s) => [s.item.name, s.because, s.reason])).toEqual([
      ['b', 'state', 'is not running'],
      ['c', 'role', "can't be restarted with your Azure role"],
      ['d', 'busy', 'has an operation in progress'],
    ]);
  });
});

describe('portal links', () => {
  it('open the resource, in the tenant when given', () => {
    const id = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm';
    expect(portalUrl(id)).toBe(`https://portal.azure.com/#resource${id}`);
    expect(portalUrl(id, 'contoso.onmicrosoft.com')).toBe(
      `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${id}`,
    );
  });
});
