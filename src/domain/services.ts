import type { AutoShutdown, ShutdownNotification } from '../../contract/auto-shutdown.ts';
import type { BulkItem, Operation } from '../../contract/operation.ts';
import type { SignedInUser, UserIdentity } from './user.ts';
import type { Vm, VmAction, VmList, VmPrice, VmRef } from '../../contract/vm.ts';

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
  /**
   * `user` is here again (any request: the tab, the web app, a bot message or card click): resume, as them, the
   * polls of their operations nobody follows any more (the instance that polled is gone and their stored token has
   * expired). Fire and forget; at most once per user every few seconds.
   */
  resumeFor(user: SignedInUser): void;
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

/** Who to tell before a VM's auto-shutdown (kept with the schedule's webhook token). */
export interface AutoShutdownRecipient {
  readonly vmId: string;
  readonly vmName: string;
  readonly tid: string;
  readonly oid: string;
  /** Display name of the person who saved the schedule. */
  readonly name: string;
  /** The schedule's time (`HH:mm`) and Windows zone when it was saved. */
  readonly time: string;
  readonly timeZone: string;
  /** The VM's list price when the schedule was saved (what stopping saves), if known. */
  readonly price?: VmPrice | null;
}

/** Sends the card before an auto-shutdown (the bot implements it). Resolves true when a card was sent. */
export interface AutoShutdownNotifier {
  notify(recipient: AutoShutdownRecipient, notification: ShutdownNotification): Promise<boolean>;
}

/**
 * A VM's daily auto-shutdown, as the user (Azure RBAC decides; the per-user budgets apply). Throws AppError:
 * 404 `NotConfigured` when there is none, ARM's 403 `AuthorizationFailed` for users whose role does not allow it.
 */
export interface AutoShutdownService {
  get(user: SignedInUser, ref: VmRef): Promise<AutoShutdown>;
  /** Saves it; with `notifyMinutesBefore`, its webhook points at this service and the user gets the card. */
  set(user: SignedInUser, ref: VmRef, value: AutoShutdown): Promise<AutoShutdown>;
  /** Turns it off (deletes the schedule). */
  remove(user: SignedInUser, ref: VmRef): Promise<void>;
  /**
   * Follows a notification's skip / delay link for `user`, if their role allows changing the VM's schedule
   * (the permissions API, as them); AuthorizationFailed otherwise.
   */
  respond(user: SignedInUser, ref: VmRef, link: string): Promise<void>;
  /**
   * Azure's notification for the schedule of `token` (the body is read only for a known token): 404 NotFound
   * for unknown tokens or VMs, 400 BadRequest for bad bodies; a duplicate sends no second card.
   */
  notified(
    token: string,
    readBody: () => Promise<unknown>,
  ): Promise<{ readonly delivered: boolean; readonly duplicate: boolean }>;
  /** Where notifications go (the bot registers itself once mounted). */
  setNotifier(notifier: AutoShutdownNotifier): void;
}
