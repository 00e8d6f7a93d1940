import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Operation } from '../../contract/operation.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { apiClient, sleep } from './http-client.ts';
import { DEV, OIDS, TENANT, vmId, vmPath } from './fixtures.ts';

describe('VM API: actions and operations (real service + emulator + SDKs)', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiClient>;
  const tokens = {} as Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin', string>;
  const finished: Operation[] = [];

  beforeAll(async () => {
    stack = await startStack({ service: { rateLimit: { capacity: 1000, refillPerSecond: 100 } } });
    api = apiClient(stack.service.url);
    for (const user of ['alice', 'bob', 'carol', 'dave', 'erin'] as const)
      tokens[user] = await stack.ssoToken(user);
    stack.service.app.operations.onFinished((operation) => finished.push(operation));
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function waitForOperation(location: string, token: string): Promise<Operation> {
    for (let i = 0; i < 100; i++) {
      const res = await api(location, { token });
      expect(res.status).toBe(200);
      const operation = res.json<Operation>();
      if (operation.status !== 'InProgress') return operation;
      await sleep(50);
    }
    throw new Error('operation did not finish');
  }

  it('bob starts web-02: 202 + Location at once, the operation succeeds, the VM is running, listeners hear it', async () => {
    const started = Date.now();
    const res = await api(`${vmPath(DEV, 'rg-web', 'web-02')}/start`, { method: 'POST', token: tokens.bob });
    expect(res.status).toBe(202);
    const { operation } = res.json<{ operation: Operation }>();
    expect(operation).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      vmId: vmId(DEV, 'rg-web', 'web-02'),
      vmName: 'web-02',
      action: 'start',
      status: 'InProgress',
      requestedBy: { oid: OIDS.bob, tid: TENANT, name: 'Bob Martin', upn: 'bob@contoso.onmicrosoft.com' },
      startedAt: expect.any(String),
    });
    expect(res.headers.location).toBe(`/api/operations/${operation.id}`);
    // Answered as soon as ARM accepted — well before the emulator's 300 ms transition ends.
    expect(Date.now() - started).toBeLessThan(1000);

    const done = await waitForOperation(res.headers.location as string, tokens.bob);
    expect(done).toMatchObject({ id: operation.id, status: 'Succeeded', finishedAt: expect.any(String) });
    expect(done.error).toBeUndefined();

    const vm = await api(vmPath(DEV, 'rg-web', 'web-02'), { token: tokens.bob });
    expect(vm.json().powerState).toBe('running');
    expect(finished.filter((o) => o.id === operation.id)).toEqual([done]);
  });

  it('operations are invisible to other users (404), visible to their owner', async () => {
    const res = await api(`${vmPath(DEV, 'rg-data', 'sql-01')}/start`, {
      method: 'POST',
      token: tokens.alice,
    });
    expect(res.status).toBe(202);
    const location = res.headers.location as string;
    expect((await api(location, { token: tokens.bob })).status).toBe(404);
    expect((await api(location, { token: tokens.carol })).json()).toEqual({
      error: { code: 'NotFound', message: 'No such operation.' },
    });
    expect((await waitForOperation(location, tokens.alice)).status).toBe('Succeeded');
  });

  it('an unknown operation id → 404; a malformed one → 400', async () => {
    expect(
      (await api('/api/operations/00000000-0000-4000-8000-000000000000', { token: tokens.alice })).status,
    ).toBe(404);
    expect((await api('/api/operations/not-an-id', { token: tokens.alice })).status).toBe(400);
  });

  it('bob cannot start web-01 (Reader) → 403 AuthorizationFailed with ARM’s message', async () => {
    const res = await api(`${vmPath(DEV, 'rg-web', 'web-01')}/start`, { method: 'POST', token: tokens.bob });
    expect(res.status).toBe(403);
    const { error } = res.json();
    expect(error.code).toBe('AuthorizationFailed');
    expect(error.message).toBe(
      `The client 'bob@contoso.onmicrosoft.com' with object id '${OIDS.bob}' does not have authorization to perform action ` +
        `'Microsoft.Compute/virtualMachines/start/action' over scope '${vmId(DEV, 'rg-web', 'web-01')}' or the scope is invalid. ` +
        'If access was recently granted, please refresh your credentials.',
    );
  });

  it('erin → 403 ConsentRequired on actions too', async () => {
    const res = await api(`${vmPath(DEV, 'rg-web', 'web-01')}/restart`, {
      method: 'POST',
      token: tokens.erin,
    });
    expect(res.status).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'ConsentRequired',
      scopes: ['https://management.azure.com/user_impersonation'],
    });
  });

  it('an action on a missing VM → 404', async () => {
    const res = await api(`${vmPath(DEV, 'rg-web', 'nope-01')}/start`, {
      method: 'POST',
      token: tokens.alice,
    });
    expect(res.status).toBe(404);
    expect(res.json().error.code).toBe('NotFound');
  });

  it('an unknown action → 400', async () => {
    const res = await api(`${vmPath(DEV, 'rg-web', 'web-01')}/delete`, {
      method: 'POST',
      token: tokens.alice,
    });
    expect(res.status).toBe(400);
    expect(res.json().error).toEqual({ code: 'BadRequest', message: expect.stringContaining('action') });
  });

  it('deallocate, powerOff and restart run to completion with the right power states', async () => {
    const run = async (action: string) => {
      const res = await api(`${vmPath(DEV, 'rg-data', 'build-agent-01')}/${action}`, {
        method: 'POST',
        token: tokens.alice,
      });
      expect(res.status).toBe(202);
      expect((await waitForOperation(res.headers.location as string, tokens.alice)).status).toBe('Succeeded');
      return (await api(vmPath(DEV, 'rg-data', 'build-agent-01'), { token: tokens.alice })).json().powerState;
    };
    expect(await run('powerOff')).toBe('stopped');
    expect(await run('start')).toBe('running');
    expect(await run('restart')).toBe('running');
    expect(await run('deallocate')).toBe('deallocated');
  });

  it('an operation Azure fails ends Failed with ARM’s code and reason, and the VM keeps its state', async () => {
    const before = (await api(vmPath(DEV, 'rg-web', 'web-01'), { token: tokens.alice })).json().powerState;
    const injected = await stack.emulator.call('/_emulator/faults', {
      method: 'POST',
      body: {
        operationFailure: {
          vm: 'web-01',
          action: 'deallocate',
          code: 'InternalExecutionError',
          message: 'An internal execution error occurred.',
        },
      },
    });
    expect(injected.status).toBe(200);
    const res = await api(`${vmPath(DEV, 'rg-web', 'web-01')}/deallocate`, {
      method: 'POST',
      token: tokens.alice,
    });
    expect(res.status).toBe(202);
    const done = await waitForOperation(res.headers.location as string, tokens.alice);
    expect(done).toMatchObject({
      status: 'Failed',
      // The code is the contract's; ARM's own code travels beside it.
      error: {
        code: 'OperationFailed',
        armCode: 'InternalExecutionError',
        message: 'An internal execution error occurred.',
      },
      finishedAt: expect.any(String),
    });
    expect(finished.find((o) => o.id === done.id)?.error?.armCode).toBe('InternalExecutionError');
    const vm = await api(vmPath(DEV, 'rg-web', 'web-01'), { token: tokens.alice });
    expect(vm.json()).toMatchObject({ powerState: before, provisioningState: 'Failed' });
  });

  it('bulk: per-item results, including ARM refusals, bad ids and duplicates', async () => {
    const ids = [
      vmId(DEV, 'rg-web', 'web-02'),
      vmId(DEV, 'rg-web', 'web-01'),
      '/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm',
      vmId(DEV, 'rg-web', 'WEB-02'),
    ];
    const res = await api('/api/vms/actions', {
      method: 'POST',
      token: tokens.bob,
      body: { action: 'restart', ids },
    });
    expect(res.status).toBe(202);
    const { operations } = res.json();
    expect(operations).toHaveLength(4);
    expect(operations[0]).toMatchObject({
      vmId: ids[0],
      operation: { action: 'restart', status: 'InProgress', vmName: 'web-02' },
    });
    expect(operations[1]).toEqual({
      vmId: ids[1],
      error: {
        code: 'AuthorizationFailed',
        armCode: 'AuthorizationFailed',
        details: { armCode: 'AuthorizationFailed' },
        message: expect.stringContaining('restart/action'),
      },
    });
    expect(operations[2]).toEqual({
      vmId: ids[2],
      error: { code: 'BadRequest', message: expect.any(String) },
    });
    expect(operations[3]).toEqual({
      vmId: ids[3],
      error: { code: 'BadRequest', message: expect.stringContaining('more than once') },
    });
    const done = await waitForOperation(`/api/operations/${operations[0].operation.id}`, tokens.bob);
    expect(done.status).toBe('Succeeded');
  });

  it('bulk validation: action, ids, size limits, JSON, media type', async () => {
    const post = (body: unknown, headers?: Record<string, string>) =>
      api('/api/vms/actions', { method: 'POST', token: tokens.alice, body, ...(headers ? { headers } : {}) });
    expect((await post({ action: 'explode', ids: [vmId(DEV, 'rg-web', 'web-01')] })).status).toBe(400);
    expect((await post({ action: 'start', ids: [] })).json().error.message).toMatch(/ids/);
    expect((await post({ action: 'start' })).status).toBe(400);
    const tooMany = Array.from({ length: 51 }, (_, i) => vmId(DEV, 'rg-web', `vm-${i}`));
    const res = await post({ action: 'start', ids: tooMany });
    expect(res.status).toBe(400);
    expect(res.json().error.message).toMatch(/at most 50/);
    const broken = await api('/api/vms/actions', {
      method: 'POST',
      token: tokens.alice,
      rawBody: '{"action":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.json().error).toEqual({
      code: 'BadRequest',
      message: 'The request body is not valid JSON.',
    });
    const text = await api('/api/vms/actions', {
      method: 'POST',
      token: tokens.alice,
      rawBody: 'hi',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(text.json().error.code).toBe('UnsupportedMediaType');
  });

  it('bodies over the limit → 413 PayloadTooLarge in our error shape (declared or streamed)', async () => {
    const big = JSON.stringify({ action: 'start', ids: ['x'.repeat(70 * 1024)] });
    const declared = await api('/api/vms/actions', {
      method: 'POST',
      token: tokens.alice,
      rawBody: big,
      headers: { 'content-type': 'application/json' },
    });
    expect(declared.status).toBe(413);
    expect(declared.json().error.code).toBe('PayloadTooLarge');
    const chunked = await api('/api/vms/actions', {
      method: 'POST',
      token: tokens.alice,
      rawBody: big,
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    expect(chunked.status).toBe(413);
    expect(chunked.json().error.code).toBe('PayloadTooLarge');
  });

  it('no token → 401 before anything else happens', async () => {
    const res = await api(`${vmPath(DEV, 'rg-web', 'web-01')}/start`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  });
});

describe('per-user rate limit on mutating calls', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ service: { rateLimit: { capacity: 2, refillPerSecond: 0.1 } } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('429 + Retry-After once the burst is spent; other users are unaffected; reads have their own budget', async () => {
    const api = apiClient(stack.service.url);
    const alice = await stack.ssoToken('alice');
    const dave = await stack.ssoToken('dave');
    const start = () => api(`${vmPath(DEV, 'rg-web', 'web-02')}/start`, { method: 'POST', token: alice });
    expect((await start()).status).toBe(202);
    expect((await start()).status).toBe(202);
    const limited = await start();
    expect(limited.status).toBe(429);
    expect(limited.json().error.code).toBe('TooManyRequests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await api('/api/vms', { token: alice })).status).toBe(200);
    const bulk = await api('/api/vms/actions', {
      method: 'POST',
      token: dave,
      body: {
        action: 'start',
        ids: [vmId(DEV, 'rg-web', 'web-01'), vmId(DEV, 'rg-web', 'web-02'), vmId(DEV, 'rg-data', 'sql-01')],
      },
    });
    // A bulk request never costs more than a full bucket: admissible on a full bucket, then 429.
    expect(bulk.status).toBe(202);
    const again = await api('/api/vms/actions', {
      method: 'POST',
      token: dave,
      body: { action: 'start', ids: [vmId(DEV, 'rg-web', 'web-01')] },
    });
    expect(again.status).toBe(429);
    expect(again.json().error).toEqual({
      code: 'TooManyRequests',
      message: expect.stringMatching(/^Too many VM actions; wait \d+ s before trying again\.$/),
      limit: 'actions',
    });
    await stack.service.app.operations.settled();
  });
});
