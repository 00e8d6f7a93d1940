import { json } from '../http/respond.ts';
import type { EmuResponse } from '../http/types.ts';
import { requireSubscription, type ArmCall, type ArmDeps } from './access.ts';
import { subscriptionBody } from './bodies.ts';
import { armErrors } from './errors.ts';
import { paginate } from './paging.ts';
import { forApiVersion, SUBSCRIPTION_SINCE } from './shapes.ts';

/**
 * `Microsoft.Resources` subscriptions: a caller sees the subscriptions it holds any role assignment in, in the
 * shape of the api-version asked for.
 */
export function createSubscriptionsHandler(deps: ArmDeps) {
  const { ctx, store, rbac } = deps;
  const tenantId = ctx.seed.tenant.id;

  return {
    /** `GET /subscriptions` */
    list(call: ArmCall): EmuResponse {
      const visible = store.subscriptions().filter((sub) => rbac.touches(call.caller.oid, sub.id));
      const page = paginate(
        visible,
        {
          url: call.req.url,
          rawPath: call.req.rawPath,
          baseUrl: ctx.baseUrl,
          pageSize: ctx.options.pageSize,
        },
        (sub) => forApiVersion(subscriptionBody(sub, tenantId), SUBSCRIPTION_SINCE, call.apiVersion),
      );
      return json(200, page);
    },

    /** `GET /subscriptions/{id}`: 404 `SubscriptionNotFound` for unknown and invisible subscriptions alike. */
    get(call: ArmCall, subscriptionId: string): EmuResponse {
      const sub = requireSubscription(deps, subscriptionId);
      if (!rbac.touches(call.caller.oid, sub.id)) throw armErrors.subscriptionNotFound(subscriptionId);
      return json(200, forApiVersion(subscriptionBody(sub, tenantId), SUBSCRIPTION_SINCE, call.apiVersion));
    },
  };
}
