import { AppError } from '../domain/errors.ts';
import type { VmService } from '../domain/services.ts';
import { userKeyOf, type UserIdentity } from '../domain/user.ts';
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './rate-limiter.ts';

/** What a user may do per unit of time, whatever the front door (HTTP API, chat command, card action). */
export interface UsageLimits {
  /** One Azure read (a listing, one VM). Throws 429 TooManyRequests past the budget. */
  read(user: UserIdentity): void;
  /** `count` VM actions (a bulk request costs at most a full bucket). Throws 429 past the budget. */
  act(user: UserIdentity, count: number): void;
}

export interface UsageLimitsOptions {
  readonly reads: Omit<RateLimiterOptions, 'now'>;
  readonly actions: Omit<RateLimiterOptions, 'now'>;
  /** Most users tracked per budget. Default 100 000. */
  readonly maxUsers?: number;
  readonly now?: () => number;
}

export type UsageLimitKind = 'reads' | 'actions';

/** 429 with `Retry-After`; `limit` says which budget ran out (the service's own, not Azure's throttling). */
export function usageLimited(limit: UsageLimitKind, retryAfter: number): AppError {
  const message =
    limit === 'actions'
      ? `Too many VM actions; wait ${retryAfter} s before trying again.`
      : `Too many requests; wait ${retryAfter} s before trying again.`;
  return new AppError('TooManyRequests', message, { retryAfter, details: { limit } });
}

/** Token buckets per user (tenant + oid): one for reads, one for actions. */
export function createUsageLimits(options: UsageLimitsOptions): UsageLimits {
  const bucket = (settings: Omit<RateLimiterOptions, 'now'>): RateLimiter =>
    createRateLimiter({
      ...settings,
      ...(options.maxUsers !== undefined ? { maxKeys: options.maxUsers } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  const reads = bucket(options.reads);
  const actions = bucket(options.actions);
  const take = (limiter: RateLimiter, kind: UsageLimitKind, user: UserIdentity, cost: number) => {
    const decision = limiter.take(userKeyOf(user), cost);
    if (!decision.allowed) throw usageLimited(kind, decision.retryAfterSeconds);
  };
  return {
    read: (user) => take(reads, 'reads', user, 1),
    act: (user, count) => take(actions, 'actions', user, Math.max(1, count)),
  };
}

/**
 * The VM service behind the usage limits: the only VmService the edges get, so every front door
 * spends from the same budgets and none can skip them.
 */
export function withUsageLimits(vms: VmService, limits: UsageLimits): VmService {
  return {
    async list(user, options) {
      limits.read(user);
      return vms.list(user, options);
    },
    async get(user, ref, options) {
      limits.read(user);
      return vms.get(user, ref, options);
    },
    async act(user, ref, action) {
      limits.act(user, 1);
      return vms.act(user, ref, action);
    },
    async actMany(user, action, ids) {
      limits.act(user, ids.length);
      return vms.actMany(user, action, ids);
    },
  };
}
