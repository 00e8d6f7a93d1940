import { describe, expect, it, jest } from '@jest/globals';
import { createApiClient, MAX_BULK, type TokenSource } from '../../../tab/src/api/client.ts';
import { ApiError, isApiError } from '../../../tab/src/api/errors.ts';
import { apiPaths, parseVmId } from '../../../contract/index.ts';
import { aliceVms, DEV } from '../support/fixtures.ts';

type Call = { url: string; init: RequestInit };
function stubFetch(...replies: Array<Response | Error>) {
  const calls: Call[] = [];
  const fetch = jest.fn(async (url: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    const reply = replies.shift();
    if (!reply) throw new Error('unexpected call');
    if (reply instanceof Error) throw reply;
    return reply;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
function tokens(...values: string[]) {
  const getToken = jest.fn(async (_options?: { forceRefresh?: boolean }) => values.shift() ?? 'last');
  return { getToken } satisfies TokenSource;
}

describe('api client', () => {
  it('sends the Bearer token and parses the VM list', async () => {
    const { fetch, calls } = stubFetch(json(200, { vms: aliceVms(), errors: [] }));
    const api = createApiClient({ tokens: tokens('t1'), fetch, baseUrl: 'https://svc' });
    const list = await api.listVms();
    expect(list.vms).toHaveLength(4);
    expect(calls[0]!.url).toBe('https://svc/api/vms');
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer t1');
  });

  it('re-acquires the token once, silently, after a 401', async () => {
    const { fetch, calls } = stubFetch(
      json(401, { error: { code: 'InvalidToken', message: 'expired' } }),
      json(200, { name: 'Alice' }),
    );
    const source = tokens('old', 'new');
    const me = await createApiClient({ tokens: source, fetch }).me();
    expect(me).toEqual({ name: 'Alice' });
    expect(source.getToken.mock.calls.map((c) => c[0])).toEqual([
      { forceRefresh: false },
      { forceRefresh: true },
    ]);
    expect((calls[1]!.init.headers as Record<string, string>).authorization).toBe('Bearer new');
  });

  it('turns auto-shutdown off with a DELETE, re-acquiring the token once after a 401', async () => {
    const ref = { subscriptionId: 'sub', resourceGroup: 'rg', name: 'web-01' };
    const { fetch, calls } = stubFetch(
      json(401, { error: { code: 'InvalidToken', message: 'expired' } }),
      new Response(null, { status: 204 }),
    );
    const source = tokens('old', 'new');
    await expect(createApiClient({ tokens: source, fetch }).removeAutoShutdown(ref)).resolves.toBeUndefined();
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['DELETE', apiPaths.autoShutdown(ref)],
      ['DELETE', apiPaths.autoShutdown(ref)],
    ]);
    expect((calls[1]!.init.headers as Record<string, string>).authorization).toBe('Bearer new');
    const { fetch: refusing } = stubFetch(
      json(401, { error: { code: 'InvalidToken', message: 'bad' } }),
      json(401, { error: { code: 'InvalidToken', message: 'still bad' } }),
    );
    await expect(
      createApiClient({ tokens: tokens(), fetch: refusing }).removeAutoShutdown(ref),
    ).rejects.toMatchObject({
      code: 'InvalidToken',
      status: 401,
      message: 'still bad',
    });
  });

  it('gives up after the second 401', async () => {
    const { fetch } = stubFetch(
      json(401, { error: { code: 'InvalidToken', message: 'bad' } }),
      json(401, { error: { code: 'InvalidToken', message: 'still bad' } }),
    );
    await expect(createApiClient({ tokens: tokens(), fetch }).me()).rejects.toMatchObject({
      code: 'InvalidToken',
      status: 401,
      message: 'still bad',
    });
  });

  it('turns ConsentRequired into a typed error carrying the scopes', async () => {
    const scopes = ['https://management.azure.com/user_impersonation'];
    const { fetch } = stubFetch(
      json(403, { error: { code: 'ConsentRequired', message: 'Consent needed', scopes } }),
    );
    const error = await createApiClient({ tokens: tokens(), fetch })
      .listVms()
      .catch((e: unknown) => e);
    expect(isApiError(error, 'ConsentRequired')).toBe(true);
    expect(error).toMatchObject({ status: 403, scopes });
  });

  it('keeps Retry-After and maps bodies that are not the agreed shape by status', async () => {
    const { fetch } = stubFetch(
      new Response('busy', { status: 429, headers: { 'retry-after': '7' } }),
      new Response('<html>', { status: 502 }),
    );
    const api = createApiClient({ tokens: tokens(), fetch });
    await expect(api.listVms()).rejects.toMatchObject({
      code: 'TooManyRequests',
      retryAfter: 7,
      message: expect.stringMatching(/Too many requests/),
    });
    await expect(api.listVms()).rejects.toMatchObject({ code: 'InternalError', status: 502 });
  });

  it('reports an unreachable service as NetworkError', async () => {
    const { fetch } = stubFetch(new TypeError('fetch failed'));
    await expect(createApiClient({ tokens: tokens(), fetch }).listVms()).rejects.toMatchObject({
      code: 'NetworkError',
      status: 0,
    });
  });

  it('passes token source failures through untouched', async () => {
    const failing: TokenSource = {
      getToken: async () => Promise.reject(new ApiError('SignInRequired', 'Sign in', { status: 401 })),
    };
    const { fetch, calls } = stubFetch();
    await expect(createApiClient({ tokens: failing, fetch }).me()).rejects.toMatchObject({
      code: 'SignInRequired',
    });
    expect(calls).toHaveLength(0);
  });

  it('rejects a list without a vms array', async () => {
    const { fetch } = stubFetch(json(200, { items: [] }));
    await expect(createApiClient({ tokens: tokens(), fetch }).listVms()).rejects.toMatchObject({
      code: 'InvalidResponse',
    });
  });

  it('posts single and bulk actions to the agreed routes', async () => {
    const vm = aliceVms()[1]!;
    const operation = { id: 'op-1', vmId: vm.id };
    const { fetch, calls } = stubFetch(
      json(202, { operation }),
      json(202, { operations: [{ vmId: vm.id, operation }] }),
      json(200, operation),
    );
    const api = createApiClient({ tokens: tokens(), fetch });
    expect(await api.act(vm, 'start')).toEqual(operation);
    expect(await api.actMany('deallocate', [vm.id])).toEqual([{ vmId: vm.id, operation }]);
    expect(await api.getOperation('op/1')).toEqual(operation);
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['POST', `/api/vms/${DEV}/rg-web/web-02/start`],
      ['POST', '/api/vms/actions'],
      ['GET', '/api/operations/op%2F1'],
    ]);
    expect(JSON.parse(calls[1]!.init.body as string)).toEqual({ action: 'deallocate', ids: [vm.id] });
    await expect(
      api.actMany(
        'start',
        Array.from({ length: MAX_BULK + 1 }, () => vm.id),
      ),
    ).rejects.toMatchObject({ code: 'BadRequest' });
  });
});

describe('vm paths', () => {
  it('encodes segments and parses ARM ids case-insensitively', () => {
    expect(apiPaths.vm({ subscriptionId: DEV, resourceGroup: 'rg (x)', name: 'a/b' })).toBe(
      `/api/vms/${DEV}/rg%20(x)/a%2Fb`,
    );
    // The tab parses VM ids with the same rules as the service: no name ARM would never issue.
    expect(
      parseVmId(`/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/..`),
    ).toBeUndefined();
    expect(
      parseVmId(
        `/SUBSCRIPTIONS/${DEV}/resourcegroups/rg-web/providers/microsoft.compute/virtualmachines/web-01`,
      ),
    ).toEqual({ subscriptionId: DEV, resourceGroup: 'rg-web', name: 'web-01' });
    expect(parseVmId('/subscriptions/x/resourceGroups/y')).toBeUndefined();
  });
});
