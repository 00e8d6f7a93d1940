import { AppError } from '../domain/errors.ts';
import type { VmService } from '../domain/services.ts';
import { userKeyOf, type UserIdentity } from '../domain/user.ts';
import { stateKeys } from '../state/keys.ts';
import type { StateStore, TokenBucket } from '../state/store.ts';

/** What a user may do per unit of time, whatever the front door (HTTP API, chat command, card action). */
export interface UsageLimits {
  /** One Azure read (a listing, one VM). Throws 429 TooManyRequests past the budget. */
  read(user: UserIdentity): Promise<void>;
  /** `count` VM actions (a bulk request costs at most a full bucket). Throws 429 past the budget. */
  act(user: UserIdentity, count: number): Promise<void>;
}

export interface UsageLimitsOptions {
  /** Where the buckets live: shared by every instance when it is Redis. */
  readonly state: StateStore;
  readonly reads: TokenBucket;
  readonly actions: TokenBucket;
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

/**
 * Token buckets per user (tenant + oid) in the state store: one for reads, one for actions. With
 * Redis, a user's budget is the same on every instance (30 actions in total, not 30 per instance).
 */
export function createUsageLimits(options: UsageLimitsOptions): UsageLimits {
  const now = options.now ?? Date.now;
  const take = async (kind: UsageLimitKind, bucket: TokenBucket, user: UserIdentity, cost: number) => {
    const decision = await options.state.takeTokens(
      stateKeys.bucket(kind, userKeyOf(user)),
      bucket,
      cost,
      now(),
    );
    if (!decision.allowed) throw usageLimited(kind, decision.retryAfterSeconds);
  };
  return {
    read: (user) => take('reads', options.reads, user, 1),
    act: (user, count) => take('actions', options.actions, user, Math.max(1, count)),
  };
}

/**
 * The VM service behind the usage limits: the only VmService the edges get, so every front door
 * spends from the same budgets and none can skip them.
 */
export function withUsageLimits(vms: VmService, limits: UsageLimits): VmService {
  return {
    async list(user, options) {
      await limits.read(user);
      return vms.list(user, options);
    },
    async get(user, ref, options) {
      await limits.read(user);
      return vms.get(user, ref, options);
    },
    async act(user, ref, action) {
      await limits.act(user, 1);
      return vms.act(user, ref, action);
    },
    async actMany(user, action, ids) {
      await limits.act(user, ids.length);
      return vms.actMany(user, action, ids);
    },
  };
}
