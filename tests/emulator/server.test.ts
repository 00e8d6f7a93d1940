import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createServer } from 'node:net';
import { advertisedHost, requestTarget } from '../../emulator/server.ts';
import { startTestEmulator, type CallInit, type TestEmulator } from '../support/emulator.ts';

describe('requestTarget', () => {
  const base = 'https://127.0.0.1:4443';

  it.each([
    ['/subscriptions?api-version=1', '/subscriptions', '?api-version=1'],
    ['//', '//', ''],
    ['//?a=b', '//', '?a=b'],
    ['/%zz/%2F', '/%zz/%2F', ''],
    ['https://elsewhere.example/_emulator/config?x=1', '/_emulator/config', '?x=1'],
  ])('%s → path %s on this emulator', (target, rawPath, search) => {
    const parsed = requestTarget(target, base);
    expect(parsed?.rawPath).toBe(rawPath);
    expect(parsed?.url.origin).toBe(base);
    expect(parsed?.url.search).toBe(search);
  });

  it.each(['*', 'ftp://x/y', 'garbage', ''])('refuses %j', (target) => {
    expect(requestTarget(target, base)).toBeUndefined();
  });
});

describe('listening address', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['localhost', 'localhost'],
    ['0.0.0.0', '127.0.0.1'],
    ['::', '127.0.0.1'],
    ['::1', '[::1]'],
  ])('EMULATOR_HOST=%s is advertised as %s', (host, advertised) => {
    expect(advertisedHost(host)).toBe(advertised);
  });

  it('serves on the IPv6 loopback with a certificate naming ::1 (skipped where IPv6 is disabled)', async () => {
    const ipv6 = await new Promise<boolean>((resolve) => {
      const probe = createServer()
        .once('error', () => resolve(false))
        .listen(0, '::1', () => probe.close(() => resolve(true)));
    });
    if (!ipv6) return;
    const emulator = await startTestEmulator({ host: '::1' });
    try {
      expect(emulator.url).toMatch(/^https:\/\/\[::1\]:\d+$/);
      const config = await emulator.call('/_emulator/config');
      expect(config.status).toBe(200);
      expect(config.json().authorityHost).toBe(emulator.url);
    } finally {
      await emulator.close();
    }
  });
});

/**
 * A bounded, seeded fuzz: random and mutated-valid requests over every area. Whatever arrives, the emulator
 * answers in an area's error shape — never a 5xx, a stack trace or an unhandled error — and keeps serving.
 */
describe('emulator under random input', () => {
  let emulator: TestEmulator;
  let tokens: { sso: string[]; arm: string[] };
  let config: { tenantId: string; app: { clientId: string; clientSecret: string } };
  const errors = jest.spyOn(console, 'error');

  beforeAll(async () => {
    emulator = await startTestEmulator({ transitionMs: 20 });
    config = (await emulator.call('/_emulator/config')).json();
    const sso = await Promise.all(['alice', 'bob', 'carol', 'dave'].map((u) => emulator.ssoToken(u)));
    const arm = await Promise.all(
      sso.map(async (assertion) => {
        const res = await emulator.call(`/${config.tenantId}/oauth2/v2.0/token`, {
          method: 'POST',
          form: {
            grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
            requested_token_use: 'on_behalf_of',
            assertion,
            client_id: config.app.clientId,
            client_secret: config.app.clientSecret,
            scope: 'https://management.azure.com/.default',
          },
        });
        return res.json<{ access_token: string }>().access_token;
      }),
    );
    tokens = { sso, arm };
  });
  afterAll(async () => {
    errors.mockRestore();
    await emulator.close();
  });

  it('answers 1 200 random requests without a 5xx, a stack trace or a logged error', async () => {
    const random = mulberry32(20261128);
    const gen = generator(random, config, tokens);
    const seen = new Map<number, number>();
    const problems: string[] = [];
    const queue = Array.from({ length: 1200 }, () => gen());
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.pop(); next; next = queue.pop()) {
          const [path, init] = next;
          const res = await emulator.call(path, init);
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
          if (res.status >= 500 || /\bat .+\.(ts|js):\d+/.test(res.text)) {
            problems.push(`${init.method} ${path} → ${res.status} ${res.text.slice(0, 200)}`);
          }
        }
      }),
    );
    expect(problems).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
    // The generator reaches deep: successes, LROs, auth failures, RBAC refusals and routing errors all occur.
    for (const status of [200, 202, 400, 401, 403, 404]) expect(seen.get(status) ?? 0).toBeGreaterThan(0);
    expect((await emulator.call('/_emulator/stats')).status).toBe(200);
  });
});

type Request = [string, CallInit & { method: string }];

