import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Operation } from '../../contract/operation.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { apiClient, sleep } from './http-client.ts';
import { DEV, vmPath } from './fixtures.ts';

let stack: Stack;
beforeAll(async () => {
  // A power transition that outlives the test: only shutdown can end the polling.
  stack = await startStack({ emulator: { transitionMs: 120_000 } });
});
afterAll(async () => {
  await stack?.emulator.close();
});

const armReads = async () =>
  (await stack.emulator.call('/_emulator/stats')).json<{ arm: { read: number } }>().arm.read;

it('close() stops accepting, aborts background polling and settles operations, within its bound', async () => {
  const api = apiClient(stack.service.url);
  const res = await api(`${vmPath(DEV, 'rg-web', 'web-02')}/start`, {
    method: 'POST',
    token: await stack.ssoToken('alice'),
  });
  expect(res.status).toBe(202);
  const { operation } = res.json<{ operation: Operation }>();
  const finished: Operation[] = [];
  stack.service.app.operations.onFinished((o) => finished.push(o));
  await sleep(300); // a poll or two

  const started = Date.now();
  await stack.service.app.close();
  expect(Date.now() - started).toBeLessThan(4000);
  // The operation ended as abandoned (not left InProgress forever, not reported as Azure's failure).
  expect(finished).toEqual([
    expect.objectContaining({
      id: operation.id,
      status: 'Failed',
      error: expect.objectContaining({ code: 'OperationLost' }),
    }),
  ]);
  // Nothing polls Azure any more.
  const reads = await armReads();
  await sleep(1500);
  expect(await armReads()).toBe(reads);
  // And nothing is accepted.
  await expect(api('/api/health')).rejects.toThrow();
});
