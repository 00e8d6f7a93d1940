import type { EmulatorOptions } from '../options.ts';

export type RequestKind = 'read' | 'write';

export interface ThrottleDecision {
  readonly allowed: boolean;
  /** Whole tokens left in the bucket after this request. */
  readonly remaining: number;
  /** Seconds until a token is available again (when not allowed). */
  readonly retryAfterSeconds: number;
}

/** ARM's token-bucket throttling, one bucket per principal, per subscription (or tenant), per kind. */
export interface Throttle {
  /** Takes a token from the bucket of `(principal, scope, kind)`. */
  take(principal: string, scope: string, kind: RequestKind): ThrottleDecision;
  /** Bucket capacity of a kind (what `remaining` shows when throttling is off). */
  capacity(kind: RequestKind): number;
  reset(): void;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets that are full again are dropped past this many, so distinct callers do not grow memory. */
const SWEEP_THRESHOLD = 50_000;

/** Token buckets refilled continuously at `refillPerSecond`, up to the bucket size. */
export function createThrottle(options: EmulatorOptions['throttle'], now: () => number): Throttle {
  const buckets = new Map<string, Bucket>();
  const size = (kind: RequestKind) => (kind === 'read' ? options.readBucket : options.writeBucket);
  const rate = (kind: RequestKind) =>
    kind === 'read' ? options.readRefillPerSecond : options.writeRefillPerSecond;

  const refill = (bucket: Bucket, kind: RequestKind, at: number) => {
    const elapsed = Math.max(0, at - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(size(kind), bucket.tokens + elapsed * rate(kind));
    bucket.updatedAt = at;
  };

  const sweep = (at: number) => {
    for (const [key, bucket] of buckets) {
      const kind: RequestKind = key.endsWith('|read') ? 'read' : 'write';
      refill(bucket, kind, at);
      if (bucket.tokens >= size(kind)) buckets.delete(key);
    }
  };

  return {
    take(principal, scope, kind) {
      const at = now();
      const key = `${principal.toLowerCase()}|${scope.toLowerCase()}|${kind}`;
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= SWEEP_THRESHOLD) sweep(at);
        bucket = { tokens: size(kind), updatedAt: at };
        buckets.set(key, bucket);
      }
      refill(bucket, kind, at);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
      }
      const perSecond = rate(kind);
      const wait = perSecond > 0 ? Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) : 60;
      return { allowed: false, remaining: 0, retryAfterSeconds: wait };
    },
    capacity: size,
    reset: () => buckets.clear(),
  };
}
