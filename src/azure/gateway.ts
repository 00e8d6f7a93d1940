import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import { restorePoller } from '@azure/arm-compute';
import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import type { SignedInUser } from '../domain/user.ts';
import type { VmAction, VmRef } from '../../contract/vm.ts';
import { AppError } from '../domain/errors.ts';
import { toAppError } from './errors.ts';
import type { ArmPermission, ArmSubscription, ArmVirtualMachine, PermissionScope } from './types.ts';
import { ARM_TOKEN_SCOPE } from '../../contract/scopes.ts';
import type { UserClientsCache } from './user-clients.ts';

/** An accepted long-running operation: ARM answered 2xx; `completion` settles when it ends. */
export interface AcceptedOperation {
  /** Resolves when ARM reports Succeeded; rejects (AppError or the LRO's error) otherwise. */
  readonly completion: Promise<void>;
  /** The SDK poller's serialized state (`poller.serialize()`): any instance can resume from it. */
  readonly poller?: string;
}

export interface PollOptions {
  /** Poll interval when ARM sends no Retry-After. Default: the SDK's. */
  readonly pollIntervalMs?: number;
  /** Longest polling; then `completion` rejects with OperationTimedOut. */
  readonly timeoutMs?: number;
}

/**
 * Azure as one signed-in user sees it, through their OBO credential. Plain data in and out;
 * failures are AppErrors (see ./errors.ts). The only module that calls SDK operations.
 */
export interface AzureGateway {
  /** Gets an ARM token for the user (the OBO exchange), proving consent and a usable assertion. */
  ensureToken(user: SignedInUser): Promise<void>;
  listSubscriptions(user: SignedInUser, signal?: AbortSignal): Promise<readonly ArmSubscription[]>;
  /**
   * Every VM of a subscription with its power state (`statusOnly=true`), handed to `onPage` page by
   * page as pages arrive (callers map and start dependent work early, and nothing holds the SDK
   * models of a whole subscription). Resolves when the last page was handled.
   */
  listVms(
    user: SignedInUser,
    subscriptionId: string,
    onPage: (vms: readonly ArmVirtualMachine[]) => void,
    options?: { readonly signal?: AbortSignal },
  ): Promise<void>;
  /** One VM with its instance view. */
  getVm(
    user: SignedInUser,
    ref: VmRef,
    options?: { readonly signal?: AbortSignal },
  ): Promise<ArmVirtualMachine>;
  /** The caller's effective permissions at a scope. */
  listPermissions(user: SignedInUser, scope: PermissionScope): Promise<readonly ArmPermission[]>;
  /**
   * Starts a power action; resolves once ARM accepted it. `signal` bounds the submission only;
   * polling then runs in the background for at most `timeoutMs` (then `completion` rejects with
   * OperationTimedOut).
   */
  beginAction(
    user: SignedInUser,
    ref: VmRef,
    action: VmAction,
    options?: PollOptions & { readonly signal?: AbortSignal },
  ): Promise<AcceptedOperation>;
  /** Resumes polling an accepted action from the poller state another instance stored, as `user`. */
  resumeAction(
    user: SignedInUser,
    ref: VmRef,
    poller: string,
    options?: PollOptions,
  ): Promise<AcceptedOperation>;
}

const HIDDEN_SUBSCRIPTION_STATES = new Set(['disabled', 'deleted']);
const PERMISSIONS_API_VERSION = '2022-04-01';

interface PermissionsPage {
  readonly value?: ReadonlyArray<{
    readonly actions?: readonly string[];
    readonly notActions?: readonly string[];
  }>;
  readonly nextLink?: string;
}

/**
 * `GET /subscriptions/{id}/providers/Microsoft.Authorization/permissions`: ARM serves it, but
 * @azure/arm-authorization has no operation for the subscription scope, so it goes through the
 * same client's pipeline (same credential, retries and throttling handling) as a plain request.
 */
