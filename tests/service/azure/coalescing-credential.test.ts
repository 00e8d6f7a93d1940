import { describe, expect, it } from '@jest/globals';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { coalesceTokenRequests } from '../../../src/azure/coalescing-credential.ts';

function countingCredential() {
  const calls: Array<{ scopes: string[]; options: GetTokenOptions }> = [];
  let release!: () => void;
  let gate = new Promise<void>((resolve) => (release = resolve));
  const credential: TokenCredential = {
    async getToken(scopes, options = {}) {
      calls.push({ scopes: [scopes].flat(), options });
      await gate;
      return { token: `t${calls.length}`, expiresOnTimestamp: Date.now() + 3600_000 } satisfies AccessToken;
    },
  };
  return {
    credential,
    calls,
    open: () => release(),
    reset: () => (gate = new Promise<void>((resolve) => (release = resolve))),
  };
}

describe('coalesceTokenRequests', () => {
  it('concurrent identical requests share one call; later requests call again', async () => {
    const inner = countingCredential();
    const credential = coalesceTokenRequests(inner.credential);
    const pending = Array.from({ length: 10 }, () =>
      credential.getToken('https://management.azure.com/.default', { enableCae: true }),
    );
    inner.open();
    const tokens = await Promise.all(pending);
    expect(inner.calls).toHaveLength(1);
    expect(new Set(tokens.map((t) => t?.token))).toEqual(new Set(['t1']));
    await credential.getToken('https://management.azure.com/.default', { enableCae: true });
    expect(inner.calls).toHaveLength(2);
  });

  it('different scopes, claims or CAE flags are separate calls; abort signals are not shared', async () => {
    const inner = countingCredential();
    const credential = coalesceTokenRequests(inner.credential);
    const controller = new AbortController();
    const pending = [
      credential.getToken('a/.default', { abortSignal: controller.signal }),
      credential.getToken('b/.default'),
      credential.getToken('a/.default', { claims: 'c' }),
      credential.getToken('a/.default', { enableCae: true }),
      credential.getToken(['a/.default']),
    ];
    inner.open();
    await Promise.all(pending);
    expect(inner.calls).toHaveLength(4);
    expect(inner.calls[0]?.options.abortSignal).toBeUndefined();
  });

  it('a failure reaches every waiter and is not remembered', async () => {
    let attempts = 0;
    const credential = coalesceTokenRequests({
      getToken: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('entra down');
        return { token: 'ok', expiresOnTimestamp: 0 };
      },
    });
    const results = await Promise.allSettled([credential.getToken('s'), credential.getToken('s')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(credential.getToken('s')).resolves.toMatchObject({ token: 'ok' });
    expect(attempts).toBe(2);
  });
});
