import { describe, expect, it } from '@jest/globals';
import { ArmError } from '../../../emulator/arm/errors.ts';
import { apiFamilyOf, canonicalQuery, parseArmRoute } from '../../../emulator/arm/router.ts';

const SUB = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
const RG = `/subscriptions/${SUB}/resourceGroups/rg-web`;
const VM = `${RG}/providers/Microsoft.Compute/virtualMachines/web-01`;

function fails(method: string, path: string): { status: number; code: string } {
  try {
    parseArmRoute(method, path, '2026-04-01');
  } catch (error) {
    if (error instanceof ArmError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error(`${method} ${path} parsed`);
}

describe('parseArmRoute', () => {
  it.each([
    ['GET', '/subscriptions', { kind: 'subscriptions.list' }],
    ['GET', `/subscriptions/${SUB}`, { kind: 'subscriptions.get', subscriptionId: SUB }],
    ['GET', '/metadata/endpoints', { kind: 'metadata' }],
    ['GET', '/METADATA/Endpoints/', { kind: 'metadata' }],
    ['GET', `/subscriptions/${SUB}/resourcegroups`, { kind: 'resourceGroups.list', subscriptionId: SUB }],
    ['GET', `/subscriptions/${SUB}/resourceGroups/`, { kind: 'resourceGroups.list', subscriptionId: SUB }],
    ['GET', RG, { kind: 'resourceGroup.get', subscriptionId: SUB, resourceGroup: 'rg-web' }],
    ['HEAD', RG, { kind: 'resourceGroup.get', subscriptionId: SUB, resourceGroup: 'rg-web' }],
    [
      'GET',
      `/subscriptions/${SUB}/RESOURCEGROUPS/Rg_(Ünïcode).1`,
      { kind: 'resourceGroup.get', subscriptionId: SUB, resourceGroup: 'Rg_(Ünïcode).1' },
    ],
    [
      'GET',
      `/subscriptions/${SUB}/providers/Microsoft.Compute/virtualMachines`,
      { kind: 'vms.listAll', subscriptionId: SUB },
    ],
    [
      'GET',
      `${RG}/providers/Microsoft.Compute/virtualMachines`,
      { kind: 'vms.list', subscriptionId: SUB, resourceGroup: 'rg-web' },
    ],
    ['GET', VM, { kind: 'vm.get', subscriptionId: SUB, resourceGroup: 'rg-web', name: 'web-01' }],
    [
      'GET',
      VM.toUpperCase().replace(SUB.toUpperCase(), SUB),
      { kind: 'vm.get', subscriptionId: SUB, resourceGroup: 'RG-WEB', name: 'WEB-01' },
    ],
    [
      'GET',
      `${VM}/instanceView`,
      { kind: 'vm.instanceView', subscriptionId: SUB, resourceGroup: 'rg-web', name: 'web-01' },
    ],
    [
      'POST',
      `${VM}/poweroff`,
      { kind: 'vm.action', action: 'powerOff', subscriptionId: SUB, resourceGroup: 'rg-web', name: 'web-01' },
    ],
    [
      'POST',
      `${VM}/start`,
      { kind: 'vm.action', action: 'start', subscriptionId: SUB, resourceGroup: 'rg-web', name: 'web-01' },
    ],
    [
      'GET',
      `/subscriptions/${SUB}/providers/Microsoft.Compute/locations/westeurope/operations/abc`,
      { kind: 'operation', subscriptionId: SUB, location: 'westeurope', operationId: 'abc' },
    ],
    [
      'GET',
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/permissions`,
      { kind: 'permissions', subscriptionId: SUB },
    ],
    [
      'GET',
      `${RG.replace('resourceGroups', 'resourcegroups')}/providers/Microsoft.Authorization/permissions`,
      { kind: 'permissions', subscriptionId: SUB, resourceGroup: 'rg-web' },
    ],
    [
      'GET',
      // @azure/arm-authorization sends an empty parentResourcePath as '//'
      `${RG}/providers/Microsoft.Compute//virtualMachines/web-01/providers/Microsoft.Authorization/permissions`,
      {
        kind: 'permissions',
        subscriptionId: SUB,
        resourceGroup: 'rg-web',
        resource: { namespace: 'Microsoft.Compute', type: 'virtualMachines', name: 'web-01' },
      },
    ],
    [
      'GET',
      `${RG}/providers/Microsoft.Compute/virtualMachines/web%2D01`,
      { kind: 'vm.get', subscriptionId: SUB, resourceGroup: 'rg-web', name: 'web-01' },
    ],
  ])('%s %s', (method, path, expected) => {
    expect(parseArmRoute(method, path, '2026-04-01')).toEqual(expected);
  });

  it.each([
    ['GET', '/providers/Microsoft.Compute/operations', 404, 'NotFound'],
    ['GET', `/subscriptions/${SUB}/resourceGroups/rg-web/foo`, 404, 'NotFound'],
    ['POST', `/subscriptions/${SUB}/resourceGroups/rg-web`, 405, 'MethodNotAllowed'],
    ['HEAD', `/subscriptions/${SUB}/resourceGroups`, 405, 'MethodNotAllowed'],
    ['POST', '/metadata/endpoints', 405, 'MethodNotAllowed'],
    ['GET', '/metadata', 404, 'NotFound'],
    ['GET', `/subscriptions/${SUB}/resourceGroups/rg%20web`, 400, 'InvalidResourceGroup'],
    ['GET', `/subscriptions/${SUB}/resourceGroups/ends.`, 400, 'InvalidResourceGroup'],
    ['GET', `/subscriptions/${SUB}/resourceGroups/${'r'.repeat(91)}`, 400, 'InvalidResourceGroup'],
    [
      'GET',
      `/subscriptions/${SUB}/resourceGroups/a%22b/providers/Microsoft.Compute/virtualMachines`,
      400,
      'InvalidResourceGroup',
    ],
    ['GET', `/subscriptions/${SUB}/foo`, 404, 'NotFound'],
    ['GET', `${RG}/providers/Microsoft.Network/virtualNetworks`, 400, 'InvalidResourceType'],
    ['GET', `${RG}/providers/Microsoft.Compute/disks/d1`, 400, 'InvalidResourceType'],
    ['POST', `${VM}/explode`, 400, 'InvalidResourceType'],
    ['GET', `${VM}/instanceView/more`, 400, 'InvalidResourceType'],
    [
      'GET',
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments`,
      400,
      'InvalidResourceType',
    ],
    ['GET', `${VM}/start`, 405, 'MethodNotAllowed'],
    ['PUT', VM, 405, 'MethodNotAllowed'],
    ['DELETE', VM, 405, 'MethodNotAllowed'],
    ['POST', `${VM}/instanceView`, 405, 'MethodNotAllowed'],
    ['GET', `${RG}/providers/Microsoft.Compute/virtualMachines/bad<name>`, 400, 'InvalidResourceName'],
    ['GET', `${RG}/providers/Microsoft.Compute/virtualMachines/ends.`, 400, 'InvalidResourceName'],
    ['GET', `${RG}/providers/Microsoft.Compute/virtualMachines/%E0%A4%A`, 400, 'InvalidResourceName'],
    [
      'GET',
      `${RG}/providers/Microsoft.Compute/virtualMachines/${'x'.repeat(91)}`,
      400,
      'InvalidResourceName',
    ],
  ])('%s %s → %i %s', (method, path, status, code) => {
    expect(fails(method, path)).toEqual({ status, code });
  });

  it('names the characters ARM refuses in a resource group name, as ARM does', () => {
    expect(() =>
      parseArmRoute('GET', `/subscriptions/${SUB}/resourceGroups/my%20rg%3F!`, '2022-09-01'),
    ).toThrow(
      "The provided resource group name 'my rg?!' has these invalid characters: ' ?!'. " +
        "The name can only be a letter, digit, '-', '.', '(', ')' or '_'.",
    );
  });

  it('maps routes to the provider whose api-versions apply', () => {
    expect(apiFamilyOf({ kind: 'metadata' })).toBe('metadata');
    expect(apiFamilyOf({ kind: 'resourceGroups.list', subscriptionId: SUB })).toBe('resourceGroups');
    expect(apiFamilyOf({ kind: 'resourceGroup.get', subscriptionId: SUB, resourceGroup: 'rg' })).toBe(
      'resourceGroups',
    );
    expect(apiFamilyOf({ kind: 'subscriptions.list' })).toBe('subscriptions');
    expect(apiFamilyOf({ kind: 'permissions', subscriptionId: SUB })).toBe('authorization');
    expect(apiFamilyOf({ kind: 'vms.listAll', subscriptionId: SUB })).toBe('compute');
  });
});

describe('canonicalQuery', () => {
  it('spells known parameter names canonically, keeps values and unknown names', () => {
    const url = canonicalQuery(
      new URL('https://h/x?API-VERSION=2026-04-01&$EXPAND=instanceView&StatusOnly=True&Other=1'),
    );
    expect([...url.searchParams]).toEqual([
      ['api-version', '2026-04-01'],
      ['$expand', 'instanceView'],
      ['statusOnly', 'True'],
      ['Other', '1'],
    ]);
  });

  it('returns the same URL when nothing needs renaming', () => {
    const url = new URL('https://h/x?api-version=2026-04-01&x=%20');
    expect(canonicalQuery(url)).toBe(url);
  });
});
