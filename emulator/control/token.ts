import { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import {
  managedIdentityOf,
  managedIdentityTokenClaims,
  ssoTokenClaims,
  TOKEN_EXCHANGE_AUDIENCE,
} from '../entra/claims.ts';
import { resolveUser } from '../entra/users.ts';
import { guidFrom } from '../seed/large.ts';
import { ControlError } from './errors.ts';

const YEAR = 365 * 86_400;
const seconds = z.number().int().min(-YEAR).max(YEAR);

/**
 * `POST /_emulator/token`. Either `{user, …}`: an SSO token as Teams hands the app (agreed claims;
 * `audience` default the app's client id, `scp` default `access_as_user` — empty string omits it,
 * `tenant` another tenant id or name to forge a foreign token), or `{managedIdentity: true | clientId,
 * audience?}`: the token of the emulator's user-assigned managed identity (audience default
 * `api://AzureADTokenExchange`), which the app registration accepts as a federated client assertion.
 */
export const tokenRequestSchema = z
  .strictObject({
    user: z.string().min(1).max(128).optional(),
    managedIdentity: z.union([z.literal(true), z.string().min(1).max(64)]).optional(),
    audience: z.string().min(1).max(512).optional(),
    expiresInSeconds: seconds.optional(),
    notBeforeSeconds: seconds.optional(),
    tenant: z.string().min(1).max(256).optional(),
    scp: z.string().max(1024).optional(),
  })
  .refine((b) => (b.user === undefined) !== (b.managedIdentity === undefined), {
    message: "exactly one of 'user' or 'managedIdentity' is required",
  })
  .refine((b) => b.managedIdentity === undefined || b.scp === undefined, {
    message: "'scp' does not apply to managed identity tokens (they are app-only)",
    path: ['scp'],
  });

export type TokenRequest = z.output<typeof tokenRequestSchema>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant id a token claims: this tenant (by id or domain), a given GUID, or a stable GUID for a name. */
function tenantIdFor(ctx: EmulatorContext, tenant: string | undefined): string {
  const { tenant: own } = ctx.seed;
  if (!tenant) return own.id;
  const lower = tenant.toLowerCase();
  if (
    lower === own.id.toLowerCase() ||
    lower === own.domain.toLowerCase() ||
    lower === own.name.toLowerCase()
  )
    return own.id;
  return GUID.test(tenant) ? lower : guidFrom(`tenant:${lower}`);
}

export interface MintedToken {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

export async function mintToken(ctx: EmulatorContext, body: TokenRequest): Promise<MintedToken> {
  const lifetimeSeconds = body.expiresInSeconds ?? ctx.options.tokenLifetimeSeconds;
  const time = { nowMs: ctx.now(), lifetimeSeconds, notBeforeSeconds: body.notBeforeSeconds ?? 0 };
  const tenantId = tenantIdFor(ctx, body.tenant);
  let claims;
  if (body.managedIdentity !== undefined) {
    const identity = managedIdentityOf(ctx.seed);
    if (body.managedIdentity !== true && body.managedIdentity.toLowerCase() !== identity.clientId) {
      throw new ControlError(
        400,
        'UnknownManagedIdentity',
        `No managed identity with client id '${body.managedIdentity}'. The emulator hosts one: ${identity.clientId}.`,
      );
    }
    claims = managedIdentityTokenClaims({
      ...time,
      baseUrl: ctx.baseUrl,
      tenantId,
      identity,
      audience: body.audience ?? TOKEN_EXCHANGE_AUDIENCE,
    });
  } else {
    const user = resolveUser(ctx, body.user!);
    if (!user) {
      const known = ctx.seed.users.map((u) => u.key).join(', ');
      throw new ControlError(400, 'UnknownUser', `No user '${body.user}'. Known users: ${known}.`);
    }
    claims = ssoTokenClaims({
      ...time,
      baseUrl: ctx.baseUrl,
      tenantId,
      user,
      audience: body.audience ?? ctx.seed.app.clientId,
      scp: body.scp ?? ctx.seed.app.scope,
      azp: ctx.seed.teamsClientId,
    });
  }
  return { access_token: await ctx.keys.sign(claims), token_type: 'Bearer', expires_in: lifetimeSeconds };
}
