/**
 * Azure RBAC evaluation, as pure functions: action patterns with `*` wildcards, scope inheritance,
 * and "effective permissions = union over role assignments of (Actions − NotActions)".
 *
 * Everything is case-insensitive, as in Azure.
 */

/** The permission part of a role definition. */
export interface Permission {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
}

/** A compiled action pattern, e.g. `Microsoft.Compute/virtualMachines/*` or `*\/read`. */
export type ActionMatcher = (action: string) => boolean;

/**
 * Compiles an RBAC action pattern. `*` matches any run of characters, including `/`, so `*\/read` matches
 * every read action and `Microsoft.Compute/*` every Compute action. No other character is special.
 */
export function compileActionPattern(pattern: string): ActionMatcher {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`, 'i');
  return (action) => regex.test(action);
}

/** True when `pattern` grants `action` (case-insensitive, `*` wildcards). */
export function actionMatches(pattern: string, action: string): boolean {
  return compileActionPattern(pattern)(action);
}

/**
 * Compiles one role's permission into a predicate: `action` is granted when some Action matches it and
 * no NotAction does. (NotActions subtract from that role only, never from other roles.)
 */
export function compilePermission(permission: Permission): ActionMatcher {
  const allow = permission.actions.map(compileActionPattern);
  const deny = permission.notActions.map(compileActionPattern);
  return (action) => allow.some((m) => m(action)) && !deny.some((m) => m(action));
}

/** True when one role's permission grants `action`. */
export function permissionGrants(permission: Permission, action: string): boolean {
  return compilePermission(permission)(action);
}

/** True when the union of the given roles' effective permissions grants `action`. */
export function isActionPermitted(permissions: readonly Permission[], action: string): boolean {
  return permissions.some((permission) => permissionGrants(permission, action));
}

/** Lower-cased scope without a trailing slash: the form scopes are compared in. */
export function normalizeScope(scope: string): string {
  return scope.replace(/\/+$/, '').toLowerCase();
}

/**
 * True when an assignment at `assignmentScope` applies at `scope`: the same scope or one of its ancestors
 * (`/subscriptions/x` applies to `/subscriptions/x/resourceGroups/rg/...`). Segment-aware: `/subscriptions/x`
 * does not apply to `/subscriptions/x2`.
 */
export function scopeAppliesTo(assignmentScope: string, scope: string): boolean {
  const a = normalizeScope(assignmentScope);
  const s = normalizeScope(scope);
  return s === a || s.startsWith(`${a}/`);
}

/** True when `scope` is `ancestor` or lies below it (the reverse of `scopeAppliesTo`). */
export function scopeIsWithin(scope: string, ancestor: string): boolean {
  return scopeAppliesTo(ancestor, scope);
}
