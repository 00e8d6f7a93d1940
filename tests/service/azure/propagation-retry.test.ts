import { describe, expect, it } from '@jest/globals';
import { AuthenticationRequiredError } from '@azure/identity';
import { ServerError } from '@azure/msal-node';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { retryWhilePropagating } from '../../../src/azure/propagation-retry.ts';
import { toAppError } from '../../../src/azure/errors.ts';

/** What @azure/identity throws for an Entra error on OBO: MSAL's ServerError as the cause. */
const entraError = (errorCode: string, aadsts: number) =>
  new AuthenticationRequiredError({
    scopes: ['https://management.azure.com/.default'],
    message: `${errorCode}: AADSTS${aadsts}`,
    cause: new ServerError(errorCode, 'corr', `AADSTS${aadsts}: …`, '', String(aadsts), 400),
  });

const token: AccessToken = { token: 't', expiresOnTimestamp: Date.now() + 3600_000 };

function failingThen(errors: Error[]): TokenCredential & { calls: number } {
  const credential = {
    calls: 0,
    async getToken() {
      credential.calls += 1;
      const error = errors.shift();
      if (error) throw error;
      return token;
    },
  };
  return credential;
}

describe('retryWhilePropagating (AADSTS70021 / 700213 after a new federated credential)', () => {
  const noSleep = async () => undefined;

  it('retries them shortly after start, then succeeds', async () => {
    const inner = failingThen([entraError('invalid_client', 70021), entraError('invalid_client', 700213)]);
    const credential = retryWhilePropagating(inner, { startedAt: 0, now: () => 60_000, sleep: noSleep });
    await expect(credential.getToken('s')).resolves.toBe(token);
    expect(inner.calls).toBe(3);
  });

  it('gives up after its bounded attempts and reports ServiceMisconfigured', async () => {
    const inner = failingThen(Array.from({ length: 10 }, () => entraError('invalid_client', 70021)));
    const credential = retryWhilePropagating(inner, { startedAt: 0, now: () => 60_000, sleep: noSleep });
    const error = await credential.getToken('s').catch((e: unknown) => e);
    expect(inner.calls).toBe(5);
    expect(toAppError(error)).toMatchObject({ code: 'ServiceMisconfigured' });
  });

  it('does not retry after the window, nor any other error', async () => {
    const late = failingThen([entraError('invalid_client', 70021)]);
    await expect(
      retryWhilePropagating(late, { startedAt: 0, now: () => 11 * 60_000, sleep: noSleep }).getToken('s'),
    ).rejects.toBeDefined();
    expect(late.calls).toBe(1);
    const secret = failingThen([entraError('invalid_client', 7000215)]);
    await expect(
      retryWhilePropagating(secret, { startedAt: 0, now: () => 0, sleep: noSleep }).getToken('s'),
    ).rejects.toBeDefined();
    expect(secret.calls).toBe(1);
  });
});
