import { describe, expect, it } from '@jest/globals';
import { ArmError } from '../../../emulator/arm/errors.ts';
import { decodeSkipToken, encodeSkipToken, paginate } from '../../../emulator/arm/paging.ts';
import { createThrottle } from '../../../emulator/arm/throttle.ts';

describe('paginate', () => {
  const base = 'https://127.0.0.1:4443';
  const request = (query: string) => ({
    url: new URL(`/subscriptions/x/providers/Microsoft.Compute/virtualMachines?${query}`, base),
    rawPath: '/subscriptions/x/providers/Microsoft.Compute/virtualMachines',
    baseUrl: base,
    pageSize: 2,
  });
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('follows nextLink to the end, keeping the other query parameters', () => {
    const seen: string[] = [];
    let query = 'api-version=2026-04-01&statusOnly=true';
    for (let pages = 1; ; pages++) {
      const page = paginate(items, request(query), (s) => s.toUpperCase());
      seen.push(...page.value);
      if (!page.nextLink) {
        expect(pages).toBe(3);
        break;
      }
      const next = new URL(page.nextLink);
      expect(next.origin).toBe(base);
      expect(next.searchParams.get('api-version')).toBe('2026-04-01');
      expect(next.searchParams.get('statusOnly')).toBe('true');
      query = next.search.slice(1);
    }
    expect(seen).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('has no nextLink when everything fits', () => {
    expect(paginate(['a', 'b'], request('api-version=1'), (s) => s)).toEqual({ value: ['a', 'b'] });
  });

  it('round-trips skip tokens and rejects forged ones with 400 InvalidParameter', () => {
    expect(decodeSkipToken(encodeSkipToken(42))).toBe(42);
    for (const bad of ['junk', encodeSkipToken(-1), Buffer.from('{"o":"1"}').toString('base64url'), '']) {
      expect(() => decodeSkipToken(bad)).toThrow(ArmError);
    }
  });
});

describe('createThrottle', () => {
  const options = { readBucket: 3, readRefillPerSecond: 2, writeBucket: 1, writeRefillPerSecond: 0.5 };

  it('allows a bucketful, then refuses with a Retry-After until tokens refill', () => {
    let now = 0;
    const throttle = createThrottle(options, () => now);
    expect([1, 2, 3].map(() => throttle.take('alice', 'sub', 'read').remaining)).toEqual([2, 1, 0]);
    expect(throttle.take('alice', 'sub', 'read')).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 1,
    });
    now = 500; // one token back at 2/s
    expect(throttle.take('alice', 'sub', 'read').allowed).toBe(true);
    expect(throttle.take('alice', 'sub', 'read').allowed).toBe(false);
  });

  it('keeps separate buckets per principal, per scope, per kind', () => {
    const throttle = createThrottle(options, () => 0);
    expect(throttle.take('bob', 'sub', 'write').allowed).toBe(true);
    expect(throttle.take('bob', 'sub', 'write')).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 2,
    });
    expect(throttle.take('bob', 'other-sub', 'write').allowed).toBe(true);
    expect(throttle.take('BOB', 'sub', 'read').allowed).toBe(true);
    expect(throttle.take('carol', 'sub', 'write').allowed).toBe(true);
    throttle.reset();
    expect(throttle.take('bob', 'sub', 'write').allowed).toBe(true);
  });
});
