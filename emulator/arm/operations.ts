import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import { requireSubscription, type ArmCall, type ArmDeps } from './access.ts';
import { operationStatusAt, operationStatusBody } from './bodies.ts';
import { armErrors } from './errors.ts';

const OPERATION_READ = 'Microsoft.Compute/locations/operations/read';

/** Regions compare without case or spaces (`West Europe` = `westeurope`), as ARM does. */
const region = (location: string) => location.replace(/\s+/g, '').toLowerCase();

/** The `Azure-AsyncOperation` and `Location` URLs of a Compute operation. */
export function operationUrls(
  baseUrl: string,
  subscriptionId: string,
  location: string,
  operationId: string,
  apiVersion: string,
) {
  const asyncOperation =
    `${baseUrl}/subscriptions/${subscriptionId}/providers/Microsoft.Compute/locations/${region(location)}` +
    `/operations/${operationId}?api-version=${encodeURIComponent(apiVersion)}`;
  return { asyncOperation, location: `${asyncOperation}&monitor=true` };
}

/**
 * `GET /subscriptions/{id}/providers/Microsoft.Compute/locations/{region}/operations/{id}`: the operation status
 * resource (200 `{name, status, startTime, endTime?, error?}`), or with `monitor=true` the `Location` resource:
 * 202 while running, 200 (empty) once succeeded, the operation's error once it failed or was preempted.
 * Visible to the caller who started the operation, or to anyone who may read operations in the subscription.
 */
export function createOperationsHandler(deps: ArmDeps) {
  const { ctx, store, rbac } = deps;

  return {
    get(call: ArmCall, subscriptionId: string, location: string, operationId: string): EmuResponse {
      const sub = requireSubscription(deps, subscriptionId);
      const op = store.operation(sub.subscriptionId, operationId);
      if (!op || region(op.location) !== region(location)) throw armErrors.operationNotFound();
      if (
        op.principalId.toLowerCase() !== call.caller.oid.toLowerCase() &&
        !rbac.isPermitted(call.caller.oid, OPERATION_READ, sub.id)
      ) {
        throw armErrors.authorizationFailed(
          call.caller,
          OPERATION_READ,
          `${sub.id}/providers/Microsoft.Compute/locations/${region(location)}/operations/${op.id}`,
        );
      }

      const status = operationStatusAt(op, call.now);
      const retryAfter = { 'retry-after': String(ctx.options.lroRetryAfterSeconds) };
      if (!/^true$/i.test(call.req.url.searchParams.get('monitor') ?? '')) {
        return json(200, operationStatusBody(op, call.now), status === 'InProgress' ? retryAfter : {});
      }
      switch (status) {
        case 'InProgress':
          return {
            status: 202,
            headers: { location: `${ctx.baseUrl}${call.req.rawPath}${call.req.url.search}`, ...retryAfter },
          };
        case 'Succeeded':
          return { status: 200 };
        default: {
          const error = op.ended?.error ?? {
            code: 'InternalExecutionError',
            message: 'An internal execution error occurred.',
          };
          return json(error.code === 'OperationPreempted' ? 409 : 500, { error });
        }
      }
    },
  };
}
