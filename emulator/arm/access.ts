import type { EmulatorContext } from '../context.ts';
import type { EmuRequest } from '../http/types.ts';
import type { RoleAssignments } from '../rbac/assignments.ts';
import type { Caller } from './auth.ts';
import { armErrors } from './errors.ts';
import type { ArmStore, SubscriptionRecord } from './store.ts';

/** What every ARM resource handler is built from. */
export interface ArmDeps {
  readonly ctx: EmulatorContext;
  readonly store: ArmStore;
  readonly rbac: RoleAssignments;
}

/** One authenticated, routed ARM call. */
export interface ArmCall {
  readonly caller: Caller;
  /** The validated api-version, in its canonical spelling. */
  readonly apiVersion: string;
  readonly req: EmuRequest;
  /** Epoch ms, read once per request. */
  readonly now: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The subscription a request names: 400 `InvalidSubscriptionId` if not a GUID, 404 `SubscriptionNotFound` if unknown. */
export function requireSubscription(deps: ArmDeps, subscriptionId: string): SubscriptionRecord {
  if (!GUID.test(subscriptionId)) throw armErrors.invalidSubscriptionId(subscriptionId);
  const sub = deps.store.subscription(subscriptionId);
  if (!sub) throw armErrors.subscriptionNotFound(subscriptionId);
  return sub;
}

/** Throws 403 `AuthorizationFailed` unless the caller's effective permissions at `scope` include `action`. */
export function demand(deps: ArmDeps, caller: Caller, action: string, scope: string): void {
  if (!deps.rbac.isPermitted(caller.oid, action, scope))
    throw armErrors.authorizationFailed(caller, action, scope);
}

/**
 * For list operations: ARM filters a collection down to what the caller may read, provided the caller has some
 * role assignment at, above or below the collection's scope; with none at all it answers 403 for `action`.
 */
export function demandSomeAccess(deps: ArmDeps, caller: Caller, action: string, scope: string): void {
  if (!deps.rbac.touches(caller.oid, scope)) throw armErrors.authorizationFailed(caller, action, scope);
}

/** A boolean query parameter (`true`/`false`, case-insensitive); 400 `InvalidParameter` otherwise. */
export function booleanParam(url: URL, name: string): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return false;
  if (/^true$/i.test(raw)) return true;
  if (/^false$/i.test(raw)) return false;
  throw armErrors.invalidParameter(
    name,
    `The value '${raw}' of parameter '${name}' is not valid. Allowed values are 'true', 'false'.`,
  );
}

/** `$expand` values (comma-separated) checked against `allowed`; 400 `InvalidParameter` otherwise. */
export function expandParam(url: URL, allowed: readonly string[]): Set<string> {
  const raw = url.searchParams.get('$expand');
  const values = new Set<string>();
  if (raw === null || raw.trim() === '') return values;
  for (const part of raw.split(',')) {
    const match = allowed.find((a) => a.toLowerCase() === part.trim().toLowerCase());
    if (!match) {
      throw armErrors.invalidParameter(
        '$expand',
        `The value '${raw}' of parameter '$expand' is not valid. Allowed values are ${allowed.map((a) => `'${a}'`).join(', ')}.`,
      );
    }
    values.add(match);
  }
  return values;
}
