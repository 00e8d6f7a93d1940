import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';

/** ARM error body: `{error:{code, message, target?}}`. */
export interface ArmErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly target?: string };
}

/** An error ARM answers with. Thrown by handlers, turned into a response once, in the ARM handler. */
export class ArmError extends Error {
  readonly status: number;
  readonly code: string;
  readonly target: string | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { target?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ArmError';
    this.status = status;
    this.code = code;
    this.target = options.target;
    this.headers = options.headers ?? {};
  }

  get body(): ArmErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.target ? { target: this.target } : {}) },
    };
  }

  /** The same error with more response headers. */
  withHeaders(headers: Record<string, string>): ArmError {
    return new ArmError(this.status, this.code, this.message, {
      ...(this.target ? { target: this.target } : {}),
      headers: { ...this.headers, ...headers },
    });
  }

  toResponse(): EmuResponse {
    return json(this.status, this.body, { ...this.headers });
  }
}

/** Who the 403 message names: a user's UPN, else the app id, else the object id (as ARM does). */
export interface ErrorCaller {
  readonly displayName: string;
  readonly oid: string;
}

/** Formats an epoch-ms time the way ARM's .NET messages print UTC times: `11/28/2026 5:03:09 PM`. */
export function dotnetUtc(ms: number): string {
  const d = new Date(ms);
  const h24 = d.getUTCHours();
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h24 < 12 ? 'AM' : 'PM'}`;
}

/** The audiences ARM accepts in access tokens. */
export const ARM_AUDIENCES: readonly string[] = [
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
  'https://management.azure.com/',
  'https://management.azure.com',
];

/**
 * One factory method per ARM error the emulator sends, with ARM's status, code and message wording.
 * Authentication failures (401) carry the `WWW-Authenticate` challenge ARM sends, built by `challenge`.
 */
export const armErrors = {
  // 401 — authentication (ARM front door). `auth.ts` adds the WWW-Authenticate challenge.
  authorizationHeaderMissing: () =>
    new ArmError(
      401,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing.",
    ),
  authorizationHeaderInvalid: () =>
    new ArmError(
      401,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is provided in an invalid format.",
    ),
  invalidAuthenticationToken: (message = 'The access token is invalid.') =>
    new ArmError(401, 'InvalidAuthenticationToken', message),
  expiredAuthenticationToken: (expiresAtMs: number, nowMs: number) =>
    new ArmError(
      401,
      'ExpiredAuthenticationToken',
      `The access token expiry UTC time '${dotnetUtc(expiresAtMs)}' is earlier than current UTC time '${dotnetUtc(nowMs)}'.`,
    ),
  invalidAuthenticationTokenAudience: (audience: string) =>
    new ArmError(
      401,
      'InvalidAuthenticationTokenAudience',
      `The access token has been obtained for wrong audience or resource '${audience}'. ` +
        `It should exactly match with one of the allowed audiences ${ARM_AUDIENCES.map((a) => `'${a}'`).join(',')}.`,
    ),
  invalidAuthenticationTokenTenant: (issuer: string, authority: string) =>
    new ArmError(
      401,
      'InvalidAuthenticationTokenTenant',
      `The access token is from the wrong issuer '${issuer}'. It must match the tenant '${authority}/' associated with ` +
        `this subscription. Please use the authority (URL) '${authority}' to get the token.`,
    ),

  // 400 — request validation
  missingApiVersion: () =>
    new ArmError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    ),
  invalidApiVersion: (version: string, supported: readonly string[]) =>
    new ArmError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${version}' is invalid. The supported versions are '${supported.join(',')}'.`,
    ),
  invalidSubscriptionId: (id: string) =>
    new ArmError(
      400,
      'InvalidSubscriptionId',
      `The provided subscription identifier '${id}' is malformed or invalid.`,
    ),
  invalidResourceName: (name: string) =>
    new ArmError(
      400,
      'InvalidResourceName',
      `Resource name '${name}' is invalid. The name can be up to 80 characters long. It can contain only alphanumeric ` +
        'characters, underscores, periods, hyphens and parentheses and cannot end in a period.',
    ),
  /** A resource group name with characters ARM refuses (`invalidCharacters`: each of them, in order). */
  invalidResourceGroupCharacters: (name: string, invalidCharacters: string) =>
    new ArmError(
      400,
      'InvalidResourceGroup',
      `The provided resource group name '${name}' has these invalid characters: '${invalidCharacters}'. ` +
        "The name can only be a letter, digit, '-', '.', '(', ')' or '_'.",
    ),
  /** A resource group name of allowed characters that is too long or ends in a period. */
  invalidResourceGroupName: (name: string) =>
    new ArmError(
      400,
      'InvalidResourceGroup',
      `The provided resource group name '${name}' is invalid. The name can be up to 90 characters long and ` +
        'cannot end in a period.',
    ),
  invalidResourceType: (type: string, namespace: string, apiVersion: string) =>
    new ArmError(
      400,
      'InvalidResourceType',
      `The resource type '${type}' could not be found in the namespace '${namespace}' for api version '${apiVersion}'.`,
    ),
  invalidParameter: (name: string, message: string) =>
    new ArmError(400, 'InvalidParameter', message, { target: name }),
  invalidRequestContent: (detail: string) =>
    new ArmError(
      400,
      'InvalidRequestContent',
      `The request content was invalid and could not be deserialized: '${detail}'.`,
    ),

  // 403 — RBAC
  authorizationFailed: (caller: ErrorCaller, action: string, scope: string) =>
    new ArmError(
      403,
      'AuthorizationFailed',
      `The client '${caller.displayName}' with object id '${caller.oid}' does not have authorization to perform action ` +
        `'${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      { headers: { 'x-ms-failure-cause': 'gateway' } },
    ),

  // 404 — not found
  subscriptionNotFound: (id: string) =>
    new ArmError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`),
  resourceGroupNotFound: (name: string) =>
    new ArmError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`),
  resourceNotFound: (type: string, name: string, resourceGroup: string) =>
    new ArmError(
      404,
      'ResourceNotFound',
      `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. ` +
        'For more details please go to https://aka.ms/ARMResourceNotFoundFix',
    ),
  operationNotFound: () => new ArmError(404, 'NotFound', 'The entity was not found in this Azure location.'),
  pathNotFound: (path: string) =>
    new ArmError(404, 'NotFound', `The requested path '${path}' was not found.`),

  // 405 / 409 — method, conflicts
  methodNotAllowed: (method: string) =>
    new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`),
  operationNotAllowed: (message: string) => new ArmError(409, 'OperationNotAllowed', message),

  // 429 — throttling
  tooManyRequests: (
    kind: 'read' | 'write',
    scopeDescription: string,
    oid: string,
    retryAfterSeconds: number,
  ) =>
    new ArmError(
      429,
      'TooManyRequests',
      `Number of '${kind}' requests for ${scopeDescription} actor '${oid}' exceeded. Please try again after ` +
        `'${retryAfterSeconds}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling`,
      { headers: { 'retry-after': String(retryAfterSeconds) } },
    ),
} as const;
