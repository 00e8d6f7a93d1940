import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findUserByOid, resolveUser } from '../../../emulator/entra/users.ts';
import { largeSeed } from '../../../emulator/seed/large.ts';
import { startTestEmulator, type TestEmulator } from '../../support/emulator.ts';
import {
  ARM_SCOPE,
  configOf,
  oboCredential,
  verifyWithServedJwks,
  type EmulatorConfig,
} from '../entra/fixtures.ts';

/** Large seed: `load-NNNNN` users exist on demand, consented, with deterministic oids. */
describe('synthetic load users (large seed)', () => {
  let emulator: TestEmulator;
  let config: EmulatorConfig;

  beforeAll(async () => {
    emulator = await startTestEmulator({ seedData: largeSeed({ subscriptions: 1, vmsPerSubscription: 6 }) });
    config = await configOf(emulator);
  });
  afterAll(() => emulator.close());

  it('mints tokens for load users with a deterministic oid, and OBO works for them', async () => {
    const a = await emulator.call('/_emulator/token', { method: 'POST', body: { user: 'load-00042' } });
    expect(a.status).toBe(200);
    const claims = await verifyWithServedJwks(emulator, config, a.json().access_token);
    expect(claims).toMatchObject({
      oid: '10ad0000-0000-4000-8000-000000000042',
      name: 'Load User 00042',
      preferred_username: 'load-00042@contoso.onmicrosoft.com',
    });
    const other = await emulator.ssoToken('load-99999');
    expect(other).not.toBe(a.json().access_token);

    const arm = await oboCredential(emulator, config, a.json().access_token).getToken(ARM_SCOPE);
    expect((await verifyWithServedJwks(emulator, config, arm.token)).oid).toBe(claims.oid);
  });

  it('resolves both ways (key ↔ oid) for the ARM half, and lists only seeded users in config', () => {
    const user = resolveUser(emulator.context, 'LOAD-00007')!;
    expect(user).toMatchObject({ key: 'load-00007', synthetic: true, consented: true });
    expect(findUserByOid(emulator.context, user.oid)).toEqual(user);
    expect(resolveUser(emulator.context, 'load-100000')).toBeUndefined();
    expect(resolveUser(emulator.context, 'perf')).toMatchObject({ synthetic: false });
    expect(config.users.map((u) => u.key)).toContain('perf');
    expect(config.users.some((u) => u.key.startsWith('load-'))).toBe(false);
  });

  it('keeps synthetic users’ consent fixed', async () => {
    const res = await emulator.call('/_emulator/consent', {
      method: 'POST',
      body: { user: 'load-00001', consented: false },
    });
    expect(res.status).toBe(400);
  });
});