/** Deterministic PRNG so a failure reproduces. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(
  random: () => number,
  config: { tenantId: string; app: { clientId: string; clientSecret: string } },
  tokens: { sso: string[]; arm: string[] },
): () => Request {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const DEV = '1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70';
  const junk = () =>
    pick([
      '',
      '%',
      '%zz',
      '%00',
      '..',
      ' ',
      '%2F',
      'ä',
      '🙂',
      'x'.repeat(200),
      "'",
      '<b>',
      '*',
      '{}',
      'null',
    ]);
  const enc = (s: string) => (chance(0.7) ? encodeURIComponent(s) : s.replace(/[^\x21-\x7e]/g, ''));
  const vm = `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines`;
  const armPaths = [
    '/subscriptions',
    `/subscriptions/${DEV}`,
    `/subscriptions/${DEV}/providers/Microsoft.Compute/virtualMachines`,
    vm,
    `${vm}/web-02`,
    `${vm}/web-01/instanceView`,
    `${vm}/web-02/start`,
    `${vm}/web-01/deallocate`,
    `${vm}/web-01/powerOff`,
    `${vm}/web-02/restart`,
    `/subscriptions/${DEV}/providers/Microsoft.Compute/locations/westeurope/operations/${DEV}`,
    `/subscriptions/${DEV}/resourceGroups/rg-web/providers/Microsoft.Authorization/permissions`,
  ];
  const entraPaths = [
    'v2.0/.well-known/openid-configuration',
    'discovery/v2.0/keys',
    'oauth2/v2.0/token',
    'oauth2/v2.0/authorize',
    'oauth2/v2.0/logout',
  ].map((p) => `/${pick([config.tenantId, 'contoso.onmicrosoft.com', 'common', 'fabrikam.example'])}/${p}`);
  const controlPaths = ['config', 'token', 'stats', 'consent', 'reset', 'nope'].map((p) => `/_emulator/${p}`);
  const queryKeys = [
    'api-version',
    '$expand',
    '$filter',
    'statusOnly',
    '$skiptoken',
    'monitor',
    'skipShutdown',
  ];
  const queryValues = ['2026-04-01', '2022-12-01', '2022-04-01', 'instanceView', 'true', 'x', 'eyJvIjotMX0'];
  const authKeys = [
    'client_id',
    'redirect_uri',
    'response_type',
    'scope',
    'code_challenge',
    'prompt',
    'state',
  ];
  const authValues = [
    config.app.clientId,
    'http://localhost:3978/auth-end.html',
    'code',
    'openid https://management.azure.com/user_impersonation',
    'a'.repeat(43),
    'none',
    'consent',
  ];

  const path = (): string => {
    if (chance(0.1))
      return pick(['/', '//', '//?a', '/%', '/_emulator', '/providers/x', `/${'a/'.repeat(300)}`]);
    const p = pick([...armPaths, ...armPaths, ...entraPaths, ...controlPaths]);
    if (chance(0.2)) {
      const segments = p.split('/');
      segments[1 + Math.floor(random() * (segments.length - 1))] = enc(junk());
      return segments.join('/');
    }
    return chance(0.2) ? p.toUpperCase() : p;
  };
  const query = (p: string): string => {
    const pairs: string[] = [];
    if (p.startsWith('/subscriptions') && chance(0.8))
      pairs.push(`api-version=${p.includes('Compute') ? '2026-04-01' : pick(['2022-12-01', '2022-04-01'])}`);
    const [keys, values] = p.includes('authorize') ? [authKeys, authValues] : [queryKeys, queryValues];
    const count = p.includes('authorize') ? 7 : Math.floor(random() * 3);
    for (let i = 0; i < count; i += 1) {
      pairs.push(`${enc(pick(keys))}=${enc(chance(0.8) ? (values[i % values.length] ?? '') : junk())}`);
    }
    return pairs.length ? `?${pairs.join('&')}` : '';
  };
  const form = (): Record<string, string> => {
    const fields: Record<string, string> = {
      grant_type: pick([
        'urn:ietf:params:oauth:grant-type:jwt-bearer',
        'client_credentials',
        'authorization_code',
        'x',
      ]),
      requested_token_use: 'on_behalf_of',
      assertion: pick([...tokens.sso, ...tokens.arm, 'a.b.c', junk()]),
      client_id: pick([config.app.clientId, junk()]),
      client_secret: pick([config.app.clientSecret, 'wrong']),
      scope: pick(['https://management.azure.com/.default', 'https://graph.microsoft.com/.default', junk()]),
      emu_user: pick(['alice', 'erin', junk()]),
    };
    for (const key of Object.keys(fields)) if (chance(0.2)) delete fields[key];
    return fields;
  };

  return () => {
    const p = path();
    const method = pick(['GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
    const headers: Record<string, string> = {};
    if (chance(0.7)) {
      headers.authorization = `Bearer ${pick([...tokens.arm, ...tokens.arm, tokens.sso[0]!, 'a.b.c', `${tokens.arm[0]!.slice(0, -4)}AAAA`])}`;
    }
    if (chance(0.1)) headers.origin = pick(['http://localhost:3978', 'https://evil.example']);
    const init: Request[1] = { method, headers };
    if (method !== 'GET' && chance(0.8)) {
      const body = pick<() => Partial<CallInit>>([
        () => ({ form: form() }),
        () => ({ body: pick([{ user: 'alice' }, { user: 'erin', consented: true }, { x: 1 }, [], null]) }),
        () => ({
          body: pick(['{', 'not json', '', junk()]),
          headers: { ...headers, 'content-type': 'application/json' },
        }),
        () => ({ body: 'a=b', headers: { ...headers, 'content-type': pick(['text/plain', 'x/y', '']) } }),
      ])();
      Object.assign(init, body);
    }
    return [p + query(p), init];
  };
}
