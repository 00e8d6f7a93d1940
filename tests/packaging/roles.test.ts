/**
 * infra/roles/vm-operator.json: the least-privilege custom role docs/deploy.md recommends, in the role definition
 * format `az role definition create --role-definition <file>` takes (learn.microsoft.com: custom-roles-cli).
 */
import { describe, expect, it } from '@jest/globals';
import { VM_CAPABILITIES } from '../../contract/vm.ts';
import { ARM_OPERATION, allowedVmActions } from '../../src/vms/permissions.ts';
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ROOT, readJson, readText } from './support.ts';

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

/**
 * Every ARM request the service makes as the signed-in user (src/azure), and the action Azure authorizes it by.
 * The one list of what the role must grant: each entry's `call` must still be in its file, and every ARM call
 * found in src/azure must be an entry here (see `armCallsIn`), so a new call without its action fails this test.
 */
const ARM_CALLS: ReadonlyArray<{
  readonly what: string;
  readonly file: string;
  /** How the call reads in the source (an SDK operation `group.method(` or a request URL). */
  readonly call: string;
  readonly action: string;
}> = [
  {
    what: 'list the VMs of a subscription (statusOnly=true: with their power state)',
    file: 'src/azure/gateway.ts',
    call: 'virtualMachines.listAll(',
    action: 'Microsoft.Compute/virtualMachines/read',
  },
  {
    // A GET of the VM resource: `$expand=instanceView` (and the list's `statusOnly=true`) are options of that read;
    // only `GET …/virtualMachines/{vm}/instanceView`, which the app never calls, needs `…/instanceView/read`.
    what: 'get one VM with its instance view ($expand=instanceView)',
    file: 'src/azure/gateway.ts',
    call: 'virtualMachines.get(',
    action: 'Microsoft.Compute/virtualMachines/read',
  },
  {
    what: 'the VM model for the details panel ($expand=instanceView)',
    file: 'src/azure/network.ts',
    call: 'virtualMachines.get(',
    action: 'Microsoft.Compute/virtualMachines/read',
  },
  ...(['start', 'deallocate', 'powerOff', 'restart'] as const).map((method) => ({
    what: `${method} a VM`,
    file: 'src/azure/gateway.ts',
    call: `vms.${method}(`,
    action: ARM_OPERATION[method],
  })),
  {
    what: 'follow a power operation (…/providers/Microsoft.Compute/locations/{region}/operations/{id})',
    file: 'src/azure/gateway.ts',
    call: 'poller.pollUntilDone(',
    action: 'Microsoft.Compute/locations/operations/read',
  },
  {
    what: 'resume following an operation after a restart or on another instance',
    file: 'src/azure/gateway.ts',
    call: 'restorePoller(',
    action: 'Microsoft.Compute/locations/operations/read',
  },
  {
    what: 'read why an operation failed (GET of its operation URL)',
    file: 'src/azure/gateway.ts',
    call: 'url: operationLocation',
    action: 'Microsoft.Compute/locations/operations/read',
  },
  {
    what: 'its own permissions in a subscription (GET …/providers/Microsoft.Authorization/permissions)',
    file: 'src/azure/gateway.ts',
    call: 'providers/Microsoft.Authorization/permissions',
    action: 'Microsoft.Authorization/permissions/read',
  },
  {
    what: 'its own permissions in a resource group',
    file: 'src/azure/gateway.ts',
    call: 'permissions.listForResourceGroup(',
    action: 'Microsoft.Authorization/permissions/read',
  },
  {
    what: 'its own permissions on a VM',
    file: 'src/azure/gateway.ts',
    call: 'permissions.listForResource(',
    action: 'Microsoft.Authorization/permissions/read',
  },
  {
    what: 'a network interface the VM names (details panel)',
    file: 'src/azure/network.ts',
    call: 'networkInterfaces.get(',
    action: 'Microsoft.Network/networkInterfaces/read',
  },
  {
    what: 'a public IP address a network interface names (details panel)',
    file: 'src/azure/network.ts',
    call: 'publicIPAddresses.get(',
    action: 'Microsoft.Network/publicIPAddresses/read',
  },
  {
    what: "a VM's auto-shutdown schedule",
    file: 'src/azure/schedules.ts',
    call: 'schedules.get(',
    action: 'Microsoft.DevTestLab/schedules/read',
  },
  {
    what: 'the auto-shutdown schedules of a subscription, for a listing',
    file: 'src/azure/schedules.ts',
    call: 'schedules.listBySubscription(',
    action: 'Microsoft.DevTestLab/schedules/read',
  },
  {
    what: 'set auto-shutdown',
    file: 'src/azure/schedules.ts',
    call: 'schedules.createOrUpdate(',
    action: ARM_OPERATION.setAutoShutdown,
  },
  {
    what: 'turn auto-shutdown off',
    file: 'src/azure/schedules.ts',
    call: 'schedules.delete(',
    action: 'Microsoft.DevTestLab/schedules/delete',
  },
];

/**
 * ARM requests that need no action of their own: `GET /subscriptions` lists the subscriptions in which the caller
 * holds a role assignment (it is how the app finds where to look), and nothing else.
 */
const NO_ACTION: ReadonlyArray<{ readonly file: string; readonly call: string }> = [
  { file: 'src/azure/gateway.ts', call: 'subscriptions.list(' },
];

/** The SDK operation groups of the per-user ARM clients (src/azure/user-clients.ts) and their local aliases. */
const GROUPS =
  /\b(virtualMachines|vms|networkInterfaces|publicIPAddresses|globalSchedules|schedules|permissions|subscriptions)\s*\.\s*(\w+)\(/g;

/** `group.method(` of every SDK operation call in a file, plus raw requests and pollers. */
function armCallsIn(source: string): string[] {
  const code = source.replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, '');
  const calls = [...code.matchAll(GROUPS)].map((m) => `${m[1]}.${m[2]}(`);
  for (const raw of ['poller.pollUntilDone(', 'restorePoller(', 'url: operationLocation'])
    if (code.includes(raw)) calls.push(raw);
  if (/sendRequest\(/.test(code) && code.includes('providers/Microsoft.Authorization/permissions'))
    calls.push('providers/Microsoft.Authorization/permissions');
  return [...new Set(calls)];
}

/** The source files that talk to ARM as the user: whatever obtains a client from the per-user cache. */
const ARM_FILES = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `src/${f.split(sep).join('/')}`)
  .filter((f) => f !== 'src/azure/user-clients.ts' && /\.forUser\(/.test(readText(f)));

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

  it('knows every ARM call the service makes as the user, each where the source makes it', () => {
    expect(ARM_FILES.sort()).toEqual([
      'src/azure/gateway.ts',
      'src/azure/network.ts',
      'src/azure/schedules.ts',
    ]);
    for (const file of ARM_FILES) {
      const listed = [...ARM_CALLS, ...NO_ACTION].filter((c) => c.file === file).map((c) => c.call);
      expect({ file, calls: armCallsIn(readText(file)).sort() }).toEqual({
        file,
        calls: [...new Set(listed)].sort(),
      });
    }
  });

  it('grants exactly the actions of those calls: no wildcard, no data plane, nothing excluded', () => {
    expect([...role.Actions].sort()).toEqual([...new Set(ARM_CALLS.map((c) => c.action))].sort());
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
