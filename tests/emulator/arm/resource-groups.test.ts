import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { bearer, clientsFor, DEV, PROD } from './clients.ts';

const V = 'api-version=2022-09-01';
const READ = 'Microsoft.Resources/subscriptions/resourceGroups/read';

/**
 * `Microsoft.Resources/resourceGroups` over raw HTTPS with real OBO tokens (the JavaScript SDK for it is not a
 * dependency; the Python SDK drives it in tests/emulator/clients): bodies, RBAC filtering, 403 before 404.
 */
describe('ARM resource groups', () => {
  let emulator: TestEmulator;
  const auth: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    emulator = await startTestEmulator();
    for (const user of ['alice', 'bob', 'carol', 'dave']) {
      auth[user] = await bearer((await clientsFor(emulator, user)).credential);
    }
  });
  afterAll(() => emulator.close());

  const get = (user: string, path: string, method = 'GET') =>
    emulator.call(path, { method, headers: auth[user]! });
  const names = (body: { value: Array<{ name: string }> }) => body.value.map((g) => g.name);

  it('GET one answers as ARM does: id, name, type, location, tags, provisioningState', async () => {
    const res = await get('alice', `/subscriptions/${DEV}/resourceGroups/rg-web?${V}`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      id: `/subscriptions/${DEV}/resourceGroups/rg-web`,
      name: 'rg-web',
      type: 'Microsoft.Resources/resourceGroups',
      location: 'westeurope',
      tags: { env: 'dev', app: 'storefront' },
      properties: { provisioningState: 'Succeeded' },
    });
    expect(res.headers['x-ms-ratelimit-remaining-subscription-reads']).toMatch(/^\d+$/);
  });

  it('reads the segment and the name without regard to case, answering in canonical casing', async () => {
    const res = await get('alice', `/subscriptions/${DEV}/resourcegroups/RG-WEB?${V}`);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ id: `/subscriptions/${DEV}/resourceGroups/rg-web`, name: 'rg-web' });
  });

  it.each([
    ['alice', DEV, ['rg-web', 'rg-data']],
    ['dave', DEV, ['rg-web', 'rg-data']],
    ['dave', PROD, ['rg-app']],
    ['bob', DEV, ['rg-web']],
  ])('lists the groups %s may read in %s', async (user, sub, expected) => {
    const res = await get(user, `/subscriptions/${sub}/resourcegroups?${V}`);
    expect(res.status).toBe(200);
    expect(names(res.json())).toEqual(expected);
    expect(res.json().nextLink).toBeUndefined();
  });

  it('403 AuthorizationFailed for a group the caller may not read, before looking whether it exists', async () => {
    for (const [user, rg] of [
      ['bob', 'rg-data'],
      ['bob', 'no-such-group'],
      ['carol', 'rg-web'],
    ] as const) {
      const res = await get(user, `/subscriptions/${DEV}/resourceGroups/${rg}?${V}`);
      expect(res.status).toBe(403);
      expect(res.json().error).toEqual({
        code: 'AuthorizationFailed',
        message:
          `The client '${user}@contoso.onmicrosoft.com' with object id '${emulator.context.seed.users.find((u) => u.key === user)!.oid}' ` +
          `does not have authorization to perform action '${READ}' over scope '/subscriptions/${DEV}/resourceGroups/${rg}' ` +
          'or the scope is invalid. If access was recently granted, please refresh your credentials.',
      });
    }
    // No role anywhere near the subscription: the list is refused too.
    const list = await get('carol', `/subscriptions/${DEV}/resourcegroups?${V}`);
    expect(list.status).toBe(403);
    expect(list.json().error.message).toContain(`'${READ}' over scope '/subscriptions/${DEV}'`);
    expect((await get('alice', `/subscriptions/${PROD}/resourcegroups?${V}`)).status).toBe(403);
  });

  it('404 ResourceGroupNotFound for a group that does not exist, when the caller could read it', async () => {
    const res = await get('alice', `/subscriptions/${DEV}/resourceGroups/rg-gone?${V}`);
    expect(res.status).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'ResourceGroupNotFound', message: "Resource group 'rg-gone' could not be found." },
    });
  });

  it('400 InvalidResourceGroup for a malformed name, naming the characters ARM refuses', async () => {
    const res = await get('alice', `/subscriptions/${DEV}/resourceGroups/rg%20web%21?${V}`);
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'InvalidResourceGroup',
        message:
          "The provided resource group name 'rg web!' has these invalid characters: ' !'. " +
          "The name can only be a letter, digit, '-', '.', '(', ')' or '_'.",
      },
    });
  });

  it('HEAD is the existence check: 204, 404, or 403', async () => {
    const head = (user: string, rg: string) =>
      get(user, `/subscriptions/${DEV}/resourceGroups/${rg}?${V}`, 'HEAD');
    const found = await head('alice', 'rg-data');
    expect(found.status).toBe(204);
    expect(found.text).toBe('');
    expect((await head('alice', 'rg-gone')).status).toBe(404);
    expect((await head('bob', 'rg-data')).status).toBe(403);
  });

  it('filters on tags and honours $top', async () => {
    const list = async (query: string) =>
      names((await get('alice', `/subscriptions/${DEV}/resourcegroups?${V}&${query}`)).json());
    expect(await list(`$filter=${encodeURIComponent("tagName eq 'APP'")}`)).toEqual(['rg-web']);
    expect(await list(`$filter=${encodeURIComponent("tagName eq 'env' and tagValue eq 'dev'")}`)).toEqual([
      'rg-web',
      'rg-data',
    ]);
    expect(await list(`$filter=${encodeURIComponent("tagName eq 'env' and tagValue eq 'prod'")}`)).toEqual(
      [],
    );
    expect(await list('$top=1')).toEqual(['rg-web']);
  });

  it('answers each api-version in its shape: no `type` before 2018-05-01', async () => {
    const at = async (version: string) =>
      (await get('alice', `/subscriptions/${DEV}/resourceGroups/rg-web?api-version=${version}`)).json();
    expect(await at('2018-02-01')).not.toHaveProperty('type');
    expect(await at('2015-11-01')).toMatchObject({
      name: 'rg-web',
      properties: { provisioningState: 'Succeeded' },
    });
    expect((await at('2018-05-01')).type).toBe('Microsoft.Resources/resourceGroups');
    expect((await at('2025-04-01')).type).toBe('Microsoft.Resources/resourceGroups');
  });

  it('pages with nextLink at the configured page size', async () => {
    const small = await startTestEmulator({ pageSize: 1 });
    try {
      const token = await bearer((await clientsFor(small, 'alice')).credential);
      const first = await small.call(`/subscriptions/${DEV}/resourcegroups?${V}`, { headers: token });
      expect(names(first.json())).toEqual(['rg-web']);
      const next = new URL(first.json().nextLink);
      expect(next.origin).toBe(small.url);
      const second = await small.call(next.pathname + next.search, { headers: token });
      expect(names(second.json())).toEqual(['rg-data']);
      expect(second.json().nextLink).toBeUndefined();
    } finally {
      await small.close();
    }
  });
});
