import type { EmuResponse } from '../http/types.ts';
import { json } from '../http/respond.ts';

/**
 * Entra ID (AADSTS) errors. One factory method per real service error, so codes, `error` values, HTTP
 * statuses and descriptions match what Entra sends; `entraErrorResponse` adds the trace/correlation
 * envelope. Handlers throw `EntraError`; the router renders it as JSON (token, discovery) or as an
 * error page / redirect (authorize).
 */

/** OAuth `error` values Entra uses. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_resource'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'access_denied'
  | 'login_required'
  | 'consent_required'
  | 'interaction_required'
  | 'temporarily_unavailable';

export interface EntraErrorInit {
  readonly error: OAuthErrorCode;
  /** The AADSTS number, e.g. 65001. */
  readonly code: number;
  /** The description without the `AADSTSnnnnn: ` prefix and trace trailer. */
  readonly description: string;
  /** HTTP status on the token endpoint. Default 400. */
  readonly status?: number;
  readonly suberror?: string;
  /** `error_subcode` on authorize redirects (e.g. `cancel`). */
  readonly subcode?: string;
}

export class EntraError extends Error {
  readonly error: OAuthErrorCode;
  readonly code: number;
  readonly description: string;
  readonly status: number;
  readonly suberror: string | undefined;
  readonly subcode: string | undefined;

  constructor(init: EntraErrorInit) {
    super(`AADSTS${init.code}: ${init.description}`);
    this.name = 'EntraError';
    this.error = init.error;
    this.code = init.code;
    this.description = init.description;
    this.status = init.status ?? 400;
    this.suberror = init.suberror;
    this.subcode = init.subcode;
  }
}

/** Per-request identifiers Entra puts in every error (and in `x-ms-request-id`). */
export interface RequestMeta {
  readonly traceId: string;
  /** The caller's `client-request-id` when it sent one, else a fresh GUID. */
  readonly correlationId: string;
  /** The caller's `client-request-id`, echoed back as a header. */
  readonly clientRequestId: string | undefined;
  /** `2024-06-20 11:53:16Z` */
  readonly timestamp: string;
  /** Where `error_uri` points. */
  readonly baseUrl: string;
}

