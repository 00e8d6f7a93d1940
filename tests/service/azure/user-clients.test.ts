import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDefaultHttpClient } from '@azure/core-rest-pipeline';
import { decodeJwt } from 'jose';
import { createOboCredentialFactory } from '../../../src/azure/credentials.ts';
import {
  assertionKey,
  createUserClientsCache,
  type UserClientsCache,
} from '../../../src/azure/user-clients.ts';
import type { SignedInUser } from '../../../src/domain/user.ts';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';

interface EmulatorConfig {
  readonly authorityHost: string;
  readonly armEndpoint: string;
  readonly app: { readonly clientId: string; readonly clientSecret: string };
}

describe('user clients cache (real OBO credential and SDK clients against the emulator)', () => {
  let emulator: TestEmulator;
  let config: EmulatorConfig;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    config = (await emulator.call('/_emulator/config')).json<EmulatorConfig>();
  });
  afterAll(() => emulator.close());

  async function signedIn(userKey: string): Promise<SignedInUser> {
    const assertion = await emulator.ssoToken(userKey);
    const claims = decodeJwt(assertion);
    return {
      oid: String(claims.oid),
      tid: String(claims.tid),
      upn: String(claims.preferred_username),
      name: String(claims.name),
      assertion,
      expiresAt: Number(claims.exp) * 1000,
    };
  }

  function cache(maxUsers: number, now?: () => number): UserClientsCache {
    const tlsOptions = emulator.tlsOptions;
    const httpClient = createDefaultHttpClient();
    return createUserClientsCache({
      createCredential: createOboCredentialFactory({
        clientId: config.app.clientId,
        credential: { kind: 'secret', clientSecret: config.app.clientSecret },
        authorityHost: config.authorityHost,
        httpClient,
        tlsOptions,
      }),
      armEndpoint: config.armEndpoint,
      maxUsers,
      httpClient,
      tlsOptions,
      ...(now ? { now } : {}),
    });
  }

  const oboCalls = async () =>
    (await emulator.call('/_emulator/stats')).json<{ token: { obo: number } }>().token.obo;

  async function subscriptionIds(clients: UserClientsCache, user: SignedInUser): Promise<string[]> {
    const ids: string[] = [];
    for await (const sub of clients.forUser(user).subscriptions().subscriptions.list())
      ids.push(String(sub.subscriptionId));
    return ids;
  }

  it('one OBO exchange per assertion, whatever clients the user needs and however often', async () => {
    const clients = cache(10);
    const alice = await signedIn('alice');
    const before = await oboCalls();
    const first = await subscriptionIds(clients, alice);
    const again = await subscriptionIds(clients, alice);
    const sub = first[0]!;
    for await (const vm of clients.forUser(alice).compute(sub).virtualMachines.listAll())
      expect(vm.id).toBeDefined();
    expect(first.length).toBeGreaterThan(0);
    expect(again).toEqual(first);
    expect(await oboCalls()).toBe(before + 1);
    expect(clients.forUser(alice)).toBe(clients.forUser(alice));
    expect(clients.forUser(alice).compute(sub)).toBe(clients.forUser(alice).compute(sub));
    // Every per-subscription client is made once per user (ids compare case-insensitively), not per request.
    const schedules = clients.forUser(alice).devTestLabs(sub);
    expect(clients.forUser(alice).devTestLabs(sub.toUpperCase())).toBe(schedules);
    expect(clients.forUser(alice).authorization(sub.toUpperCase())).toBe(
      clients.forUser(alice).authorization(sub),
    );
    // A new SSO token of the same person is a new assertion: a new entry and a new exchange.
    const aliceAgain = await signedIn('alice');
    await subscriptionIds(clients, aliceAgain);
    expect(await oboCalls()).toBe(before + 2);
    expect(clients.size).toBe(2);
  });

  it('users never share clients or tokens', async () => {
    const clients = cache(10);
    const alice = await signedIn('alice');
    const carol = await signedIn('carol');
    expect(clients.forUser(alice).credential).not.toBe(clients.forUser(carol).credential);
    const [aliceToken, carolToken] = await Promise.all(
      [alice, carol].map((u) =>
        clients.forUser(u).credential.getToken('https://management.azure.com/.default'),
      ),
    );
    expect(decodeJwt(aliceToken!.token).oid).toBe(alice.oid);
    expect(decodeJwt(carolToken!.token).oid).toBe(carol.oid);
    expect(await subscriptionIds(clients, carol)).toEqual([]);
  });

  it('is bounded: the least recently seen user is dropped past maxUsers, and exchanges again when back', async () => {
    const clients = cache(2);
    const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map(signedIn));
    for (const user of [alice!, bob!, carol!])
      await clients.forUser(user).credential.getToken('https://management.azure.com/.default');
    expect(clients.size).toBe(2);
    const before = await oboCalls();
    await clients.forUser(alice!).credential.getToken('https://management.azure.com/.default');
    expect(await oboCalls()).toBe(before + 1);
    expect(clients.size).toBe(2);
  });

  it('an entry lives as long as its assertion', async () => {
    let now = Date.now();
    const clients = cache(10, () => now);
    const alice = await signedIn('alice');
    const entry = clients.forUser(alice);
    // lru-cache reads the clock at most once per millisecond of real time.
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    now = alice.expiresAt - 1000;
    await tick();
    expect(clients.forUser(alice)).toBe(entry);
    now = alice.expiresAt + 1;
    await tick();
    expect(clients.forUser(alice)).not.toBe(entry);
  });

  it('keys entries by a hash of the assertion, never the token itself', () => {
    const key = assertionKey('header.payload.signature');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain('payload');
  });
});
