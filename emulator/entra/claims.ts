import { createHash, randomBytes } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { guidFrom } from '../seed/large.ts';
import type { Seed } from '../seed/types.ts';
import { issuerFor } from './tenant.ts';

/**
 * Claim sets of the tokens the emulator signs (pure functions: the caller supplies the clock and
 * signs). Shapes follow the interfaces agreed between teams: v2 tokens, `iss` = `{baseUrl}/{tid}/v2.0`.
 */

/** How the client authenticated: `appidacr`/`azpacr` (0 public, 1 secret, 2 certificate or assertion). */
export type ClientAuthMethod = 'none' | 'secret' | 'assertion';
const acr: Record<ClientAuthMethod, string> = { none: '0', secret: '1', assertion: '2' };

/** The user a delegated token is for. */
export interface TokenSubject {
  readonly oid: string;
  readonly upn: string;
  readonly name: string;
}

export interface TimeClaimsInput {
  /** Epoch milliseconds. */
  readonly nowMs: number;
  readonly lifetimeSeconds: number;
  /** Seconds from now until the token becomes valid. Default 0. */
  readonly notBeforeSeconds?: number;
}

export function timeClaims({ nowMs, lifetimeSeconds, notBeforeSeconds = 0 }: TimeClaimsInput) {
  const now = Math.floor(nowMs / 1000);
  return { iat: now, nbf: now + notBeforeSeconds, exp: now + lifetimeSeconds };
}

/** A unique token identifier (`uti`), like Entra's 22-character base64url value. */
export function tokenId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

/** Entra's pairwise `sub`: stable per user and client, different across clients. */
export function pairwiseSub(oid: string, clientId: string): string {
  return createHash('sha256').update(`${oid}|${clientId.toLowerCase()}`).digest('base64url').slice(0, 43);
}

/** The object id of an app's service principal (the identity of its app-only tokens). */
export function servicePrincipalOid(clientId: string): string {
  return guidFrom(`service-principal:${clientId.toLowerCase()}`);
}

/** `client_info` MSAL asks for (`client_info=1`): base64url JSON `{uid, utid}`. */
export function clientInfo(oid: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: oid, utid: tenantId })).toString('base64url');
}

export interface DelegatedTokenInput extends TimeClaimsInput {
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly user: TokenSubject;
  readonly audience: string;
  /** Space-separated delegated scopes. Empty → no `scp` claim. */
  readonly scp: string;
  /** The client the token was issued to (`azp`, `appid`). */
  readonly clientId: string;
  readonly authMethod: ClientAuthMethod;
  /** Client capabilities the client declared (`cp1` → `xms_cc`). */
  readonly capabilities?: readonly string[];
}

/** A delegated (user) access token: ARM tokens from OBO and tokens from the authorization code flow. */
export function delegatedAccessTokenClaims(input: DelegatedTokenInput): JWTPayload {
  const { user } = input;
  return {
    aud: input.audience,
    iss: issuerFor(input.baseUrl, input.tenantId),
    ...timeClaims(input),
    ...(input.capabilities?.length ? { xms_cc: [...input.capabilities] } : {}),
    amr: ['pwd'],
    appid: input.clientId,
    appidacr: acr[input.authMethod],
    azp: input.clientId,
    azpacr: acr[input.authMethod],
    idtyp: 'user',
    name: user.name,
    oid: user.oid,
    preferred_username: user.upn,
    ...(input.scp ? { scp: input.scp } : {}),
    sub: pairwiseSub(user.oid, input.clientId),
    tid: input.tenantId,
    unique_name: user.upn,
    upn: user.upn,
    uti: tokenId(),
    ver: '2.0',
  };
}

export interface SsoTokenInput extends TimeClaimsInput {
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly user: TokenSubject;
  /** Default: the app's client id (v2 SSO tokens). */
  readonly audience: string;
  /** Default `access_as_user`; empty → no `scp` claim. */
  readonly scp: string;
  /** The Teams client (`azp`). */
  readonly azp: string;
}

