import { describe, expect, it, jest } from '@jest/globals';
import { createApiClient, type TokenSource } from '../../../tab/src/api/client.ts';
import { ApiError } from '../../../tab/src/api/errors.ts';
import {
  formatRetryAfter,
  parseRetryAfter,
  rateLimitRetryDelay,
  RATE_LIMIT_RETRY,
  withRateLimitRetry,
} from '../../../tab/src/api/rate-limit.ts';
import { requestFailedNotice } from '../../../tab/src/app/useVmPage.ts';
import { aliceVms } from '../support/fixtures.ts';

const limited = (retryAfter?: number) =>
  new ApiError('TooManyRequests', 'Too many VM actions.', {
    status: 429,
    ...(retryAfter !== undefined && { retryAfter }),
  });

describe('rate-limit retry policy', () => {
  it('waits Retry-After for a short 429, at most twice', () => {
    expect(RATE_LIMIT_RETRY).toEqual({ maxRetries: 2, maxRetryAfterSeconds: 30 });
    expect(rateLimitRetryDelay(limited(2), 0)).toBe(2_000);
    expect(rateLimitRetryDelay(limited(30), 1)).toBe(30_000);
    expect(rateLimitRetryDelay(limited(0.2), 0)).toBe(200);
    expect(rateLimitRetryDelay(limited(2), 2)).toBeUndefined();
  });

  it('gives up at once on a long or missing Retry-After, and on anything but a 429', () => {
    expect(rateLimitRetryDelay(limited(31), 0)).toBeUndefined();
    expect(rateLimitRetryDelay(limited(3600), 0)).toBeUndefined();
    expect(rateLimitRetryDelay(limited(), 0)).toBeUndefined();
    expect(
      rateLimitRetryDelay(new ApiError('AzureUnavailable', 'down', { status: 503, retryAfter: 1 }), 0),
    ).toBeUndefined();
    expect(rateLimitRetryDelay(new Error('boom'), 0)).toBeUndefined();
  });

  it('follows a custom policy', () => {
    const policy = { maxRetries: 1, maxRetryAfterSeconds: 5 };
    expect(rateLimitRetryDelay(limited(5), 0, policy)).toBe(5_000);
    expect(rateLimitRetryDelay(limited(5), 1, policy)).toBeUndefined();
    expect(rateLimitRetryDelay(limited(6), 0, policy)).toBeUndefined();
  });

  it('withRateLimitRetry sends at most three times and rethrows the last 429', async () => {
    const sleep = jest.fn(async (_ms: number) => undefined);
    const errors = [limited(2), limited(1), limited(4)];
    const send = jest.fn(async () => Promise.reject(errors.shift()));
    const error = await withRateLimitRetry(send, { sleep }).catch((e: unknown) => e);
    expect(send).toHaveBeenCalledTimes(3);
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([2_000, 1_000]);
    expect(error).toMatchObject({ code: 'TooManyRequests', retryAfter: 4 });
  });

  it('withRateLimitRetry returns the first success and does not wait for long refusals', async () => {
    const sleep = jest.fn(async (_ms: number) => undefined);
    const flaky = jest
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(limited(1))
      .mockResolvedValueOnce('ok');
    await expect(withRateLimitRetry(flaky, { sleep })).resolves.toBe('ok');
    expect(flaky).toHaveBeenCalledTimes(2);

    const slow = jest.fn(async () => Promise.reject(limited(120)));
    await expect(withRateLimitRetry(slow, { sleep })).rejects.toMatchObject({ retryAfter: 120 });
    expect(slow).toHaveBeenCalledTimes(1);
    expect(sleep).toHaveBeenCalledTimes(1);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1.5);
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:01:30 GMT', now)).toBe(90);
    for (const bad of [null, '', '0', '-3', 'soon', 'Sun, 01 Mar 2026 09:59:00 GMT'])
      expect(parseRetryAfter(bad, now)).toBeUndefined();
  });

  it('says when to try again in words', () => {
    expect(formatRetryAfter(1)).toBe('1 second');
    expect(formatRetryAfter(2)).toBe('2 seconds');
    expect(formatRetryAfter(0.2)).toBe('1 second');
    expect(formatRetryAfter(59)).toBe('59 seconds');
    expect(formatRetryAfter(60)).toBe('1 minute');
    expect(formatRetryAfter(97)).toBe('2 minutes');
    expect(formatRetryAfter(3600)).toBe('1 hour');
    expect(formatRetryAfter(3601)).toBe('2 hours');
  });
});

describe('the client retries VM actions answered 429', () => {
  const tokens: TokenSource = { getToken: async () => 't' };
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const tooMany = (seconds: string) =>
    reply(
      429,
      { error: { code: 'TooManyRequests', message: 'Too many VM actions.' } },
      { 'retry-after': seconds },
    );

  function client(...replies: Response[]) {
    const fetch = jest.fn(async () => replies.shift() ?? tooMany('1'));
    const sleep = jest.fn(async (_ms: number) => undefined);
    const api = createApiClient({
      tokens,
      fetch: fetch as unknown as typeof globalThis.fetch,
      rateLimitRetry: { sleep },
    });
    return { api, fetch, sleep };
  }
  const ids = aliceVms().map((vm) => vm.id);

  it('bulk: a short Retry-After is honoured, then the request goes through', async () => {
    const { api, fetch, sleep } = client(tooMany('3'), reply(202, { operations: [] }));
    await expect(api.actMany('start', ids)).resolves.toEqual([]);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(sleep.mock.calls).toEqual([[3_000]]);
  });

  it('bulk: gives up after two retries, with the last Retry-After', async () => {
    const { api, fetch } = client(tooMany('2'), tooMany('2'), tooMany('5'), reply(202, { operations: [] }));
    await expect(api.actMany('start', ids)).rejects.toMatchObject({ code: 'TooManyRequests', retryAfter: 5 });
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('single action: a long Retry-After is not waited for', async () => {
    const { api, fetch, sleep } = client(tooMany('600'));
    const vm = aliceVms()[0]!;
    await expect(api.act(vm, 'start')).rejects.toMatchObject({ code: 'TooManyRequests', retryAfter: 600 });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('reads (listing VMs) are not retried here: the page shows its own banner', async () => {
    const { api, fetch } = client(tooMany('1'));
    await expect(api.listVms()).rejects.toMatchObject({ code: 'TooManyRequests' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('the toast for a refused request', () => {
  const vms = aliceVms().map((vm) => ({ id: vm.id, name: vm.name }));

  it('one notice for all the VMs, saying it was rate-limited and when to try again', () => {
    expect(requestFailedNotice({ action: 'start', vms, error: limited(97) })).toEqual({
      intent: 'error',
      title: "Too many requests: couldn't start 4 VMs",
      body: 'This request was rate-limited, so no VM was changed. Try again in 2 minutes.',
    });
    expect(
      requestFailedNotice({ action: 'deallocate', vms: vms.slice(0, 1), error: limited() }),
    ).toMatchObject({
      title: `Too many requests: couldn't stop ${vms[0]!.name}`,
      body: expect.stringMatching(/Wait a moment and try again\.$/),
    });
  });

  it("any other failure gives the service's reason", () => {
    const error = new ApiError('NetworkError', 'The service could not be reached.', { status: 0 });
    expect(requestFailedNotice({ action: 'restart', vms, error })).toEqual({
      intent: 'error',
      title: "Couldn't restart 4 VMs",
      body: 'The service could not be reached. (NetworkError)',
    });
  });
});
