import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { API_VERSIONS, isAtLeast, type ApiFamily } from '../../../emulator/arm/api-versions.ts';
import { forApiVersion, VM_SINCE } from '../../../emulator/arm/shapes.ts';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { bearer, clientsFor, DEV } from './clients.ts';

const RG_WEB = `/subscriptions/${DEV}/resourceGroups/rg-web`;
const WEB_01 = `${RG_WEB}/providers/Microsoft.Compute/virtualMachines/web-01`;

describe('api-version lists', () => {
  it.each(Object.entries(API_VERSIONS))('%s: unique, newest first', (_family, versions) => {
    expect(new Set(versions).size).toBe(versions.length);
    expect([...versions].sort((a, b) => (isAtLeast(a, b) && a !== b ? -1 : 1))).toEqual(versions);
  });

  it.each<[ApiFamily, string[]]>([
    // What real clients send: Debian's Python SDK, azure-cli 2.45 profiles, the installed JavaScript SDKs.
    ['compute', ['2015-06-15', '2016-04-30-preview', '2019-07-01', '2022-08-01', '2022-11-01', '2026-04-01']],
    [
      'subscriptions',
      ['2014-04-01-preview', '2015-11-01', '2016-06-01', '2019-11-01', '2021-01-01', '2022-12-01'],
    ],
    ['resourceGroups', ['2015-11-01', '2019-10-01', '2021-04-01', '2022-09-01', '2025-04-01']],
    ['authorization', ['2015-07-01', '2018-01-01-preview', '2022-04-01', '2022-05-01-preview']],
    ['metadata', ['2015-01-01', '2019-05-01', '2022-09-01']],
  ])('%s accepts the versions clients use', (family, versions) => {
    for (const v of versions) expect(API_VERSIONS[family]).toContain(v);
  });

  it('orders versions by date, a preview as its date', () => {
    expect(isAtLeast('2016-04-30-preview', '2016-04-30-preview')).toBe(true);
    expect(isAtLeast('2017-03-30', '2016-04-30-preview')).toBe(true);
    expect(isAtLeast('2016-03-30', '2016-04-30-preview')).toBe(false);
    expect(isAtLeast('2022-05-01-preview', '2022-04-01')).toBe(true);
  });
});

describe('forApiVersion', () => {
  const body = {
    etag: '"1"',
    properties: {
      vmId: 'v',
      timeCreated: 't',
      storageProfile: { osDisk: { name: 'd', managedDisk: { id: 'm' } } },
      instanceView: { isVMInStandbyPool: false, statuses: [] },
    },
  };

  it('returns the same object when the version has every property (no copy on the hot path)', () => {
    expect(forApiVersion(body, VM_SINCE, '2026-04-01')).toBe(body);
  });

  it('leaves out what came later, without touching the input', () => {
    const old = forApiVersion(body, VM_SINCE, '2016-03-30');
    expect(old).toEqual({
      properties: { vmId: 'v', storageProfile: { osDisk: { name: 'd' } }, instanceView: { statuses: [] } },
    });
    expect(body.properties.storageProfile.osDisk.managedDisk).toEqual({ id: 'm' });
    expect(forApiVersion(body, VM_SINCE, '2022-08-01')).toEqual({
      properties: { ...body.properties, instanceView: { statuses: [] } },
    });
  });
});

