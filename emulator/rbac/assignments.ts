import type { Seed } from '../seed/types.ts';
import { guidFrom } from '../seed/large.ts';
import {
  compilePermission,
  normalizeScope,
  scopeAppliesTo,
  scopeIsWithin,
  type ActionMatcher,
  type Permission,
} from './evaluate.ts';

/** A role assignment resolved from the seed: who, which role, where. */
export interface RoleAssignment {
  /** `{scope}/providers/Microsoft.Authorization/roleAssignments/{guid}` */
  readonly id: string;
  /** Object id of the user the role is assigned to. */
  readonly principalId: string;
  readonly roleDefinitionId: string;
  readonly roleName: string;
  /** The scope as written in the seed. */
  readonly scope: string;
  readonly permission: Permission;
  /** Compiled `permission`. */
  readonly grants: ActionMatcher;
}

/** Read-only view of every role assignment, indexed by principal. */
export interface RoleAssignments {
  /** The principal's assignments at `scope` or above it (inherited), in seed order. */
  applicableAt(principalId: string, scope: string): readonly RoleAssignment[];
  /** True when the principal has any assignment at, above or below `scope`. */
  touches(principalId: string, scope: string): boolean;
  /** True when the principal's effective permissions at `scope` include `action`. */
  isPermitted(principalId: string, action: string, scope: string): boolean;
}

/**
 * Resolves the seed's role assignments (user keys → object ids, role names → definitions). Fails fast on a
 * seed that names an unknown user or role. Principals with no assignments (e.g. the large seed's synthetic
 * `load-NNNNN` users, or app service principals) simply have none.
 */
export function createRoleAssignments(seed: Seed): RoleAssignments {
  const byPrincipal = new Map<string, RoleAssignment[]>();
  for (const entry of seed.roleAssignments) {
    const user = seed.users.find((u) => u.key === entry.user);
    if (!user) throw new Error(`Seed role assignment names unknown user "${entry.user}"`);
    const role = seed.roleDefinitions.find((r) => r.roleName.toLowerCase() === entry.role.toLowerCase());
    if (!role) throw new Error(`Seed role assignment names unknown role "${entry.role}"`);
    const permission: Permission = { actions: role.actions, notActions: role.notActions };
    const assignment: RoleAssignment = {
      id: `${entry.scope}/providers/Microsoft.Authorization/roleAssignments/${guidFrom(`${entry.scope}|${user.oid}|${role.id}`)}`,
      principalId: user.oid,
      roleDefinitionId: role.id,
      roleName: role.roleName,
      scope: entry.scope,
      permission,
      grants: compilePermission(permission),
    };
    const key = user.oid.toLowerCase();
    byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), assignment]);
  }

  const of = (principalId: string): readonly RoleAssignment[] =>
    byPrincipal.get(principalId.toLowerCase()) ?? [];
  const applicableAt = (principalId: string, scope: string) =>
    of(principalId).filter((a) => scopeAppliesTo(a.scope, scope));

  return {
    applicableAt,
    touches: (principalId, scope) => {
      const s = normalizeScope(scope);
      return of(principalId).some((a) => scopeAppliesTo(a.scope, s) || scopeIsWithin(a.scope, s));
    },
    isPermitted: (principalId, action, scope) =>
      applicableAt(principalId, scope).some((a) => a.grants(action)),
  };
}
