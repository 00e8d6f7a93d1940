import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../../src/logging.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { apiClient, sleep } from './http-client.ts';
import { DEV, OIDS, vmId, vmPath } from './fixtures.ts';

describe('request logs', () => {
  let stack: Stack;
  const lines: string[] = [];

  beforeAll(async () => {
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => void lines.push(line) },
    });
    stack = await startStack({ deps: { logger } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('one structured line per request with request id, user oid, action and VM id — never a token or secret', async () => {
    const api = apiClient(stack.service.url);
    const alice = await stack.ssoToken('alice');
    const erin = await stack.ssoToken('erin');
    const forged = `${alice.slice(0, -8)}AAAAAAAA`;
    await api('/api/vms', { token: alice });
    const started = await api(`${vmPath(DEV, 'rg-web', 'web-01')}/restart`, {
      method: 'POST',
      token: alice,
      headers: { 'x-request-id': 'req-123' },
    });
    expect(started.status).toBe(202);
    await api('/api/vms', { token: erin });
    await api('/api/me', { token: forged });
    await api('/api/vms', { headers: { authorization: 'Basic c2VjcmV0OnNlY3JldA==' } });
    await stack.service.app.operations.settled();
    await sleep(50);

    const all = lines.join('');
    for (const token of [alice, erin, forged]) {
      for (const part of token.split('.')) if (part.length > 10) expect(all).not.toContain(part);
    }
    expect(all).not.toContain('local-dev-secret-not-for-production');
    expect(all).not.toContain('c2VjcmV0OnNlY3JldA==');

    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const action = records.find((r) => r.msg === 'request' && r.reqId === 'req-123');
    expect(action).toMatchObject({
      method: 'POST',
      status: 202,
      userOid: OIDS.alice,
      action: 'restart',
      vmId: vmId(DEV, 'rg-web', 'web-01'),
      operationId: expect.any(String),
      ms: expect.any(Number),
    });
    const finished = records.find((r) => r.msg === 'operation finished');
    expect(finished).toMatchObject({ action: 'restart', status: 'Succeeded', userOid: OIDS.alice });
    const consent = records.find((r) => r.msg === 'request' && r.status === 403);
    expect(consent).toMatchObject({ userOid: OIDS.erin, path: '/api/vms' });
    expect(records.filter((r) => r.msg === 'request' && r.status === 401)).toHaveLength(2);
  });
});