/** Every supported version answers, in its own shape, through the real front door. */
describe('ARM at older api-versions', () => {
  let emulator: TestEmulator;
  let auth: Record<string, string>;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    auth = await bearer((await clientsFor(emulator, 'alice')).credential);
  });
  afterAll(() => emulator.close());

  const get = async (path: string, version: string) => {
    const res = await emulator.call(`${path}?api-version=${version}`, { headers: auth });
    expect({ version, status: res.status }).toEqual({ version, status: 200 });
    return res.json();
  };

  it.each(API_VERSIONS.compute)('compute %s: get with instance view, list, instanceView', async (version) => {
    const vm = await get(`${WEB_01}`, `${version}&$expand=instanceView`);
    expect(vm).toMatchObject({ name: 'web-01', type: 'Microsoft.Compute/virtualMachines' });
    expect(vm.properties.instanceView.statuses.map((s: { code: string }) => s.code)).toContain(
      'PowerState/running',
    );
    expect(
      (await get(`/subscriptions/${DEV}/providers/Microsoft.Compute/virtualMachines`, version)).value,
    ).toHaveLength(4);
    expect((await get(`${WEB_01}/instanceView`, version)).statuses).toHaveLength(2);
  });

  it('compute: each version has the properties its spec defines, and only those', async () => {
    const at = async (version: string) => get(WEB_01, `${version}&$expand=instanceView`);
    const v2015 = await at('2015-06-15');
    expect(v2015).not.toHaveProperty('etag');
    expect(v2015.properties).not.toHaveProperty('vmId');
    expect(v2015.properties).not.toHaveProperty('timeCreated');
    expect(v2015.properties.storageProfile.osDisk).toEqual({
      osType: 'Linux',
      name: expect.stringMatching(/^web-01_OsDisk_1_/),
      createOption: 'FromImage',
      caching: 'ReadWrite',
      diskSizeGB: 30,
    });
    expect(v2015.properties.osProfile).not.toHaveProperty('allowExtensionOperations');
    expect(v2015.properties.osProfile.linuxConfiguration).toEqual({ disablePasswordAuthentication: true });
    expect(Object.keys(v2015.properties.instanceView).sort()).toEqual([
      'disks',
      'platformFaultDomain',
      'platformUpdateDomain',
      'statuses',
      'vmAgent',
    ]);

    const v2019 = await at('2019-07-01');
    expect(v2019.properties.storageProfile.imageReference.exactVersion).toEqual(expect.any(String));
    expect(v2019.properties.instanceView.hyperVGeneration).toBe('V2');
    expect(v2019.properties.osProfile.linuxConfiguration).not.toHaveProperty('patchSettings');

    const v2022 = await at('2022-08-01');
    expect(v2022.properties.timeCreated).toEqual(expect.any(String));
    expect(v2022.properties.osProfile.linuxConfiguration.patchSettings).toEqual({
      patchMode: 'ImageDefault',
      assessmentMode: 'ImageDefault',
    });
    expect(v2022).not.toHaveProperty('etag');
    expect(v2022.properties.instanceView).not.toHaveProperty('isVMInStandbyPool');

    const v2023 = await at('2023-09-01');
    expect(v2023.etag).toBe('"1"');
    expect(v2023.properties.instanceView.isVMInStandbyPool).toBe(false);
  });

  it('compute: LROs started at an older version poll at that version', async () => {
    const res = await emulator.call(
      `${RG_WEB}/providers/Microsoft.Compute/virtualMachines/web-02/start?api-version=2019-07-01`,
      {
        method: 'POST',
        headers: auth,
      },
    );
    expect(res.status).toBe(202);
    const status = new URL(String(res.headers['azure-asyncoperation']));
    expect(status.searchParams.get('api-version')).toBe('2019-07-01');
    expect((await emulator.call(status.pathname + status.search, { headers: auth })).json().status).toMatch(
      /InProgress|Succeeded/,
    );
  });

  it.each(API_VERSIONS.subscriptions)('subscriptions %s: list and get', async (version) => {
    const list = await get('/subscriptions', version);
    expect(list.value.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual([DEV]);
    expect(await get(`/subscriptions/${DEV}`, version)).toMatchObject({
      subscriptionId: DEV,
      state: 'Enabled',
    });
  });

  it('subscriptions: each version has the properties its spec defines', async () => {
    const at = (version: string) => get(`/subscriptions/${DEV}`, version);
    expect(Object.keys(await at('2015-11-01')).sort()).toEqual(
      ['displayName', 'id', 'state', 'subscriptionId', 'subscriptionPolicies'].sort(),
    );
    expect((await at('2015-11-01')).subscriptionPolicies).toEqual({
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
    });
    expect(await at('2016-06-01')).toMatchObject({ authorizationSource: 'RoleBased' });
    expect(await at('2016-06-01')).not.toHaveProperty('tenantId');
    expect(await at('2018-06-01')).not.toHaveProperty('managedByTenants');
    expect(await at('2019-11-01')).toMatchObject({
      tenantId: emulator.context.seed.tenant.id,
      managedByTenants: [],
    });
  });

  it.each(API_VERSIONS.resourceGroups)('resource groups %s: list and get', async (version) => {
    expect((await get(`/subscriptions/${DEV}/resourcegroups`, version)).value).toHaveLength(2);
    expect(await get(RG_WEB, version)).toMatchObject({
      name: 'rg-web',
      properties: { provisioningState: 'Succeeded' },
    });
  });

  it.each(API_VERSIONS.authorization)('permissions %s', async (version) => {
    const body = await get(`/subscriptions/${DEV}/providers/Microsoft.Authorization/permissions`, version);
    expect(body.value[0].actions).toContain('Microsoft.Compute/virtualMachines/*');
    expect('dataActions' in body.value[0]).toBe(version !== '2015-07-01');
  });
});
