import { timingSafeEqual } from 'node:crypto';
import { errors as joseErrors } from 'jose';
import type { EmulatorContext } from '../context.ts';
import type { SeedApp, SeedTenant } from '../seed/types.ts';
import { decodeOrThrow } from './assertion.ts';
import { managedIdentityOf, TOKEN_EXCHANGE_AUDIENCE, type ClientAuthMethod } from './claims.ts';
import { entraErrors } from './errors.ts';
import { param } from './request.ts';
import { issuerFor } from './tenant.ts';

/**
 * Client authentication at the token endpoint: `client_secret`, or `client_assertion` (jwt-bearer),
 * or none for public clients (authorization code + PKCE, refresh token).
 *
 * Client assertions: the app registration has no certificate, and one federated identity credential
 * — the emulator's user-assigned managed identity (`managedIdentityOf(seed)`): issuer = this
 * emulator's v2 issuer for the tenant, subject = the identity's principal id, audience
 * `api://AzureADTokenExchange`. A token minted by `POST /_emulator/token {managedIdentity: true}` is
 * such an assertion (what `getAssertion` returns in local mode). Certificate-style assertions
 * (`iss` = `sub` = client id) fail with AADSTS700027 (no key registered), as they would in Entra.
 */

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface AuthenticatedClient {
  readonly app: SeedApp;
  readonly method: ClientAuthMethod;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The registered app with this client id, or AADSTS700016. */
export function findClient(ctx: EmulatorContext, tenant: SeedTenant, clientId: string | undefined): SeedApp {
  if (!clientId) throw entraErrors.missingParameter('client_id');
  const { app } = ctx.seed;
  if (clientId.toLowerCase() !== app.clientId.toLowerCase()) {
    throw entraErrors.applicationNotFound(clientId, tenant.name);
  }
  return app;
}

async function verifyFederatedAssertion(
  assertion: string,
  ctx: EmulatorContext,
  tenant: SeedTenant,
  app: SeedApp,
): Promise<void> {
  const { header, payload } = decodeOrThrow(assertion);
  const issuer = String(payload.iss ?? '');
  const subject = String(payload.sub ?? '');
  const audiences = (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).filter(
    (a): a is string => typeof a === 'string',
  );
  const nowSeconds = Math.floor(ctx.now() / 1000);

  // Certificate credential (iss = sub = client id): this app has no certificate registered.
  if (issuer.toLowerCase() === app.clientId.toLowerCase()) {
    throw entraErrors.clientAssertionSignature(
      app.clientId,
      String(header['x5t#S256'] ?? header.x5t ?? header.kid ?? ''),
    );
  }
  const identity = managedIdentityOf(ctx.seed);
  const matches =
    issuer === issuerFor(ctx.baseUrl, tenant.id) &&
    subject.toLowerCase() === identity.principalId &&
    audiences.includes(TOKEN_EXCHANGE_AUDIENCE);
  if (!matches) throw entraErrors.noMatchingFederatedIdentity(issuer, subject, audiences.join(', '));
  if (header.kid !== ctx.keys.kid) throw entraErrors.clientAssertionSignature(app.clientId, header.kid ?? '');
  try {
    await ctx.keys.verify(assertion, {
      currentDate: new Date(ctx.now()),
      clockTolerance: 0,
      requiredClaims: ['exp'],
    });
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired || error instanceof joseErrors.JWTClaimValidationFailed) {
      throw entraErrors.clientAssertionTimeRange(nowSeconds, payload.nbf, payload.exp);
    }
    throw entraErrors.clientAssertionSignature(app.clientId, header.kid ?? '');
  }
}

export interface ClientAuthOptions {
  /** Confidential flows (OBO, client credentials) need a secret or an assertion. */
  readonly requireCredential: boolean;
}

/** Authenticates the client of a token request, or throws the AADSTS error Entra would. */
export async function authenticateClient(
  params: URLSearchParams,
  ctx: EmulatorContext,
  tenant: SeedTenant,
  options: ClientAuthOptions,
): Promise<AuthenticatedClient> {
  const app = findClient(ctx, tenant, param(params, 'client_id'));
  const secret = param(params, 'client_secret');
  if (secret !== undefined) {
    if (!sameSecret(secret, app.clientSecret)) throw entraErrors.invalidClientSecret(app.clientId);
    return { app, method: 'secret' };
  }
  const assertion = param(params, 'client_assertion');
  if (assertion !== undefined) {
    const type = param(params, 'client_assertion_type');
    if (!type) throw entraErrors.missingParameter('client_assertion_type');
    if (type !== JWT_BEARER_ASSERTION_TYPE) throw entraErrors.unsupportedClientAssertionType(type);
    await verifyFederatedAssertion(assertion, ctx, tenant, app);
    return { app, method: 'assertion' };
  }
  if (options.requireCredential) throw entraErrors.missingClientCredential();
  return { app, method: 'none' };
}
