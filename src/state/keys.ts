import { sha256Id } from '../util/sha256.ts';

/**
 * Every key the service writes, in one place (docs/configuration.md lists them). The version in
 * the prefix changes when a value's shape does: old values then read as absent, never misread.
 */
const PREFIX = 'vmm:v1:';

/**
 * What the store knows an auto-shutdown webhook token by: its SHA-256 (base64url). The token is a bearer secret in
 * the schedule's webhook URL; the store (and anyone who can list its keys) never holds it in clear.
 */
export function webhookTokenId(token: string): string {
  return sha256Id(token);
}

export const stateKeys = {
  /** An operation (JSON; the requester's assertion sealed). TTL: retention after it ends. */
  operation: (id: string) => `${PREFIX}op:${id}`,
  /** Which instance polls an operation (its instance id). TTL: the lease, renewed while polling. */
  operationLease: (id: string) => `${PREFIX}op-lease:${id}`,
  /** Claimed by the one instance that records an operation's end (exactly-once finish). */
  operationFinish: (id: string) => `${PREFIX}op-done:${id}`,
  /** Set of operations still in progress (what instances sweep for orphaned polls). */
  activeOperations: () => `${PREFIX}ops-active`,
  /** A user's operations still in progress (what their next request resumes when nobody can poll them). */
  userOperations: (userKey: string) => `${PREFIX}ops-user:${userKey}`,
  /** A progress card to update when its operation ends (conversation reference, activity id). */
  trackedCard: (operationId: string) => `${PREFIX}card:${operationId}`,
  /** The bot's copy of a user's validated SSO token (sealed). TTL: until the token expires. */
  userToken: (userKey: string) => `${PREFIX}bot-token:${userKey}`,
  /** What a user asked for before signing in, per conversation. TTL 15 min. */
  pendingWork: (userKey: string, conversationId: string) =>
    `${PREFIX}bot-pending:${userKey}|${conversationId}`,
  /** First-writer-wins claims (token exchange de-duplication). TTL 10 min. */
  claim: (key: string) => `${PREFIX}claim:${key}`,
  /**
   * Who to tell before a VM's auto-shutdown: the schedule's webhook token → `{vmId, tid, oid, name, time,
   * timeZone}` (JSON). TTL 180 days, renewed each time the schedule is saved through the app.
   */
  autoShutdownToken: (tokenId: string) => `${PREFIX}asd-token:${tokenId}`,
  /** The current webhook token id of a VM's schedule (so a new save or a delete retires the old one). Same TTL. */
  autoShutdownVm: (vmKey: string) => `${PREFIX}asd-vm:${vmKey}`,
  /** One card per notification: claimed by the first delivery of a notification (duplicates ignored). TTL 1 day. */
  autoShutdownDelivered: (tokenId: string, occurrence: string) =>
    `${PREFIX}asd-sent:${tokenId}:${occurrence}`,
  /** A notification card's buttons: the notification's skip / delay links and the card to update. TTL 6 h. */
  autoShutdownNotice: (id: string) => `${PREFIX}asd-notice:${id}`,
  /** The conversation (reference) the bot reaches a user in one-on-one, for proactive cards. TTL 180 days. */
  botConversation: (userKey: string) => `${PREFIX}bot-conv:${userKey}`,
  /** A per-user token bucket (`reads` / `actions`). TTL: until full again. */
  bucket: (kind: string, userKey: string) => `${PREFIX}rate:${kind}:${userKey}`,
} as const;
