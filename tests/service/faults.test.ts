import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack } from '../support/stack.ts';
import { apiClient } from './http-client.ts';
import { DEV, vmPath } from './fixtures.ts';

/** Upstream failures, injected in the emulator: the service answers 503/429 in its own shape, never 500. */
describe('Entra and ARM failures', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiClient>;

  const faults = (body: Record<string, unknown>) =>
    stack.emulator.call('/_emulator/faults', { method: 'POST', body });
  const clearFaults = async () => {
    await faults({ target: 'entra', count: 0 });
    await faults({ target: 'arm', count: 0 });
  };

  beforeAll(async () => {
    stack = await startStack();
    api = apiClient(stack.service.url);
    // Warm the JWKS so the faults below hit the token exchange, not key discovery.
    expect((await api('/api/me', { token: await stack.ssoToken('carol') })).status).toBe(200);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('Entra answering 503 (more times than the SDK retries) → 503 EntraUnavailable', async () => {
    const token = await stack.ssoToken('alice');
    await faults({ target: 'entra', status: 503, count: 50, retryAfterSeconds: 0 });
    try {
      const res = await api('/api/vms', { token });
      expect(res.status).toBe(503);
      expect(res.json().error).toEqual({ code: 'EntraUnavailable', message: expect.any(String) });
      // Entra sends no Retry-After to confidential clients; the service still tells callers when to retry.
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await clearFaults();
    }
    // Recovers once Entra does.
    expect((await api('/api/vms', { token })).status).toBe(200);
  }, 60_000);

  it('ARM throttling once → the SDK honours Retry-After and the request succeeds transparently', async () => {
    const token = await stack.ssoToken('alice');
    expect((await api('/api/vms', { token })).status).toBe(200); // warm: OBO done
    await faults({ target: 'arm', status: 429, count: 1, retryAfterSeconds: 0 });
    const before = (await stack.emulator.call('/_emulator/stats')).json().arm.read;
    const res = await api('/api/vms', { token });
    expect(res.status).toBe(200);
    expect(res.json().vms).toHaveLength(4);
    const after = (await stack.emulator.call('/_emulator/stats')).json().arm.read;
    expect(after).toBeGreaterThan(before);
    await clearFaults();
  }, 30_000);

  it('ARM throttling beyond the SDK retries → 429 TooManyRequests with Retry-After', async () => {
    const token = await stack.ssoToken('alice');
    expect((await api('/api/vms', { token })).status).toBe(200);
    await faults({ target: 'arm', status: 429, count: 50 });
    try {
      const res = await api(vmPath(DEV, 'rg-web', 'web-01'), { token });
      expect(res.status).toBe(429);
      expect(res.json().error.code).toBe('TooManyRequests');
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await clearFaults();
    }
  }, 60_000);

  it('ARM answering 500s: a failing subscription is reported in errors, a failing read is 503 AzureUnavailable', async () => {
    const token = await stack.ssoToken('alice');
    expect((await api('/api/vms', { token })).status).toBe(200); // subscriptions now known (cached briefly)
    await faults({ target: 'arm', status: 500, count: 50 });
    try {
      const list = await api('/api/vms', { token });
      expect(list.status).toBe(200);
      expect(list.json()).toEqual({
        vms: [],
        errors: [
          {
            subscriptionId: DEV,
            subscriptionName: 'Contoso Dev',
            code: 'AzureUnavailable',
            armCode: 'InternalServerError',
            details: { armCode: 'InternalServerError' },
            message: expect.any(String),
          },
        ],
      });
      const one = await api(vmPath(DEV, 'rg-web', 'web-01'), { token });
      expect(one.status).toBe(503);
      expect(one.json().error.code).toBe('AzureUnavailable');
    } finally {
      await clearFaults();
    }
  }, 60_000);

  it('ARM failing on the subscription list itself → 503 AzureUnavailable for the whole listing', async () => {
    const token = await stack.ssoToken('dave');
    expect((await api('/api/me', { token })).status).toBe(200);
    await faults({ target: 'arm', status: 503, count: 50, retryAfterSeconds: 0 });
    try {
      const res = await api('/api/vms', { token });
      expect(res.status).toBe(503);
      expect(res.json().error.code).toBe('AzureUnavailable');
    } finally {
      await clearFaults();
    }
  }, 60_000);

  it('the emulator stopped (Entra and ARM unreachable) → 503 (or per-subscription errors), never 500', async () => {
    const fresh = await stack.ssoToken('bob');
    const warm = await stack.ssoToken('alice');
    expect((await api('/api/vms', { token: warm })).status).toBe(200);
    await stack.emulator.close();
    const exchange = await api('/api/vms', { token: fresh });
    expect(exchange.status).toBe(503);
    expect(exchange.json().error.code).toBe('EntraUnavailable');
    const list = await api('/api/vms', { token: warm });
    expect(list.status).toBe(200);
    expect(list.json().errors).toEqual([
      {
        subscriptionId: DEV,
        subscriptionName: 'Contoso Dev',
        code: 'AzureUnavailable',
        message: expect.any(String),
      },
    ]);
    const one = await api(vmPath(DEV, 'rg-web', 'web-01'), { token: warm });
    expect(one.status).toBe(503);
    expect(one.json().error.code).toBe('AzureUnavailable');
  }, 90_000);
});
