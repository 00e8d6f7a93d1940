import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Operation } from '../../../contract/operation.ts';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { startTestRedis, type TestRedis } from '../../support/redis.ts';
import {
  runServiceProcess,
  startServiceProcess,
  TEST_STATE_KEY,
  type ServiceProcess,
} from '../../support/service-process.ts';
import { apiClient, sleep } from '../http-client.ts';
import { DEV, vmId, vmPath } from '../fixtures.ts';

/**
 * Several real service processes on one real redis-server: what one instance accepted, another
 * answers, finishes and limits; restarts and a lost Redis lose nothing that was accepted.
 */
let emulator: TestEmulator;
let redis: TestRedis;
const running: ServiceProcess[] = [];

const sharedEnv = () => ({
  REDIS_URL: redis.url,
  STATE_ENCRYPTION_KEY: TEST_STATE_KEY,
  OPERATION_LEASE_MS: '1500',
});
const start = async (env: Record<string, string> = {}, options: { port?: number } = {}) => {
  const service = await startServiceProcess(emulator, { ...sharedEnv(), ...env }, options);
  running.push(service);
  return service;
};

beforeAll(async () => {
  // Transitions long enough to kill an instance mid-operation.
  emulator = await startTestEmulator({ transitionMs: 2500, lroRetryAfterSeconds: 0 });
  redis = await startTestRedis();
}, 30_000);
afterAll(async () => {
  await Promise.all(running.map((s) => s.kill()));
  await redis?.close();
  await emulator?.close();
});

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const finished = (url: string, token: string, id: string) =>
  waitFor(`operation ${id} to finish`, async () => {
    const res = await apiClient(url)(`/api/operations/${id}`, { token });
    if (res.status !== 200) return undefined;
    const operation = res.json<Operation>();
    return operation.status === 'InProgress' ? undefined : operation;
  });

describe('two instances on one Redis', () => {
  let a: ServiceProcess;
  let b: ServiceProcess;
  beforeAll(async () => {
    [a, b] = await Promise.all([start(), start()]);
  }, 40_000);

  it('an operation started on A is read on B', async () => {
    const token = await emulator.ssoToken('alice');
    const res = await apiClient(a.url)(`${vmPath(DEV, 'rg-web', 'web-02')}/start`, { method: 'POST', token });
    expect(res.status).toBe(202);
    const { operation } = res.json<{ operation: Operation }>();
    const onB = await apiClient(b.url)(`/api/operations/${operation.id}`, { token });
    expect(onB.status).toBe(200);
    expect(onB.json()).toMatchObject({ id: operation.id, status: 'InProgress' });
    expect(await finished(b.url, token, operation.id)).toMatchObject({ status: 'Succeeded' });
  }, 30_000);

  it('A is killed right after the 202: B takes the poll over and finishes the operation', async () => {
    const token = await emulator.ssoToken('alice');
    const res = await apiClient(a.url)(`${vmPath(DEV, 'rg-web', 'web-02')}/deallocate`, {
      method: 'POST',
      token,
    });
    expect(res.status).toBe(202);
    const { operation } = res.json<{ operation: Operation }>();
    await a.kill();
    const done = await finished(b.url, token, operation.id);
    expect(done).toMatchObject({ id: operation.id, status: 'Succeeded', finishedAt: expect.any(String) });
    const vm = await apiClient(b.url)(vmPath(DEV, 'rg-web', 'web-02'), { token });
    expect(vm.json().powerState).toBe('deallocated');
  }, 30_000);

  it('31 actions split across two instances: the 31st gets 429 (one budget, not one per instance)', async () => {
    const c = await start();
    const token = await emulator.ssoToken('dave');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const url = i % 2 === 0 ? b.url : c.url;
      // A VM that does not exist: ARM refuses, but the budget is spent before Azure is asked.
      const res = await apiClient(url)(`${vmPath(DEV, 'rg-web', `nope-${i}`)}/start`, {
        method: 'POST',
        token,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s !== 429)).toBe(true);
    expect(statuses[30]).toBe(429);
  }, 30_000);
});

describe('restarts', () => {
  it('a restarted service still answers (and finishes) an operation started before the restart', async () => {
    const first = await start();
    const token = await emulator.ssoToken('alice');
    const res = await apiClient(first.url)(`${vmPath(DEV, 'rg-web', 'web-02')}/start`, {
      method: 'POST',
      token,
    });
    expect(res.status).toBe(202);
    const { operation } = res.json<{ operation: Operation }>();
    await first.stop(); // graceful: the poll is handed over, not recorded as lost
    const port = Number(new URL(first.url).port);
    const again = await start({}, { port });
    expect(await finished(again.url, token, operation.id)).toMatchObject({ status: 'Succeeded' });
  }, 40_000);
});

describe('Redis availability', () => {
  it('unreachable at start: the service refuses to start and says why', async () => {
    const dead = await startTestRedis();
    await dead.kill();
    const result = await runServiceProcess(emulator, {
      REDIS_URL: dead.url,
      STATE_ENCRYPTION_KEY: TEST_STATE_KEY,
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('The VM service cannot start.');
    expect(result.output).toMatch(/REDIS_URL: Redis could not be reached/);
  }, 30_000);

  it('REDIS_URL without STATE_ENCRYPTION_KEY outside local mode: refuses to start (tokens are never stored in the clear)', async () => {
    const result = await runServiceProcess(emulator, {
      EMULATOR_URL: '',
      TENANT_ID: '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11',
      CLIENT_ID: '0d3f5c2a-8b6e-4f1d-9c7a-5e4b3a2f1d0c',
      CLIENT_SECRET: 'x',
      MicrosoftAppId: '5a1c0b7e-0000-4000-8000-00000000b0b0',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11',
      REDIS_URL: redis.url,
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/STATE_ENCRYPTION_KEY: is required with REDIS_URL/);
  }, 30_000);

  it('lost while running: 503 StateStoreUnavailable, the process stays up, and recovers when Redis returns', async () => {
    const own = await startTestRedis();
    const service = await start({ REDIS_URL: own.url });
    const token = await emulator.ssoToken('alice');
    const api = apiClient(service.url);
    expect((await api('/api/vms', { token })).status).toBe(200);
    await own.kill();
    const lost = await api('/api/vms', { token });
    expect(lost.status).toBe(503);
    expect(lost.json()).toEqual({ error: { code: 'StateStoreUnavailable', message: expect.any(String) } });
    expect(Number(lost.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await api('/api/health')).status).toBe(200);
    await own.restart();
    const back = await waitFor('the service to recover', async () => {
      const res = await api('/api/vms', { token });
      return res.status === 200 ? res : undefined;
    });
    expect(back.json().vms.length).toBeGreaterThan(0);
    expect(service.child.exitCode).toBeNull();
    await own.close();
  }, 40_000);
});

describe('bulk ids across instances', () => {
  it('a bulk request on one instance is visible per operation on another', async () => {
    const [x, y] = await Promise.all([start(), start()]);
    const token = await emulator.ssoToken('alice');
    const res = await apiClient(x.url)('/api/vms/actions', {
      method: 'POST',
      token,
      body: { action: 'restart', ids: [vmId(DEV, 'rg-web', 'web-01')] },
    });
    expect(res.status).toBe(202);
    const [item] = res.json<{ operations: Array<{ operation?: Operation }> }>().operations;
    expect(item?.operation).toBeDefined();
    expect(await finished(y.url, token, item!.operation!.id)).toMatchObject({ status: 'Succeeded' });
  }, 40_000);
});
