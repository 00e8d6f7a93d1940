import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { callService } from '../../service/http-client.ts';
import type { Stack } from '../../support/stack.ts';
import type { TestConnector } from '../helpers/connector.ts';
import { startBotHarness, type BotHarness } from '../helpers/harness.ts';
import { adaptiveCardOf, cardText, TeamsClient } from '../helpers/teams.ts';

let harness: BotHarness;
let stack: Stack;
let connector: TestConnector;
let teams: TeamsClient;
let port: number;

beforeAll(async () => {
  harness = await startBotHarness();
  ({ stack, connector, teams } = harness);
  port = Number(new URL(stack.service.url).port);
});
afterAll(async () => {
  await harness?.close();
});

/**
 * Local mode's bot and dev chat are anonymous, so only this machine may reach them, by its own
 * name: a web page that rebinds its DNS name to 127.0.0.1 sends its own `Host`.
 */
describe('local mode answers only this machine', () => {
  it('binds loopback by default', () => {
    expect(stack.service.app.config.host).toBe('127.0.0.1');
    expect(stack.service.app.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it.each(['evil.example:PORT', 'evil.example', '127.0.0.1.evil.example:PORT', 'localhost:1', '127.1:PORT'])(
    'a Host of %s gets 403 from the dev chat and the bot endpoint (DNS rebinding)',
    async (hostTemplate) => {
      const host = hostTemplate.replace('PORT', String(port));
      const token = await callService(stack.service.url, '/dev/chat/api/token', {
        method: 'POST',
        headers: { host },
        body: { user: 'alice' },
      });
      expect(token.status).toBe(403);
      expect(token.json()).toEqual({ error: { code: 'Forbidden', message: expect.any(String) } });
      expect(token.text).not.toMatch(/eyJ/);

      const page = await callService(stack.service.url, '/dev/chat', { headers: { host } });
      expect(page.status).toBe(403);

      const conversation = teams.personal('alice');
      const calls = connector.calls.length;
      const message = await callService(stack.service.url, '/api/messages', {
        method: 'POST',
        headers: { host },
        body: teams.activity('alice', conversation, { type: 'message', text: 'help' }),
      });
      expect(message.status).toBe(403);
      expect(message.json().error.code).toBe('Forbidden');
      expect(connector.calls.length).toBe(calls);
    },
  );

  it.each(['localhost:PORT', '127.0.0.1:PORT', '[::1]:PORT'])(
    'a Host of %s is served',
    async (hostTemplate) => {
      const host = hostTemplate.replace('PORT', String(port));
      const token = await callService(stack.service.url, '/dev/chat/api/token', {
        method: 'POST',
        headers: { host },
        body: { user: 'alice' },
      });
      expect(token.status).toBe(200);
    },
  );

  it.each([
    'http://127.1:PORT/',
    'http://2130706433:PORT/',
    'http://0x7f.1:PORT/',
    'http://evil@127.0.0.1:PORT/',
    'http://127.0.0.1.evil.example:PORT/',
    'https://evil.example/',
  ])('refuses to reply to a serviceUrl of %s (only exact loopback names)', async (template) => {
    const serviceUrl = template.replace('PORT', String(port));
    const conversation = teams.personal('alice');
    const calls = connector.calls.length;
    const res = await teams.post({
      ...teams.activity('alice', conversation, { type: 'message', text: 'help' }),
      serviceUrl,
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'BadRequest', message: expect.stringMatching(/loopback/) } });
    expect(connector.calls.length).toBe(calls);
  });

  it('still talks to a local connector', async () => {
    const conversation = teams.personal('alice');
    const res = await teams.message('alice', conversation, 'help');
    expect(res.status).toBe(200);
    const reply = await connector.waitFor((call) => call.conversationId === conversation.id);
    expect(cardText(adaptiveCardOf(reply))).toMatch(/list/i);
  });
});
