import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Operation } from '../../contract/operation.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { apiClient, sleep } from './http-client.ts';
import { DEV, OIDS, TENANT, vmId, vmPath } from './fixtures.ts';

interface ArmStats {
  readonly arm: { readonly read: number; readonly write: number };
}

const armStats = async (stack: Stack) => (await stack.emulator.call('/_emulator/stats')).json<ArmStats>().arm;

/** What any signed-in user can send: made-up ids, floods, slow Azure, tokens of a second tenant. */
describe('hostile use of the API (real service + emulator)', () => {
  describe('caller-supplied subscription ids', () => {
    let stack: Stack;
    let api: ReturnType<typeof apiClient>;
    beforeAll(async () => {
      // Budgets out of the way: this is about what each request costs, not how many pass.
      stack = await startStack({
        service: {
          readRateLimit: { capacity: 100_000, refillPerSecond: 1000 },
          rateLimit: { capacity: 100_000, refillPerSecond: 1000 },
        },
      });
      api = apiClient(stack.service.url);
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('a subscription the user cannot see is 404 before anything reaches ARM, however many ids are sent', async () => {
      const carol = await stack.ssoToken('carol'); // no role assignment anywhere
      expect((await api('/api/vms', { token: carol })).status).toBe(200); // her (empty) subscription list
      const before = await armStats(stack);
      for (let i = 0; i < 300; i++) {
        const res = await api(vmPath(randomUUID(), 'rg-a', 'vm-a'), { token: carol });
        expect(res.status).toBe(404);
        expect(res.json()).toEqual({ error: { code: 'NotFound', message: expect.any(String) } });
      }
      for (let i = 0; i < 50; i++) {
        const res = await api(`${vmPath(randomUUID(), 'rg-a', 'vm-a')}/start`, {
          method: 'POST',
          token: carol,
        });
        expect(res.status).toBe(404);
      }
      const bulk = await api('/api/vms/actions', {
        method: 'POST',
        token: carol,
        body: { action: 'start', ids: Array.from({ length: 20 }, () => vmId(randomUUID(), 'rg-a', 'vm-a')) },
      });
      expect(bulk.status).toBe(202);
      for (const item of bulk.json<{ operations: Array<{ error?: { code: string } }> }>().operations)
        expect(item.error?.code).toBe('NotFound');
      // Nothing was built or asked for those ids: not one ARM call.
      expect(await armStats(stack)).toEqual(before);
    });

    it('a visible subscription still goes to ARM as the user (bob, Reader on rg-web, cannot read sql-01)', async () => {
      const res = await api(vmPath(DEV, 'rg-data', 'sql-01'), { token: await stack.ssoToken('bob') });
      expect(res.status).toBe(403);
      expect(res.json().error.code).toBe('AuthorizationFailed');
    });
  });

  describe('per-user budgets (the defaults)', () => {
    let stack: Stack;
    let api: ReturnType<typeof apiClient>;
    beforeAll(async () => {
      stack = await startStack();
      api = apiClient(stack.service.url);
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('reads past the budget get 429 + Retry-After; another user is unaffected', async () => {
      const carol = await stack.ssoToken('carol');
      const statuses: number[] = [];
      let limited: Awaited<ReturnType<typeof api>> | undefined;
      for (let i = 0; i < 200 && !limited; i++) {
        const res = await api(vmPath(randomUUID(), 'rg-a', 'vm-a'), { token: carol });
        statuses.push(res.status);
        if (res.status === 429) limited = res;
      }
      expect(limited).toBeDefined();
      // Generous: the tab lists every 5–30 s; a burst of 120 passes.
      expect(statuses.filter((s) => s === 404).length).toBeGreaterThanOrEqual(120);
      expect(Number(limited!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited!.json().error).toEqual({
        code: 'TooManyRequests',
        message: expect.stringMatching(/^Too many requests; wait \d+ s before trying again\.$/),
        limit: 'reads',
      });
      expect((await api('/api/vms', { token: await stack.ssoToken('alice') })).status).toBe(200);
    });

    it('a bulk request of 50 VMs (the documented maximum) is admissible on a full bucket', async () => {
      const dave = await stack.ssoToken('dave');
      const ids = Array.from({ length: 50 }, (_, i) => vmId(DEV, 'rg-web', `nope-${i}`));
      const res = await api('/api/vms/actions', {
        method: 'POST',
        token: dave,
        body: { action: 'start', ids },
      });
      expect(res.status).toBe(202);
      expect(res.json().operations).toHaveLength(50);
      // …and it spent the bucket: the next action waits.
      const next = await api(`${vmPath(DEV, 'rg-web', 'web-02')}/start`, { method: 'POST', token: dave });
      expect(next.status).toBe(429);
      expect(next.json().error.limit).toBe('actions');
      await stack.service.app.operations.settled();
    });
  });

  describe('a deadline on every Azure call', () => {
    let stack: Stack;
    let api: ReturnType<typeof apiClient>;
    const faults = (body: Record<string, unknown>) =>
      stack.emulator.call('/_emulator/faults', { method: 'POST', body });
    beforeAll(async () => {
      stack = await startStack({ service: { deadlines: { requestMs: 700, operationMs: 60_000 } } });
      api = apiClient(stack.service.url);
    });
    afterAll(async () => {
      await faults({ target: 'arm', latencyMs: 0 });
      await stack?.close();
    });

    it('slow ARM → 503 AzureTimeout with Retry-After at the deadline, for reads and for accepting an action', async () => {
      const alice = await stack.ssoToken('alice');
      expect((await api('/api/vms', { token: alice })).status).toBe(200); // warm: OBO + subscriptions
      await faults({ target: 'arm', latencyMs: 5000 });
      try {
        for (const request of [
          () => api('/api/vms', { token: alice }),
          () => api(vmPath(DEV, 'rg-web', 'web-01'), { token: alice }),
          () => api(`${vmPath(DEV, 'rg-web', 'web-01')}/restart`, { method: 'POST', token: alice }),
        ]) {
          const started = Date.now();
          const res = await request();
          expect(Date.now() - started).toBeLessThan(3000);
          expect(res.status).toBe(503);
          expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
          expect(res.json()).toEqual({ error: { code: 'AzureTimeout', message: expect.any(String) } });
        }
      } finally {
        await faults({ target: 'arm', latencyMs: 0 });
      }
      // The process is fine and answers normally again.
      await sleep(100);
      expect((await api('/api/vms', { token: alice })).status).toBe(200);
    }, 30_000);
  });

  describe('two allowed tenants', () => {
    let stack: Stack;
    let api: ReturnType<typeof apiClient>;
    const FABRIKAM = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
    beforeAll(async () => {
      stack = await startStack({ service: { allowedTenants: [TENANT, FABRIKAM] } });
      api = apiClient(stack.service.url);
    });
    afterAll(async () => {
      await stack.service.app.operations.settled();
      await stack?.close();
    });

    it("a token of tenant B carrying tenant A's oid cannot read A's operation", async () => {
      const res = await api(`${vmPath(DEV, 'rg-web', 'web-02')}/start`, {
        method: 'POST',
        token: await stack.ssoToken('alice'),
      });
      expect(res.status).toBe(202);
      const { operation } = res.json<{ operation: Operation }>();
      expect(operation.requestedBy).toMatchObject({ oid: OIDS.alice, tid: TENANT });

      const sameOidOtherTenant = await stack.ssoToken('alice', { tenant: FABRIKAM });
      expect((await api('/api/me', { token: sameOidOtherTenant })).json()).toMatchObject({
        oid: OIDS.alice,
        tid: FABRIKAM,
      });
      const read = await api(`/api/operations/${operation.id}`, { token: sameOidOtherTenant });
      expect(read.status).toBe(404);
      expect(read.json().error.code).toBe('NotFound');
      // The requester still sees it.
      const own = await api(`/api/operations/${operation.id}`, { token: await stack.ssoToken('alice') });
      expect(own.status).toBe(200);
    });
  });
});