/** The SSO token Teams hands the app (also what `POST /_emulator/token` mints). */
export function ssoTokenClaims(input: SsoTokenInput): JWTPayload {
  const { user } = input;
  return {
    aud: input.audience,
    iss: issuerFor(input.baseUrl, input.tenantId),
    ...timeClaims(input),
    azp: input.azp,
    azpacr: '0',
    idtyp: 'user',
    name: user.name,
    oid: user.oid,
    preferred_username: user.upn,
    ...(input.scp ? { scp: input.scp } : {}),
    sub: pairwiseSub(user.oid, input.azp),
    tid: input.tenantId,
    uti: tokenId(),
    jti: tokenId(),
    ver: '2.0',
  };
}

export interface AppTokenInput extends TimeClaimsInput {
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly audience: string;
  readonly clientId: string;
  readonly authMethod: ClientAuthMethod;
}

/** An app-only token (client credentials): the app's service principal, no roles. */
export function appAccessTokenClaims(input: AppTokenInput): JWTPayload {
  const oid = servicePrincipalOid(input.clientId);
  return {
    aud: input.audience,
    iss: issuerFor(input.baseUrl, input.tenantId),
    ...timeClaims(input),
    appid: input.clientId,
    appidacr: acr[input.authMethod],
    azp: input.clientId,
    azpacr: acr[input.authMethod],
    idtyp: 'app',
    oid,
    sub: oid,
    tid: input.tenantId,
    uti: tokenId(),
    ver: '2.0',
  };
}

export interface IdTokenInput extends TimeClaimsInput {
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly user: TokenSubject;
  readonly clientId: string;
  readonly nonce: string | undefined;
  /** OIDC scopes granted: `email` adds the email claim. */
  readonly oidc: readonly string[];
}

/** The OpenID Connect id_token of the authorization code flow. */
export function idTokenClaims(input: IdTokenInput): JWTPayload {
  const { user } = input;
  return {
    aud: input.clientId,
    iss: issuerFor(input.baseUrl, input.tenantId),
    ...timeClaims(input),
    ...(input.oidc.includes('email') ? { email: user.upn } : {}),
    name: user.name,
    ...(input.nonce ? { nonce: input.nonce } : {}),
    oid: user.oid,
    preferred_username: user.upn,
    sub: pairwiseSub(user.oid, input.clientId),
    tid: input.tenantId,
    uti: tokenId(),
    ver: '2.0',
  };
}

/** The user-assigned managed identity the emulator hosts, usable as the app's federated credential. */
export interface ManagedIdentity {
  readonly name: string;
  readonly clientId: string;
  /** Its service principal's object id: `sub`/`oid` of its tokens. */
  readonly principalId: string;
  /** ARM resource id (`xms_mirid`). */
  readonly resourceId: string;
}

/** Audience a managed identity token must carry to be exchanged as a federated credential. */
export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** The seed's app has one federated credential: this managed identity (deterministic ids). */
export function managedIdentityOf(seed: Seed): ManagedIdentity {
  const name = 'id-vm-manager-local';
  const subscription = seed.subscriptions[0]?.subscriptionId ?? guidFrom('managed-identity-subscription');
  return {
    name,
    clientId: guidFrom(`managed-identity-client:${seed.app.clientId}`),
    principalId: guidFrom(`managed-identity-principal:${seed.app.clientId}`),
    resourceId: `/subscriptions/${subscription}/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`,
  };
}

export interface ManagedIdentityTokenInput extends TimeClaimsInput {
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly identity: ManagedIdentity;
  /** Default `api://AzureADTokenExchange`. */
  readonly audience: string;
}

/** A managed identity's app-only token, as IMDS would return it. */
export function managedIdentityTokenClaims(input: ManagedIdentityTokenInput): JWTPayload {
  const { identity } = input;
  return {
    aud: input.audience,
    iss: issuerFor(input.baseUrl, input.tenantId),
    ...timeClaims(input),
    appid: identity.clientId,
    appidacr: '2',
    azp: identity.clientId,
    azpacr: '2',
    idtyp: 'app',
    oid: identity.principalId,
    sub: identity.principalId,
    tid: input.tenantId,
    uti: tokenId(),
    ver: '2.0',
    xms_mirid: identity.resourceId,
  };
}
