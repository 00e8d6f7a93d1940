/**
 * infra/roles/vm-operator.json: the least-privilege custom role docs/deploy.md recommends, in the role definition
 * format `az role definition create --role-definition <file>` takes (learn.microsoft.com: custom-roles-cli).
 */
import { describe, expect, it } from '@jest/globals';
import { VM_CAPABILITIES } from '../../contract/vm.ts';
import { ARM_OPERATION, allowedVmActions } from '../../src/vms/permissions.ts';
import { readJson, readText } from './support.ts';

interface RoleDefinitionFile {
  readonly Name: string;
  readonly IsCustom: boolean;
  readonly Description: string;
  readonly Actions: readonly string[];
  readonly NotActions: readonly string[];
  readonly DataActions: readonly string[];
  readonly NotDataActions: readonly string[];
  readonly AssignableScopes: readonly string[];
}

const PATH = 'infra/roles/vm-operator.json';
const role = readJson<RoleDefinitionFile>(PATH);

/** What VM Manager calls in ARM as the user, and the action each call is authorized by. */
const WHAT_THE_APP_CALLS: Readonly<Record<string, string>> = {
  'list VMs per subscription, get one VM': 'Microsoft.Compute/virtualMachines/read',
  'power state (statusOnly=true, instance view)': 'Microsoft.Compute/virtualMachines/instanceView/read',
  'its own permissions (…/providers/Microsoft.Authorization/permissions)':
    'Microsoft.Authorization/permissions/read',
  ...Object.fromEntries(Object.entries(ARM_OPERATION).map(([action, operation]) => [action, operation])),
  'auto-shutdown schedules with a listing, GET …/auto-shutdown': 'Microsoft.DevTestLab/schedules/read',
  'DELETE …/auto-shutdown': 'Microsoft.DevTestLab/schedules/delete',
};

describe('infra/roles/vm-operator.json (custom role VM Operator)', () => {
  it('has the Azure role definition shape, and nothing else', () => {
    expect(Object.keys(role)).toEqual([
      'Name',
      'IsCustom',
      'Description',
      'Actions',
      'NotActions',
      'DataActions',
      'NotDataActions',
      'AssignableScopes',
    ]);
    expect(role.Name).toBe('VM Operator');
    expect(role.IsCustom).toBe(true);
    expect(role.Description.length).toBeGreaterThan(0);
    expect(role.Description.length).toBeLessThanOrEqual(2048);
    for (const key of [
      'Actions',
      'NotActions',
      'DataActions',
      'NotDataActions',
      'AssignableScopes',
    ] as const) {
      expect(Array.isArray(role[key])).toBe(true);
      expect(role[key].every((v) => typeof v === 'string')).toBe(true);
      expect(new Set(role[key]).size).toBe(role[key].length);
    }
  });

  it('grants exactly what VM Manager calls: no wildcard, no data plane, nothing excluded', () => {
    expect([...role.Actions].sort()).toEqual([...new Set(Object.values(WHAT_THE_APP_CALLS))].sort());
    for (const action of role.Actions) {
      expect(action).toMatch(/^Microsoft\.[A-Za-z]+(\/[A-Za-z]+)+\/(read|write|delete|action)$/);
      expect(action).not.toContain('*');
    }
    expect(role.NotActions).toEqual([]);
    expect(role.DataActions).toEqual([]);
    expect(role.NotDataActions).toEqual([]);
  });

  it('lets a user use every action VM Manager offers (as the service reads permissions)', () => {
    expect(allowedVmActions([{ actions: role.Actions, notActions: role.NotActions }])).toEqual([
      ...VM_CAPABILITIES,
    ]);
  });

  it('is assignable in a subscription the administrator fills in, as deploy.md shows', () => {
    // `az role definition create` needs explicit subscription ids; the placeholder makes an unedited file fail.
    expect(role.AssignableScopes).toEqual(['/subscriptions/<subscription-id>']);
    const deploy = readText('docs/deploy.md');
    expect(deploy).toContain(`sed "s|<subscription-id>|$subscription|" ${PATH} > vm-operator.json`);
    expect(deploy).toContain('az role definition create --role-definition vm-operator.json');
    expect(deploy).toContain(`[${PATH}](../${PATH})`);
    // One definition: the docs point at the file instead of repeating it.
    expect(deploy).not.toContain('"IsCustom"');
  });
});
