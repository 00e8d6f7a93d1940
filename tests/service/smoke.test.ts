import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack } from '../support/stack.ts';

describe('smoke', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('lists', async () => {
    const token = await stack.ssoToken('alice');
    const me = await fetch(`${stack.service.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    console.log(me.status, await me.text());
    const vms = await fetch(`${stack.service.url}/api/vms`, { headers: { authorization: `Bearer ${token}` } });
    console.log(vms.status, JSON.stringify(await vms.json(), null, 1).slice(0, 3000));
    const bob = await stack.ssoToken('bob');
    const b = await fetch(`${stack.service.url}/api/vms`, { headers: { authorization: `Bearer ${bob}` } });
    console.log(b.status, JSON.stringify(await b.json()));
    const erin = await stack.ssoToken('erin');
    const e = await fetch(`${stack.service.url}/api/vms`, { headers: { authorization: `Bearer ${erin}` } });
    console.log(e.status, JSON.stringify(await e.json()));
    const s = await stack.emulator.call('/_emulator/stats');
    console.log(s.text);
    expect(me.status).toBe(200);
  });
});
