import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import { startTestRedis, type TestRedis } from '../../support/redis.ts';
import { startServiceProcess, TEST_STATE_KEY, type ServiceProcess } from '../../support/service-process.ts';
import type { Stack } from '../../support/stack.ts';
import { startTestConnector, type TestConnector } from '../helpers/connector.ts';
import { adaptiveCardOf, cardText, oauthCardOf, TeamsClient, type SeedUser } from '../helpers/teams.ts';

/**
 * The bot on two real service processes sharing one redis-server: Teams may deliver the same token
 * exchange to both; an operation's progress card is updated by whichever instance finishes it.
 */
let emulator: TestEmulator;
let redis: TestRedis;
let connector: TestConnector;
let a: ServiceProcess;
let b: ServiceProcess;
let viaA: TeamsClient;
let viaB: TeamsClient;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  emulator = await startTestEmulator({ transitionMs: 2500, lroRetryAfterSeconds: 0 });
  redis = await startTestRedis();
  connector = await startTestConnector();
  const env = { REDIS_URL: redis.url, STATE_ENCRYPTION_KEY: TEST_STATE_KEY, OPERATION_LEASE_MS: '1500' };
  [a, b] = await Promise.all([startServiceProcess(emulator, env), startServiceProcess(emulator, env)]);
  const config = (await emulator.call('/_emulator/config')).json<{ tenantId: string; users: SeedUser[] }>();
  const client = (service: ServiceProcess) =>
    new TeamsClient(
      {
        service: { url: service.url },
        emulator,
        ssoToken: (user: string) => emulator.ssoToken(user),
      } as unknown as Stack,
      connector,
      config.tenantId,
      config.users,
    );
  viaA = client(a);
  viaB = client(b);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.kill(), b?.kill()]);
  await connector?.close();
  await redis?.close();
  await emulator?.close();
});

describe('the bot on two instances', () => {
  it('the same token exchange delivered to A and B yields one reply', async () => {
    const conversation = viaA.personal('alice');
    await viaA.message('alice', conversation, 'list');
    const prompt = await connector.waitFor(
      (c) => c.conversationId === conversation.id && c.method === 'send',
    );
    const card = oauthCardOf(prompt);
    expect(card).toBeDefined();
    const token = await emulator.ssoToken('alice');
    const id = card.tokenExchangeResource.id as string;
    const [onA, onB] = await Promise.all([
      viaA.tokenExchange('alice', conversation, id, token),
      viaB.tokenExchange('alice', conversation, id, token),
    ]);
    expect([onA.status, onB.status]).toEqual([200, 200]);
    await connector.waitFor((c) => c.conversationId === conversation.id && adaptiveCardOf(c) !== undefined);
    await sleep(1500); // time for a second, wrong reply to arrive
    const replies = connector.sent(conversation.id).filter((c) => adaptiveCardOf(c) !== undefined);
    expect(replies).toHaveLength(1);
    expect(cardText(adaptiveCardOf(replies[0]!))).toContain('web-01');
  }, 30_000);

  it('A dies after posting a progress card: B finishes the operation and updates that card, once', async () => {
    const conversation = viaA.personal('bob');
    const posted = await viaA.signInWith('bob', conversation, 'start web-02');
    expect(cardText(adaptiveCardOf(posted))).toMatch(/Starting web-02/);
    await sleep(300); // A records the card to update right after posting it
    await a.kill();
    const update = await connector.waitFor(
      (c) =>
        c.method === 'update' && c.conversationId === conversation.id && c.activityId === posted.activityId,
      20_000,
    );
    expect(cardText(adaptiveCardOf(update))).toMatch(/web-02/);
    await sleep(1500);
    const updates = connector.calls.filter(
      (c) =>
        c.method === 'update' && c.conversationId === conversation.id && c.activityId === posted.activityId,
    );
    expect(updates).toHaveLength(1);
  }, 40_000);
});
