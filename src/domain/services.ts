import type { BulkItem, Operation } from '../../contract/operation.ts';
import type { SignedInUser, UserIdentity } from './user.ts';
import type { Vm, VmAction, VmList, VmRef } from '../../contract/vm.ts';

/**
 * The seam between the edges (HTTP routes, bot) and Azure. Implementations run every call with
 * the user's own token (OBO) and throw AppError: 404 NotFound for a subscription the user cannot
 * see, 429 TooManyRequests past the user's budget, 503 AzureTimeout past the request deadline.
 */
export interface VmService {
  list(user: SignedInUser, options?: { readonly signal?: AbortSignal }): Promise<VmList>;
  get(user: SignedInUser, ref: VmRef, options?: { readonly signal?: AbortSignal }): Promise<Vm>;
  /** Starts the long-running operation and resolves as soon as Azure accepted it. */
  act(user: SignedInUser, ref: VmRef, action: VmAction): Promise<Operation>;
  /** Up to 50 ARM VM ids; per-VM failures are reported per item. */
  actMany(user: SignedInUser, action: VmAction, ids: readonly string[]): Promise<readonly BulkItem[]>;
}

export interface OperationService {
  /**
   * The operation if it exists and `user` started it; otherwise undefined (callers answer 404).
   * Given a signed-in user (with their token) it also resumes a poll nobody does any more.
   */
  get(user: UserIdentity | SignedInUser, id: string): Promise<Operation | undefined>;
  /** Called once when an operation reaches Succeeded or Failed. Returns an unsubscribe function. */
  onFinished(listener: (operation: Operation) => void): () => void;
}

/** Validates a Teams SSO token (from the tab's Authorization header or the bot's token exchange). */
export interface TokenValidator {
  validate(token: string): Promise<SignedInUser>;
}

/**
 * Proves the user's token can be exchanged for an ARM token (the bot's `signin/tokenExchange` answers
 * 200 or 412 from this). Throws AppError (`ConsentRequired`, `EntraError`, …) when it cannot.
 */
export interface OboExchanger {
  ensureExchangeable(user: SignedInUser): Promise<void>;
}
