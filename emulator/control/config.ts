import type { EmulatorContext } from '../context.ts';
import { managedIdentityOf } from '../entra/claims.ts';

/** `GET /_emulator/config`: everything a client needs to use the emulator (agreed shape + `managedIdentity`). */
export function emulatorConfig(ctx: EmulatorContext) {
  const { seed } = ctx;
  const identity = managedIdentityOf(seed);
  return {
    tenantId: seed.tenant.id,
    tenantDomain: seed.tenant.domain,
    authorityHost: ctx.baseUrl,
    armEndpoint: ctx.baseUrl,
    caPath: ctx.caPath,
    app: {
      clientId: seed.app.clientId,
      clientSecret: seed.app.clientSecret,
      identifierUri: seed.app.identifierUri,
      scope: seed.app.scope,
    },
    users: seed.users.map((u) => ({ key: u.key, name: u.name, upn: u.upn, oid: u.oid })),
    teamsClientId: seed.teamsClientId,
    /** The user-assigned managed identity registered as the app's federated credential. */
    managedIdentity: {
      clientId: identity.clientId,
      principalId: identity.principalId,
      resourceId: identity.resourceId,
    },
  };
}