async function subscriptionPermissions(
  client: AuthorizationManagementClient,
  armEndpoint: string,
  subscriptionId: string,
): Promise<ArmPermission[]> {
  const result: ArmPermission[] = [];
  let url: string | undefined =
    `${armEndpoint}/subscriptions/${encodeURIComponent(subscriptionId)}/providers/Microsoft.Authorization/permissions?api-version=${PERMISSIONS_API_VERSION}`;
  for (let page = 0; url && page < 100; page++) {
    const request = createPipelineRequest({ url, method: 'GET' });
    request.headers.set('accept', 'application/json');
    const response = await client.sendRequest(request);
    let body:
      | (PermissionsPage & { readonly error?: { readonly code?: string; readonly message?: string } })
      | undefined;
    try {
      body = response.bodyAsText ? (JSON.parse(response.bodyAsText) as typeof body) : undefined;
    } catch {
      body = undefined;
    }
    if (response.status < 200 || response.status >= 300) {
      throw new RestError(
        body?.error?.message ?? `Permissions request failed with status ${response.status}.`,
        {
          ...(body?.error?.code ? { code: body.error.code } : {}),
          statusCode: response.status,
          request,
          response,
        },
      );
    }
    for (const p of body?.value ?? [])
      result.push({ actions: p.actions ?? [], notActions: p.notActions ?? [] });
    url = body?.nextLink;
  }
  return result;
}

/** The part of the SDK's poller the gateway uses (begun or restored). */
interface LroPoller {
  pollUntilDone(options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  readonly operationState: unknown;
}

/** What core-lro keeps about an operation (its documented state plus the polling URL). */
interface LroState {
  readonly status?: 'notStarted' | 'running' | 'succeeded' | 'failed' | 'canceled';
  readonly config?: { readonly operationLocation?: string };
}

function operationCanceled(cause: unknown): AppError {
  return new AppError(
    'OperationCanceled',
    'Azure canceled this operation, usually because another operation on the VM replaced it.',
    { cause },
  );
}

/** The service is shutting down: polling stops; the VM's state tells the outcome. */
function operationAbandoned(cause: unknown): AppError {
  return new AppError(
    'OperationLost',
    'The service stopped before Azure reported the end of this operation. Check the VM’s state.',
    { cause },
  );
}

const OPERATION_STATUS_BODY = {
  parse(text: string | undefined): { code?: string; message?: string } | undefined {
    try {
      const body = text ? (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }) : undefined;
      const code = body?.error?.code;
      const message = body?.error?.message;
      return {
        ...(typeof code === 'string' && /^[A-Za-z][\w.]{0,99}$/.test(code) ? { code } : {}),
        ...(typeof message === 'string' && message ? { message: message.slice(0, 2000) } : {}),
      };
    } catch {
      return undefined;
    }
  },
};

/**
 * ARM reported the operation Failed. core-lro keeps only a message string, so ARM's own code and
 * message are read, structured, from the operation status document (one GET of the
 * Azure-AsyncOperation URL, as the user).
 */
async function operationFailed(
  client: AuthorizationManagementClient,
  operationLocation: string | undefined,
  cause: unknown,
): Promise<AppError> {
  let error: { code?: string; message?: string } | undefined;
  if (operationLocation) {
    try {
      const response = await client.sendRequest(
        createPipelineRequest({ url: operationLocation, method: 'GET' }),
      );
      error = OPERATION_STATUS_BODY.parse(response.bodyAsText ?? undefined);
    } catch {
      error = undefined;
    }
  }
  return new AppError('OperationFailed', error?.message ?? 'Azure reported that the operation failed.', {
    cause,
    ...(error?.code ? { details: { armCode: error.code } } : {}),
  });
}

/** Polling gave up: Azure never reported an end state within the operation timeout. */
function operationTimedOut(timeoutMs: number, cause: unknown): AppError {
  const minutes = Math.max(1, Math.round(timeoutMs / 60_000));
  return new AppError(
    'OperationTimedOut',
    `Azure did not report the end of this operation within ${minutes} min. Check the VM's state.`,
    { cause },
  );
}

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
}

export interface AzureGatewayOptions {
  /** ARM endpoint (no trailing slash), for the requests the SDKs have no operation for. */
  readonly armEndpoint: string;
  /** The app's lifetime: aborting it stops every background poll (graceful shutdown). */
  readonly signal?: AbortSignal;
}

