import { describe, expect, it } from '@jest/globals';
import { createRoleAssignments } from '../../../emulator/rbac/assignments.ts';
import { defaultSeed } from '../../../emulator/seed/default.ts';

const oid = (key: string) => defaultSeed.users.find((u) => u.key === key)!.oid;
const DEV = `/subscriptions/${defaultSeed.subscriptions[0]!.subscriptionId}`;
const PROD = `/subscriptions/${defaultSeed.subscriptions[1]!.subscriptionId}`;
const vm = (sub: string, rg: string, name: string) =>
  `${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
const READ = 'Microsoft.Compute/virtualMachines/read';
const START = 'Microsoft.Compute/virtualMachines/start/action';
const DEALLOCATE = 'Microsoft.Compute/virtualMachines/deallocate/action';

describe('createRoleAssignments (default seed)', () => {
  const rbac = createRoleAssignments(defaultSeed);

  it('alice (VM Contributor on Contoso Dev) may read and start every Dev VM, nothing in Prod', () => {
    expect(rbac.isPermitted(oid('alice'), START, vm(DEV, 'rg-data', 'sql-01'))).toBe(true);
    expect(rbac.isPermitted(oid('alice'), READ, vm(PROD, 'rg-app', 'app-01'))).toBe(false);
  });

  it('bob reads rg-web (Reader) and may power web-02 only (VM-scoped role)', () => {
    expect(rbac.isPermitted(oid('bob'), READ, vm(DEV, 'rg-web', 'web-01'))).toBe(true);
    expect(rbac.isPermitted(oid('bob'), START, vm(DEV, 'rg-web', 'web-01'))).toBe(false);
    expect(rbac.isPermitted(oid('bob'), START, vm(DEV, 'rg-web', 'WEB-02'))).toBe(true);
    expect(rbac.isPermitted(oid('bob'), READ, vm(DEV, 'rg-data', 'sql-01'))).toBe(false);
    expect(rbac.applicableAt(oid('bob'), vm(DEV, 'rg-web', 'web-02')).map((a) => a.roleName)).toEqual([
      'Reader',
      'Desktop Virtualization Power On Off Contributor',
    ]);
    expect(rbac.applicableAt(oid('bob'), `${DEV}/resourceGroups/rg-web`).map((a) => a.roleName)).toEqual([
      'Reader',
    ]);
  });

  it('touches: any assignment at, above or below the scope', () => {
    expect(rbac.touches(oid('bob'), DEV)).toBe(true); // below
    expect(rbac.touches(oid('bob'), `${DEV}/resourceGroups/rg-data`)).toBe(false);
    expect(rbac.touches(oid('dave'), vm(PROD, 'rg-app', 'app-01'))).toBe(true); // above
    expect(rbac.touches(oid('carol'), DEV)).toBe(false);
  });

  it('dave: Owner on Prod, Reader on Dev', () => {
    expect(rbac.isPermitted(oid('dave'), DEALLOCATE, vm(PROD, 'rg-app', 'app-03'))).toBe(true);
    expect(rbac.isPermitted(oid('dave'), DEALLOCATE, vm(DEV, 'rg-web', 'web-01'))).toBe(false);
    expect(rbac.isPermitted(oid('dave'), READ, vm(DEV, 'rg-web', 'web-01'))).toBe(true);
  });

  it('unknown principals (synthetic load users, apps) have no assignments', () => {
    expect(rbac.applicableAt('10ad0000-0000-4000-8000-000000000042', DEV)).toEqual([]);
    expect(rbac.touches('10ad0000-0000-4000-8000-000000000042', DEV)).toBe(false);
  });

  it('fails fast on a seed naming an unknown user or role', () => {
    const bad = { ...defaultSeed, roleAssignments: [{ user: 'mallory', role: 'Reader', scope: DEV }] };
    expect(() => createRoleAssignments(bad)).toThrow('unknown user "mallory"');
    const badRole = { ...defaultSeed, roleAssignments: [{ user: 'alice', role: 'Janitor', scope: DEV }] };
    expect(() => createRoleAssignments(badRole)).toThrow('unknown role "Janitor"');
  });
});