/** Entra's timestamp format: `YYYY-MM-DD hh:mm:ssZ`. */
export function entraTimestamp(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

/** The full `error_description`: `AADSTSnnnnn: … Trace ID: … Correlation ID: … Timestamp: …`. */
export function fullDescription(err: EntraError, meta: RequestMeta): string {
  return `${err.message} Trace ID: ${meta.traceId} Correlation ID: ${meta.correlationId} Timestamp: ${meta.timestamp}`;
}

/** The JSON body Entra's token and discovery endpoints send. */
export function entraErrorBody(err: EntraError, meta: RequestMeta): Record<string, unknown> {
  return {
    error: err.error,
    error_description: fullDescription(err, meta),
    error_codes: [err.code],
    timestamp: meta.timestamp,
    trace_id: meta.traceId,
    correlation_id: meta.correlationId,
    error_uri: `${meta.baseUrl}/error?code=${err.code}`,
    ...(err.suberror ? { suberror: err.suberror } : {}),
  };
}

/** Headers on every Entra response: request ids and no caching. */
export function entraHeaders(meta: RequestMeta): Record<string, string> {
  return {
    'x-ms-request-id': meta.traceId,
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
    ...(meta.clientRequestId ? { 'client-request-id': meta.clientRequestId } : {}),
  };
}

export function entraErrorResponse(
  err: EntraError,
  meta: RequestMeta,
  headers: Record<string, string> = {},
): EmuResponse {
  return json(err.status, entraErrorBody(err, meta), { ...entraHeaders(meta), ...headers });
}

const time = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().replace(/Z$/, '0000Z');

/** The factory: one method per AADSTS error this emulator can send. */
export const entraErrors = {
  // --- request shape -------------------------------------------------------------------------
  missingParameter: (name: string) =>
    new EntraError({
      error: 'invalid_request',
      code: 900144,
      description: `The request body must contain the following parameter: '${name}'.`,
    }),
  postOnly: (method: string) =>
    new EntraError({
      error: 'invalid_request',
      code: 900561,
      description: `The endpoint only accepts POST, OPTIONS requests. Received a ${method} request.`,
    }),
  unsupportedGrantType: (grantType: string) =>
    new EntraError({
      error: 'unsupported_grant_type',
      code: 70003,
      description: `The app requested an unsupported grant type '${grantType}'.`,
    }),
  invalidParameter: (name: string, value: string) =>
    new EntraError({
      error: 'invalid_request',
      code: 90023,
      description: `The provided value for the input parameter '${name}' is not valid. Value: '${value}'.`,
    }),

  // --- tenant and client -----------------------------------------------------------------------
  tenantNotFound: (tenant: string) =>
    new EntraError({
      error: 'invalid_request',
      code: 90002,
      description: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    }),
  applicationNotFound: (clientId: string, tenantName: string) =>
    new EntraError({
      error: 'unauthorized_client',
      code: 700016,
      description: `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    }),
  invalidClientSecret: (clientId: string) =>
    new EntraError({
      error: 'invalid_client',
      status: 401,
      code: 7000215,
      description: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    }),
  missingClientCredential: () =>
    new EntraError({
      error: 'invalid_client',
      status: 401,
      code: 7000218,
      description: `The request body must contain the following parameter: 'client_assertion' or 'client_secret'.`,
    }),
  unsupportedClientAssertionType: (type: string) =>
    new EntraError({
      error: 'invalid_request',
      code: 90023,
      description: `The provided value for the input parameter 'client_assertion_type' is not valid. Value: '${type}'. Expected 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.`,
    }),
  clientAssertionSignature: (clientId: string, keyId: string) =>
    new EntraError({
      error: 'invalid_client',
      status: 401,
      code: 700027,
      description: `Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${keyId}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .]`,
    }),
  clientAssertionTimeRange: (nowSeconds: number, nbf: number | undefined, exp: number | undefined) =>
    new EntraError({
      error: 'invalid_client',
      status: 401,
      code: 700024,
      description: `Client assertion is not within its valid time range. Current time: ${time(nowSeconds)}, assertion valid from ${time(nbf ?? 0)}, expiry time of assertion ${time(exp ?? 0)}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`,
    }),
  noMatchingFederatedIdentity: (issuer: string, subject: string, audience: string) =>
    new EntraError({
      error: 'invalid_client',
      status: 401,
      code: 70021,
      description: `No matching federated identity record found for presented assertion. Assertion Issuer: '${issuer}'. Assertion Subject: '${subject}'. Assertion Audience: '${audience}'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`,
    }),
  malformedJwt: () =>
    new EntraError({
      error: 'invalid_request',
      code: 50027,
      description: 'JWT token is invalid or malformed.',
    }),

  // --- the user assertion (on-behalf-of) -------------------------------------------------------
  assertionExpired: (nowSeconds: number, exp: number) =>
    new EntraError({
      error: 'invalid_grant',
      code: 50013,
      description: `Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: ${time(nowSeconds)}, expiry time of assertion ${time(exp)}.`,
    }),
  assertionNotYetValid: (nowSeconds: number, nbf: number) =>
    new EntraError({
      error: 'invalid_grant',
      code: 50013,
      description: `Assertion is not within its valid time range. Current time: ${time(nowSeconds)}, assertion valid from ${time(nbf)}.`,
    }),
  assertionSignature: (reason: string) =>
    new EntraError({
      error: 'invalid_grant',
      code: 50013,
      description: `Assertion failed signature validation. [Reason - ${reason}]`,
    }),
  assertionAudience: (audience: string, clientId: string, appName: string) =>
    new EntraError({
      error: 'invalid_grant',
      code: 50013,
      description: `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${audience}' and the expected audience is '${clientId}' or one of the Application Id URIs of this application with App ID '${clientId}'(${appName}). The downstream client must request a token for the expected audience (the application that made the OBO request) and this application should use that token as the assertion.`,
    }),
  assertionIssuer: (issuer: string, tenantId: string) =>
    new EntraError({
      error: 'invalid_grant',
      code: 50013,
      description: `Assertion contains an invalid issuer '${issuer}'. The assertion must be issued by this tenant ('${tenantId}').`,
    }),
  assertionClaim: (claim: string) =>
    new EntraError({
      error: 'invalid_grant',
      code: 50013,
      description: `Assertion is missing or has an invalid '${claim}' claim.`,
    }),
  assertionNotDelegated: () =>
    new EntraError({
      error: 'invalid_grant',
      code: 50013,
      description:
        'Assertion is not a delegated user token: it carries no scopes (scp). On-behalf-of requires an access token issued to a user for this application.',
    }),

  // --- users and consent -----------------------------------------------------------------------
  userNotFound: (oid: string, tenantName: string) =>
    new EntraError({
      error: 'invalid_grant',
      code: 50034,
      description: `The user account '${oid}' does not exist in the '${tenantName}' directory. To sign into this application, the account must be added to the directory.`,
    }),
  consentRequired: (clientId: string, appName: string) =>
    new EntraError({
      error: 'invalid_grant',
      code: 65001,
      suberror: 'consent_required',
      description: `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
    }),
  consentRequiredInteractive: (clientId: string, appName: string) =>
    new EntraError({
      error: 'consent_required',
      code: 65001,
      description: `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
    }),
  consentDeclined: () =>
    new EntraError({
      error: 'access_denied',
      code: 65004,
      subcode: 'cancel',
      description: 'User declined to consent to access the app.',
    }),
  loginRequired: () =>
    new EntraError({
      error: 'login_required',
      code: 50058,
      description:
        "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD.",
    }),

  // --- scopes and resources --------------------------------------------------------------------
  resourceNotFound: (resource: string, tenantName: string) =>
    new EntraError({
      error: 'invalid_resource',
      code: 500011,
      description: `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    }),
  scopeNotFound: (appName: string, scope: string, resource: string) =>
    new EntraError({
      error: 'invalid_scope',
      code: 650053,
      description: `The application '${appName}' asked for scope '${scope}' that doesn't exist on the resource '${resource}'. Contact the app vendor.`,
    }),
  multipleResources: (scope: string) =>
    new EntraError({
      error: 'invalid_scope',
      code: 28000,
      description: `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
    }),
  clientCredentialsScope: (scope: string) =>
    new EntraError({
      error: 'invalid_scope',
      code: 1002012,
      description: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    }),
  noResourceScope: (scope: string) =>
    new EntraError({
      error: 'invalid_scope',
      code: 70011,
      description: `The provided request must include a resource scope. The provided value for the input parameter 'scope' is not valid. The scope '${scope}' is not valid.`,
    }),

  // --- authorization codes, PKCE, refresh tokens -----------------------------------------------
  invalidCode: () =>
    new EntraError({
      error: 'invalid_grant',
      code: 70000,
      description: "The provided value for the 'code' parameter is not valid.",
    }),
  codeRedeemed: () =>
    new EntraError({
      error: 'invalid_grant',
      code: 54005,
      description:
        'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    }),
  grantExpired: () =>
    new EntraError({
      error: 'invalid_grant',
      code: 70008,
      description:
        'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    }),
  invalidRefreshToken: () =>
    new EntraError({
      error: 'invalid_grant',
      code: 9002313,
      description: 'Invalid request. Request is malformed or invalid.',
    }),
  pkceMismatch: () =>
    new EntraError({
      error: 'invalid_grant',
      code: 50148,
      description:
        'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
    }),
  pkceRequiredCrossOrigin: () =>
    new EntraError({
      error: 'invalid_request',
      code: 9002325,
      description: 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
    }),
  invalidCodeChallenge: () =>
    new EntraError({
      error: 'invalid_request',
      code: 501491,
      description: 'Invalid size of Code_Challenge parameter.',
    }),
  replyAddressMismatch: (sent: string, original: string) =>
    new EntraError({
      error: 'invalid_grant',
      code: 500112,
      description: `The reply address '${sent}' does not match the reply address '${original}' provided when requesting Authorization code.`,
    }),

  // --- authorize -------------------------------------------------------------------------------
  redirectUriMismatch: (redirectUri: string, clientId: string) =>
    new EntraError({
      error: 'invalid_request',
      code: 50011,
      description: `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    }),
  unsupportedResponseType: (responseType: string) =>
    new EntraError({
      error: 'unsupported_response_type',
      code: 700054,
      description: `response_type '${responseType}' is not enabled for the application.`,
    }),
} as const;
