import { describe, expect, it } from '@jest/globals';
import { ACTIONS, availability, planAction, rowAvailability } from '../../../tab/src/grid/actions.ts';
import type { GridItem } from '../../../tab/src/grid/grid-item.ts';
import { ALL_ACTIONS, makeVm, operationFor } from '../support/fixtures.ts';

const item = (name: string, overrides: Parameters<typeof makeVm>[1] = {}): GridItem => ({
  vm: makeVm(name, overrides),
});
const names = (items: readonly GridItem[]) => items.map((i) => i.vm.name);

describe('availability (the contract rule: the role allows it AND the power state takes it)', () => {
  it('disables everything with nothing selected', () => {
    for (const { action } of ACTIONS)
      expect(availability(action, [])).toEqual({
        enabled: false,
        reason: expect.stringMatching(/^Select one or more VMs/),
      });
  });

  it("runs on the VMs the user's role allows and names the ones it skips", () => {
    const selected = [
      item('web-01', { actions: [] }),
      item('web-02'),
      item('web-03', { actions: ['start'] }),
    ];
    const plan = planAction('deallocate', selected);
    expect(names(plan.eligible)).toEqual(['web-02']);
    expect(plan.skipped.map((s) => [s.item.vm.name, s.because])).toEqual([
      ['web-01', 'role'],
      ['web-03', 'role'],
    ]);
    expect(availability('deallocate', selected)).toEqual({
      enabled: true,
      reason:
        "Stop web-02. Skipped: web-01 can't be stopped with your Azure role; web-03 can't be stopped with your Azure role.",
    });
    expect(availability('start', [item('web-01', { actions: [] })])).toEqual({
      enabled: false,
      reason: "web-01 can't be started with your Azure role.",
    });
  });

  it('says one reason for a selection where none qualifies for the same reason', () => {
    const selected = ['a', 'b', 'c', 'd', 'e'].map((n) => item(n, { actions: [] }));
    expect(availability('start', selected).reason).toBe(
      "The selected VMs can't be started with your Azure role.",
    );
    expect(
      availability('deallocate', [
        item('a', { powerState: 'deallocated' }),
        item('b', { powerState: 'deallocated' }),
      ]).reason,
    ).toBe('The selected VMs are already stopped (deallocated).');
  });

  it('skips VMs with an operation already running', () => {
    const vm = makeVm('web-02', { powerState: 'deallocated' });
    expect(availability('start', [{ vm, operation: operationFor(vm, 'start') }])).toEqual({
      enabled: false,
      reason: 'web-02 has an operation in progress.',
    });
    expect(availability('start', [{ vm, operation: operationFor(vm, 'start', 'Succeeded') }]).enabled).toBe(
      true,
    );
  });

  it('runs a mixed selection on the VMs where it makes sense in their power state', () => {
    expect(availability('start', [item('a', { powerState: 'running' })]).reason).toBe(
      'a is already running.',
    );
    const mixed = [item('a', { powerState: 'running' }), item('b', { powerState: 'deallocated' })];
    expect(names(planAction('start', mixed).eligible)).toEqual(['b']);
    expect(availability('start', mixed)).toEqual({
      enabled: true,
      reason: 'Start b. Skipped: a is already running.',
    });
    expect(availability('powerOff', [item('a', { powerState: 'stopped' })]).enabled).toBe(false);
    expect(availability('powerOff', [item('a', { powerState: 'deallocated' })]).enabled).toBe(false);
    expect(availability('deallocate', [item('a', { powerState: 'stopped' })]).enabled).toBe(true);
  });

  it('restarts only running VMs: a deallocated or stopped VM is skipped with the reason', () => {
    const selected = [
      item('a'),
      item('b', { powerState: 'stopped' }),
      item('c', { powerState: 'deallocated' }),
    ];
    expect(names(planAction('restart', selected).eligible)).toEqual(['a']);
    expect(availability('restart', selected).reason).toBe(
      'Restart a. Skipped: b is not running; c is not running.',
    );
    expect(availability('restart', [item('b', { powerState: 'deallocated' })]).reason).toBe(
      'b is not running.',
    );
    expect(availability('restart', [item('a'), item('b')])).toEqual({
      enabled: true,
      reason: expect.stringMatching(/Restart the operating system/),
    });
  });

  it('a row menu offers the same actions as the toolbar for that one VM', () => {
    const sql = item('sql-01', { powerState: 'deallocated' });
    expect(ACTIONS.filter((a) => rowAvailability(a.action, sql).enabled).map((a) => a.action)).toEqual([
      'start',
    ]);
    expect(rowAvailability('restart', sql)).toEqual({ enabled: false, reason: 'sql-01 is not running.' });
  });

  it('describes billing: stop ends it, power off keeps it', () => {
    expect(availability('deallocate', [item('a')]).reason).toMatch(/compute billing stops/);
    expect(availability('powerOff', [item('a')]).reason).toMatch(/still billed for compute/);
    expect(ACTIONS.map((a) => a.action)).toEqual(['start', 'deallocate', 'restart', 'powerOff']);
    expect([...ALL_ACTIONS].sort()).toEqual(ACTIONS.map((a) => a.action).sort());
  });
});
