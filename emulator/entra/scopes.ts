import type { Seed } from '../seed/types.ts';
import { entraErrors } from './errors.ts';

/** A resource (API) tokens can be issued for, and the delegated scopes it exposes. */
export interface Resource {
  readonly displayName: string;
  /** `aud` of tokens for it, unless `audiences` names one for the identifier a request used. */
  readonly audience: string;
  /**
   * `aud` by the identifier a scope names the resource with (lowercase, no trailing slash): Entra puts the
   * requested identifier URI in the token, so `https://management.core.windows.net//.default` (azure-cli's ARM
   * scope) gets `aud: https://management.core.windows.net/`.
   */
  readonly audiences?: Readonly<Record<string, string>>;
  /** Identifiers a scope may name it by (compared without a trailing slash, case-insensitively). */
  readonly identifiers: readonly string[];
  /** Prefix of its canonical scope strings, e.g. `https://management.azure.com/` (for the consent page). */
  readonly scopePrefix: string;
  /** Delegated permissions (`scp` values). */
  readonly scopes: readonly string[];
  /** Does a user need to have consented to the app for a token to this resource? */
  readonly requiresConsent: boolean;
}

/** OIDC scopes: never name a resource. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;
export const DEFAULT_SCOPE = '.default';

/** Azure Resource Manager ("Windows Azure Service Management API") as the emulator knows it. */
export const ARM_AUDIENCE = 'https://management.azure.com/';

/** The resources this emulator issues tokens for: ARM, and the product's own API. */
export function resourcesOf(seed: Seed): readonly Resource[] {
  const { app } = seed;
  return [
    {
      displayName: 'Windows Azure Service Management API',
      audience: ARM_AUDIENCE,
      audiences: {
        'https://management.azure.com': 'https://management.azure.com/',
        'https://management.core.windows.net': 'https://management.core.windows.net/',
      },
      identifiers: [
        'https://management.azure.com',
        'https://management.core.windows.net',
        '797f4846-ba00-4fd7-ba43-dac1f8f63013',
      ],
      scopePrefix: ARM_AUDIENCE,
      scopes: ['user_impersonation'],
      requiresConsent: true,
    },
    {
      displayName: app.displayName,
      audience: app.clientId,
      identifiers: [app.identifierUri, app.clientId, `api://${app.clientId}`],
      scopePrefix: `${app.identifierUri}/`,
      scopes: [app.scope],
      requiresConsent: false,
    },
  ];
}

/** A parsed `scope` parameter. */
export interface RequestedScopes {
  /** The one resource named, or undefined when only OIDC scopes were asked for. */
  readonly resource: Resource | undefined;
  /** Resource scopes exactly as sent (echoed back so MSAL's cache lookups match). */
  readonly requested: readonly string[];
  /** Delegated permissions granted: every scope of the resource for `.default`, else those named. */
  readonly permissions: readonly string[];
  /** True when the resource was asked for with `/.default`. */
  readonly isDefault: boolean;
  /** OIDC scopes asked for (lowercase). */
  readonly oidc: readonly string[];
  /** `aud` of the token: the identifier the request named the resource with (undefined: no resource). */
  readonly audience: string | undefined;
  /**
   * Prefix of the granted scopes in the response, as the request spelled the resource: Entra answers
   * `https://management.core.windows.net//.default` with `https://management.core.windows.net//user_impersonation`.
   */
  readonly grantedPrefix: string | undefined;
}

const stripSlash = (s: string) => s.replace(/\/+$/, '').toLowerCase();

/** Splits `https://management.azure.com//.default` into resource `https://management.azure.com/` + `.default`. */
function splitScope(scope: string): { resource: string; permission: string } {
  const slash = scope.lastIndexOf('/');
  // A bare scope (`User.Read`) names Microsoft Graph, which this emulator does not host.
  if (slash <= 0) return { resource: 'https://graph.microsoft.com', permission: scope };
  return { resource: scope.slice(0, slash), permission: scope.slice(slash + 1) };
}

export interface ParseScopesOptions {
  /**
   * Scopes of several resources: `reject` (token requests, AADSTS28000; default) or `first` (authorize,
   * where scopes of other resources are only consented to, and code redemption without `scope`: the
   * token is for the first resource, as in Entra).
   */
  readonly multipleResources?: 'reject' | 'first';
}

/**
 * Parses a space-separated `scope` parameter like Entra: every resource and permission must exist
 * (AADSTS500011, AADSTS650053), one resource per token (AADSTS28000), OIDC scopes on the side.
 */
export function parseScopes(scope: string, seed: Seed, options: ParseScopesOptions = {}): RequestedScopes {
  const all = [...new Set(scope.split(/\s+/).filter(Boolean))];
  const isOidc = (s: string) => (OIDC_SCOPES as readonly string[]).includes(s.toLowerCase());
  const oidc = all.filter(isOidc).map((s) => s.toLowerCase());

  const resources = resourcesOf(seed);
  const named: Array<{ scope: string; resource: Resource; name: string; permission: string }> = [];
  for (const item of all.filter((s) => !isOidc(s))) {
    const { resource: name, permission } = splitScope(item);
    const found = resources.find((r) => r.identifiers.some((id) => stripSlash(id) === stripSlash(name)));
    if (!found) throw entraErrors.resourceNotFound(name, seed.tenant.name);
    if (
      permission !== DEFAULT_SCOPE &&
      !found.scopes.some((s) => s.toLowerCase() === permission.toLowerCase())
    ) {
      throw entraErrors.scopeNotFound(seed.app.displayName, permission, found.scopePrefix.replace(/\/$/, ''));
    }
    named.push({ scope: item, resource: found, name, permission });
  }
  const first = named[0];
  const resource = first?.resource;
  if (named.some((n) => n.resource !== resource) && options.multipleResources !== 'first') {
    throw entraErrors.multipleResources(all.join(' '));
  }
  const mine = named.filter((n) => n.resource === resource);
  const isDefault = mine.some((n) => n.permission === DEFAULT_SCOPE);
  const permissions = new Set<string>();
  for (const n of mine) {
    if (n.permission === DEFAULT_SCOPE) n.resource.scopes.forEach((s) => permissions.add(s));
    else permissions.add(n.resource.scopes.find((s) => s.toLowerCase() === n.permission.toLowerCase())!);
  }
  return {
    resource,
    requested: mine.map((n) => n.scope),
    permissions: [...permissions],
    isDefault,
    oidc,
    audience: first
      ? (first.resource.audiences?.[stripSlash(first.name)] ?? first.resource.audience)
      : undefined,
    grantedPrefix: first ? `${first.name}/` : undefined,
  };
}

/**
 * The response's `scope`, as Entra answers it: the granted permissions (for `.default`, every permission of the
 * resource: `https://management.azure.com/user_impersonation`), the resource scopes exactly as requested, and
 * the OIDC scopes the request asked for (`openid profile offline_access`). MSAL (JavaScript and Python) caches
 * the token under this scope set and finds it again only if it contains the scopes it asks for — which is why
 * the requested ones are always there.
 */
export function responseScope(scopes: RequestedScopes): string {
  const prefix = scopes.grantedPrefix ?? scopes.resource?.scopePrefix ?? '';
  const canonical = scopes.resource ? scopes.permissions.map((p) => `${prefix}${p}`) : [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of [...canonical, ...scopes.requested, ...scopes.oidc]) {
    if (seen.has(s.toLowerCase())) continue;
    seen.add(s.toLowerCase());
    out.push(s);
  }
  return out.join(' ');
}
