import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { bearer, clientsFor, DEV } from './clients.ts';

/**
 * Requests no SDK would send, over raw HTTPS (with a real token from the OBO credential): each gets the
 * ARM-shaped error ARM would send, never a crash or a stack trace.
 */
describe('ARM bad input', () => {
  let emulator: TestEmulator;
  let auth: Record<string, string>;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    auth = await bearer((await clientsFor(emulator, 'alice')).credential);
  });
  afterAll(() => emulator.close());

  const VMS = `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines`;
  const V = 'api-version=2026-04-01';

  it.each<[string, string, number, string, { body?: string; headers?: Record<string, string> }?]>([
    ['GET', `${VMS}/web-01`, 400, 'MissingApiVersionParameter'],
    ['GET', `${VMS}/web-01?api-version=`, 400, 'MissingApiVersionParameter'],
    ['GET', `${VMS}/web-01?api-version=2099-01-01`, 400, 'InvalidApiVersionParameter'],
    ['GET', `/subscriptions?api-version=2026-04-01`, 400, 'InvalidApiVersionParameter'],
    [
      'GET',
      `/subscriptions/not-a-guid/providers/Microsoft.Compute/virtualMachines?${V}`,
      400,
      'InvalidSubscriptionId',
    ],
    [
      'GET',
      `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Compute/virtualMachines?${V}`,
      404,
      'SubscriptionNotFound',
    ],
    ['POST', `${VMS}/web-01/explode?${V}`, 400, 'InvalidResourceType'],
    [
      'POST',
      `${VMS}/web-01/start?${V}`,
      400,
      'InvalidRequestContent',
      { body: '{not json', headers: { 'content-type': 'application/json' } },
    ],
    ['POST', `${VMS}/web-01/powerOff?${V}&skipShutdown=maybe`, 400, 'InvalidParameter'],
    ['GET', `${VMS}/web-01?${V}&$expand=everything`, 400, 'InvalidParameter'],
    ['GET', `${VMS}?${V}&$expand=instanceView`, 400, 'InvalidParameter'],
    ['GET', `${VMS}?${V}&$filter=name eq 'web-01'`, 400, 'InvalidParameter'],
    [
      'GET',
      `/subscriptions/${DEV}/providers/Microsoft.Compute/virtualMachines?${V}&statusOnly=yes`,
      400,
      'InvalidParameter',
    ],
    [
      'GET',
      `/subscriptions/${DEV}/providers/Microsoft.Compute/virtualMachines?${V}&$skiptoken=garbage`,
      400,
      'InvalidParameter',
    ],
    ['PUT', `${VMS}/web-01?${V}`, 405, 'MethodNotAllowed', { body: '{}' }],
    ['DELETE', `${VMS}/web-01?${V}`, 405, 'MethodNotAllowed'],
    ['GET', `${VMS}/web-01/start?${V}`, 405, 'MethodNotAllowed'],
    ['GET', `${VMS}/bad%3Cname%3E?${V}`, 400, 'InvalidResourceName'],
    [
      'GET',
      `/subscriptions/${DEV}/resourceGroups/rg%20web?api-version=2022-09-01`,
      400,
      'InvalidResourceGroup',
    ],
    ['GET', `/subscriptions/${DEV}/resourceGroups/nope?api-version=2022-09-01`, 404, 'ResourceGroupNotFound'],
    [
      'GET',
      `/subscriptions/${DEV}/resourceGroups/rg-web?api-version=2026-04-01`,
      400,
      'InvalidApiVersionParameter',
    ],
    ['GET', `/subscriptions/${DEV}/resourceGroups?api-version=2022-09-01&$top=0`, 400, 'InvalidParameter'],
    [
      'GET',
      `/subscriptions/${DEV}/resourceGroups?api-version=2022-09-01&$filter=name eq 'x'`,
      400,
      'InvalidParameter',
    ],
    ['POST', `/subscriptions/${DEV}/resourceGroups/rg-web?api-version=2022-09-01`, 405, 'MethodNotAllowed'],
    ['GET', `/metadata/endpoints?api-version=2021-01-01`, 400, 'InvalidApiVersionParameter'],
    ['GET', `/metadata/endpoints`, 400, 'MissingApiVersionParameter'],
    ['GET', `/metadata/other?api-version=2022-09-01`, 404, 'NotFound'],
    ['GET', `/providers/Microsoft.Compute/operations?${V}`, 404, 'NotFound'],
    [
      'GET',
      `/subscriptions/${DEV}/providers/Microsoft.Compute/locations/westeurope/operations/nope?${V}`,
      404,
      'NotFound',
    ],
    [
      'GET',
      `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Authorization/permissions?${V}`,
      400,
      'InvalidApiVersionParameter',
    ],
    [
      'GET',
      `${VMS}/web-01?${V}`,
      401,
      'AuthenticationFailed',
      { headers: { authorization: 'Basic YWxpY2U6cGFzcw==' } },
    ],
    [
      'GET',
      `${VMS}/web-01?${V}`,
      401,
      'AuthenticationFailed',
      { headers: { authorization: 'Bearer not a jwt' } },
    ],
    [
      'GET',
      `${VMS}/web-01?${V}`,
      401,
      'InvalidAuthenticationToken',
      { headers: { authorization: 'Bearer e30.e30.c2ln' } },
    ],
    ['GET', `${VMS}/web-01?${V}`, 401, 'AuthenticationFailed', { headers: { authorization: '' } }],
  ])('%s %s → %i %s', async (method, path, status, code, extra = {}) => {
    const res = await emulator.call(path, {
      method,
      headers: { ...auth, ...extra.headers },
      body: extra.body,
    });
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toEqual(expect.any(String));
    expect(res.text).not.toMatch(/\bat .+\.ts:\d+/); // no stack traces
  });

  it('lists the supported versions in InvalidApiVersionParameter, as ARM does', async () => {
    const res = await emulator.call(`${VMS}/web-01?api-version=2016-03-31`, { headers: auth });
    expect(res.json().error.message).toBe(
      "The api-version '2016-03-31' is invalid. The supported versions are " +
        "'2026-04-01,2025-11-01,2025-04-01,2024-11-01,2024-07-01,2024-03-01,2023-09-01,2023-07-01,2023-03-01," +
        '2022-11-01,2022-08-01,2022-03-01,2021-11-01,2021-07-01,2021-04-01,2021-03-01,2020-12-01,2020-06-01,' +
        '2019-12-01,2019-07-01,2019-03-01,2018-10-01,2018-06-01,2018-04-01,2017-12-01,2017-03-30,' +
        "2016-04-30-preview,2016-03-30,2015-06-15'.",
    );
    const groups = await emulator.call(`/subscriptions/${DEV}/resourcegroups?api-version=2014-04-01`, {
      headers: auth,
    });
    expect(groups.status).toBe(400);
    expect(groups.json().error).toEqual({
      code: 'InvalidApiVersionParameter',
      message: expect.stringMatching(
        /^The api-version '2014-04-01' is invalid\. The supported versions are '2025-04-01,.*,2015-11-01'\.$/,
      ),
    });
  });

  it('puts the Bearer challenge and rate-limit headers where ARM does', async () => {
    const unauthenticated = await emulator.call(`${VMS}/web-01?${V}`);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(unauthenticated.headers['x-ms-ratelimit-remaining-subscription-reads']).toBeUndefined();

    const ok = await emulator.call(`${VMS}/web-01?${V}`, {
      headers: { ...auth, 'x-ms-correlation-request-id': 'corr-1' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers['x-ms-ratelimit-remaining-subscription-reads']).toMatch(/^\d+$/);
    expect(ok.headers['x-ms-correlation-request-id']).toBe('corr-1');

    const tenant = await emulator.call('/subscriptions?api-version=2022-12-01', { headers: auth });
    expect(tenant.headers['x-ms-ratelimit-remaining-tenant-reads']).toMatch(/^\d+$/);
    const write = await emulator.call(`${VMS}/web-01/start?${V}`, { method: 'POST', headers: auth });
    expect(write.status).toBe(202);
    expect(write.headers['x-ms-ratelimit-remaining-subscription-writes']).toMatch(/^\d+$/);
  });

  it('rejects a body past 1 MiB with 413 in ARM shape', async () => {
    const res = await emulator.call(`${VMS}/web-01/start?${V}`, {
      method: 'POST',
      headers: auth,
      body: 'x'.repeat(1024 * 1024 + 10),
    });
    expect(res.status).toBe(413);
    expect(res.json().error.code).toBe('RequestEntityTooLarge');
  });

  it('reads paths and query parameter names without regard to case, as ARM does', async () => {
    const upper = `${VMS}/web-01`.toUpperCase();
    const res = await emulator.call(`${upper}?API-VERSION=2026-04-01&$EXPAND=instanceView`, {
      headers: auth,
    });
    expect(res.status).toBe(200);
    expect(res.json().properties.instanceView.statuses.map((s: { code: string }) => s.code)).toContain(
      'PowerState/running',
    );
    const list = await emulator.call(
      `/subscriptions/${DEV}/providers/Microsoft.Compute/virtualMachines?Api-Version=2026-04-01&StatusOnly=TRUE`,
      { headers: auth },
    );
    expect(list.status).toBe(200);
    expect(list.json().value[0].properties.instanceView).toBeDefined();
  });
});
