import { describe, expect, it } from '@jest/globals';
import { ACTIONS, availability } from '../../../tab/src/grid/actions.ts';
import type { GridItem } from '../../../tab/src/grid/grid-item.ts';
import { ALL_ACTIONS, makeVm, operationFor } from '../support/fixtures.ts';

const item = (name: string, overrides: Parameters<typeof makeVm>[1] = {}): GridItem => ({
  vm: makeVm(name, overrides),
});

describe('availability', () => {
  it('disables everything with nothing selected', () => {
    for (const { action } of ACTIONS)
      expect(availability(action, [])).toEqual({
        enabled: false,
        reason: expect.stringMatching(/^Select one or more VMs/),
      });
  });

  it("names the VMs the user's role does not allow the action on", () => {
    const selected = [
      item('web-01', { actions: [] }),
      item('web-02'),
      item('web-03', { actions: ['start'] }),
    ];
    expect(availability('deallocate', selected)).toEqual({
      enabled: false,
      reason: "Your Azure role doesn't allow stopping web-01 and web-03.",
    });
    expect(availability('start', selected).reason).toBe("Your Azure role doesn't allow starting web-01.");
  });

  it('abbreviates long lists', () => {
    const selected = ['a', 'b', 'c', 'd', 'e'].map((n) => item(n, { actions: [] }));
    expect(availability('start', selected).reason).toBe(
      "Your Azure role doesn't allow starting a, b, c and 2 more.",
    );
  });

  it('refuses VMs with an operation already running', () => {
    const vm = makeVm('web-02', { powerState: 'deallocated' });
    expect(availability('start', [{ vm, operation: operationFor(vm, 'start') }])).toEqual({
      enabled: false,
      reason: 'An operation is already running on web-02.',
    });
    expect(availability('start', [{ vm, operation: operationFor(vm, 'start', 'Succeeded') }]).enabled).toBe(
      true,
    );
  });

  it('disables an action that would change nothing, but not for a mixed selection', () => {
    expect(availability('start', [item('a', { powerState: 'running' })]).reason).toBe(
      'a is already running.',
    );
    expect(
      availability('deallocate', [
        item('a', { powerState: 'deallocated' }),
        item('b', { powerState: 'deallocated' }),
      ]).reason,
    ).toBe('The selected VMs are already stopped (deallocated).');
    expect(
      availability('start', [item('a', { powerState: 'running' }), item('b', { powerState: 'deallocated' })])
        .enabled,
    ).toBe(true);
    expect(availability('powerOff', [item('a', { powerState: 'stopped' })]).enabled).toBe(false);
    expect(availability('deallocate', [item('a', { powerState: 'stopped' })]).enabled).toBe(true);
  });

  it('restarts only running VMs', () => {
    expect(availability('restart', [item('a'), item('b', { powerState: 'stopped' })]).reason).toBe(
      "Can't restart: b is not running.",
    );
    expect(availability('restart', [item('a'), item('b')])).toEqual({
      enabled: true,
      reason: expect.stringMatching(/Restart the operating system/),
    });
  });

  it('describes billing: stop ends it, power off keeps it', () => {
    expect(availability('deallocate', [item('a')]).reason).toMatch(/compute billing stops/);
    expect(availability('powerOff', [item('a')]).reason).toMatch(/still billed for compute/);
    expect(ACTIONS.map((a) => a.action)).toEqual(['start', 'deallocate', 'restart', 'powerOff']);
    expect([...ALL_ACTIONS].sort()).toEqual(ACTIONS.map((a) => a.action).sort());
  });
});
