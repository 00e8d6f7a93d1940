import type { Seed, SeedTenant } from '../seed/types.ts';

/** A tenant as addressed in a route: the directory it resolves to, and how it was named. */
export interface RoutedTenant {
  readonly tenant: SeedTenant;
  /** The path segment as sent (decoded), e.g. the GUID, `contoso.onmicrosoft.com` or `organizations`. */
  readonly segment: string;
  /** `common` / `organizations`: multi-tenant aliases; discovery then advertises `{tenantid}` issuers. */
  readonly alias: boolean;
}

const ALIASES = new Set(['common', 'organizations']);

/**
 * Resolves a route's tenant segment: the tenant GUID, its verified domain (case-insensitive), or the
 * `common` / `organizations` aliases (this emulator has one directory). Undefined → AADSTS90002.
 */
export function resolveTenant(seed: Seed, segment: string): RoutedTenant | undefined {
  const wanted = segment.toLowerCase();
  const { tenant } = seed;
  if (wanted === tenant.id.toLowerCase() || wanted === tenant.domain.toLowerCase()) {
    return { tenant, segment, alias: false };
  }
  if (ALIASES.has(wanted)) return { tenant, segment, alias: true };
  return undefined;
}

/** The v2 issuer of tokens this emulator signs for a tenant id: `{baseUrl}/{tenantId}/v2.0`. */
export function issuerFor(baseUrl: string, tenantId: string): string {
  return `${baseUrl}/${tenantId}/v2.0`;
}

/** The v1-style issuer this emulator also accepts in assertions: `{baseUrl}/{tenantId}/`. */
export function v1IssuerFor(baseUrl: string, tenantId: string): string {
  return `${baseUrl}/${tenantId}/`;
}

/** Tenant path segment for advertised endpoints: the tenant id, or the alias as sent. */
export function endpointTenant(t: RoutedTenant): string {
  return t.alias ? t.segment.toLowerCase() : t.tenant.id;
}

/** Tenant in an advertised issuer: the tenant id, or Entra's `{tenantid}` template for aliases. */
export function issuerTenant(t: RoutedTenant): string {
  return t.alias ? '{tenantid}' : t.tenant.id;
}
