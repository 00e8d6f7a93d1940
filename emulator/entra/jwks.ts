import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import { publicDocHeaders, publicDocPreflight } from './discovery.ts';
import type { EntraRequest } from './request.ts';
import { issuerTenant } from './tenant.ts';

/** JWKS (`/{tenant}/discovery/v2.0/keys`, `/{tenant}/discovery/keys`): the emulator's RS256 key(s). */
export async function jwks({ req, ctx, tenant }: EntraRequest): Promise<EmuResponse> {
  const pre = publicDocPreflight(req);
  if (pre) return pre;
  ctx.stats.jwks += 1;
  const issuer = `${ctx.baseUrl}/${issuerTenant(tenant)}/v2.0`;
  const keys = ctx.keys.jwks().keys.map((key) => ({ ...key, issuer }));
  return json(200, { keys }, publicDocHeaders(req));
}
