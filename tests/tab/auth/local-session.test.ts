import { describe, expect, it, jest } from '@jest/globals';
import {
  createLocalTokenSource,
  loadSession,
  RENEW_BEFORE_MS,
  saveSession,
  sessionFromTokens,
} from '../../../tab/src/auth/local-session.ts';
import { TokenEndpointError, type TokenClient } from '../../../tab/src/auth/token-client.ts';
import type { ClientConfig } from '../../../tab/src/config/client-config.ts';
import { fakeJwt, memoryStorage } from '../support/memory-storage.ts';

const config: ClientConfig = {
  clientId: 'c',
  tenantId: 't',
  identifierUri: 'api://x',
  scopes: ['api://x/access_as_user'],
  authority: 'https://login.test/t',
  localMode: true,
};
const token = (n: number) =>
  fakeJwt({ name: 'Alice', preferred_username: 'alice@contoso', oid: 'o', n, exp: 100_000 });

function setup(refresh: TokenClient['refresh']) {
  const storage = memoryStorage();
  const clock = { now: 0 };
  const onSignedOut = jest.fn();
  const tokens: TokenClient = { redeemCode: jest.fn<TokenClient['redeemCode']>(), refresh: jest.fn(refresh) };
  const source = createLocalTokenSource({ config, storage, tokens, now: () => clock.now, onSignedOut });
  return { storage, clock, onSignedOut, tokens, source };
}

describe('local token source', () => {
  it('requires a sign-in when there is no session', async () => {
    const { source } = setup(async () => Promise.reject(new Error('unused')));
    await expect(source.getToken()).rejects.toMatchObject({ code: 'SignInRequired', status: 401 });
  });

  it('serves the stored token while fresh and renews it with the refresh token near expiry or on demand', async () => {
    const { storage, clock, source, tokens } = setup(async () => ({
      accessToken: token(2),
      expiresAt: 100_000_000,
    }));
    saveSession(
      storage,
      sessionFromTokens({ accessToken: token(1), refreshToken: 'r1', expiresAt: 100_000_000 }),
    );
    expect(await source.getToken()).toBe(token(1));
    clock.now = 100_000_000 - RENEW_BEFORE_MS + 1;
    const [a, b] = await Promise.all([source.getToken(), source.getToken()]);
    expect(a).toBe(token(2));
    expect(b).toBe(token(2));
    expect(tokens.refresh).toHaveBeenCalledTimes(1);
    expect(tokens.refresh).toHaveBeenCalledWith({
      clientId: 'c',
      refreshToken: 'r1',
      scopes: ['api://x/access_as_user', 'offline_access'],
    });
    // The refresh token is kept when the response has none.
    expect(loadSession(storage)).toMatchObject({ accessToken: token(2), refreshToken: 'r1' });
    clock.now = 0;
    await source.getToken({ forceRefresh: true });
    expect(tokens.refresh).toHaveBeenCalledTimes(2);
  });

  it('ends the session when renewal fails', async () => {
    const { storage, source, onSignedOut } = setup(async () =>
      Promise.reject(new TokenEndpointError('invalid_grant', 'revoked', 400)),
    );
    saveSession(
      storage,
      sessionFromTokens({ accessToken: token(1), refreshToken: 'r1', expiresAt: 100_000_000 }),
    );
    await expect(source.getToken({ forceRefresh: true })).rejects.toMatchObject({ code: 'SignInRequired' });
    expect(loadSession(storage)).toBeUndefined();
    expect(onSignedOut).toHaveBeenCalledWith('Your session has ended. Sign in again.');
  });

  it('ignores a corrupt stored session', () => {
    const storage = memoryStorage();
    storage.setItem('vmm.session', '{not json');
    expect(loadSession(storage)).toBeUndefined();
  });
});