export function createAzureGateway(
  clients: UserClientsCache,
  gatewayOptions: AzureGatewayOptions,
): AzureGateway {
  const options = gatewayOptions;

  /**
   * Polls an accepted operation to its end, bounded by `timeoutMs` and the app's lifetime; the
   * rejection says why, from core-lro's state (never its message).
   */
  function follow(user: SignedInUser, ref: VmRef, poller: LroPoller, poll: PollOptions): Promise<void> {
    const timeoutMs = poll.timeoutMs;
    const completion = (async () => {
      const timeout = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
      const signals = [timeout, gatewayOptions.signal].filter((s): s is AbortSignal => s !== undefined);
      try {
        await poller.pollUntilDone(signals.length > 0 ? { abortSignal: AbortSignal.any(signals) } : {});
      } catch (error) {
        if (gatewayOptions.signal?.aborted) throw operationAbandoned(error);
        if (timeout?.aborted) throw operationTimedOut(timeoutMs!, error);
        const state = poller.operationState as LroState | undefined;
        if (state?.status === 'canceled') throw operationCanceled(error);
        if (state?.status === 'failed') {
          const client = clients.forUser(user).authorization(ref.subscriptionId);
          throw await operationFailed(client, state.config?.operationLocation, error);
        }
        throw toAppError(error);
      }
    })();
    // The caller observes `completion`; never leave it unhandled if they do not.
    completion.catch(() => undefined);
    return completion;
  }
  return {
    ensureToken: (user) =>
      mapped(async () => {
        await clients.forUser(user).credential.getToken(ARM_TOKEN_SCOPE, { enableCae: true });
      }),

    listSubscriptions: (user, signal) =>
      mapped(async () => {
        const result: ArmSubscription[] = [];
        for await (const sub of clients
          .forUser(user)
          .subscriptions()
          .subscriptions.list({ abortSignal: signal })) {
          if (!sub.subscriptionId) continue;
          if (sub.state && HIDDEN_SUBSCRIPTION_STATES.has(sub.state.toLowerCase())) continue;
          result.push({
            subscriptionId: sub.subscriptionId,
            displayName: sub.displayName ?? sub.subscriptionId,
            ...(sub.state ? { state: sub.state } : {}),
          });
        }
        return result;
      }),

    listVms: (user, subscriptionId, onPage, options = {}) =>
      mapped(async () => {
        const compute = clients.forUser(user).compute(subscriptionId);
        const pages = compute.virtualMachines
          .listAll({ statusOnly: 'true', abortSignal: options.signal })
          .byPage();
        for await (const page of pages) onPage(page);
      }),

    getVm: (user, ref, options = {}) =>
      mapped(() =>
        clients
          .forUser(user)
          .compute(ref.subscriptionId)
          .virtualMachines.get(ref.resourceGroup, ref.name, {
            expand: 'instanceView',
            ...(options.signal ? { abortSignal: options.signal } : {}),
          }),
      ),

    listPermissions: (user, scope) =>
      mapped(async () => {
        const client = clients.forUser(user).authorization(scope.subscriptionId);
        if (scope.kind === 'subscription')
          return subscriptionPermissions(client, options.armEndpoint, scope.subscriptionId);
        const permissions = client.permissions;
        const pages =
          scope.kind === 'resourceGroup'
            ? permissions.listForResourceGroup(scope.resourceGroup)
            : permissions.listForResource(
                scope.resourceGroup,
                'Microsoft.Compute',
                '',
                'virtualMachines',
                scope.name,
              );
        const result: ArmPermission[] = [];
        for await (const permission of pages) {
          result.push({ actions: permission.actions ?? [], notActions: permission.notActions ?? [] });
        }
        return result;
      }),

    beginAction: (user, ref, action, options = {}) =>
      mapped(async () => {
        const vms = clients.forUser(user).compute(ref.subscriptionId).virtualMachines;
        // The poller listens to this signal for its whole life: it aborts only the submission
        // (the caller's deadline), never the background polling that follows.
        const submission = new AbortController();
        const onAbort = () => submission.abort(options.signal?.reason);
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const lro = { updateIntervalInMs: options.pollIntervalMs, abortSignal: submission.signal };
        const poller =
          action === 'start'
            ? vms.start(ref.resourceGroup, ref.name, lro)
            : action === 'deallocate'
              ? vms.deallocate(ref.resourceGroup, ref.name, lro)
              : action === 'powerOff'
                ? vms.powerOff(ref.resourceGroup, ref.name, lro)
                : vms.restart(ref.resourceGroup, ref.name, lro);
        try {
          await poller.submitted();
        } finally {
          options.signal?.removeEventListener('abort', onAbort);
        }
        const serialized = await poller.serialize().catch(() => undefined);
        return {
          completion: follow(user, ref, poller, options),
          ...(serialized ? { poller: serialized } : {}),
        };
      }),

    resumeAction: (user, ref, serialized, options = {}) =>
      mapped(async () => {
        const compute = clients.forUser(user).compute(ref.subscriptionId);
        const poller = restorePoller(compute, serialized, compute.virtualMachines.start, {
          ...(options.pollIntervalMs !== undefined ? { updateIntervalInMs: options.pollIntervalMs } : {}),
        });
        return { completion: follow(user, ref, poller, options), poller: serialized };
      }),
  };
}
