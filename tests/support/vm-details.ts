import type { App } from '../../src/app.ts';
import { createNetworkReader } from '../../src/azure/network.ts';
import { createAuthenticate } from '../../src/http/authenticate.ts';
import { createRequestContexts } from '../../src/http/context.ts';
import { registerVmDetailsRoutes } from '../../src/http/routes/vm-details.ts';
import { createVmDetailsService } from '../../src/vms/details.ts';

/**
 * Mounts `GET /api/vms/{sub}/{rg}/{vm}/details` on a running app the way the composition root does (the same
 * token validator, VM service and per-user Azure clients). Until src/app.ts and src/http/server.ts register the
 * route themselves, tests mount it here; once they do, restify refuses the second registration and this is a no-op.
 */
export function mountVmDetails(app: App): void {
  const contexts = createRequestContexts();
  try {
    registerVmDetailsRoutes(app.server, {
      authenticate: createAuthenticate(app.tokens, contexts),
      contexts,
      details: createVmDetailsService({
        vms: app.vms,
        network: createNetworkReader(app.userClients),
        requestDeadlineMs: app.config.deadlines.requestMs,
        logger: app.logger,
      }),
    });
  } catch (error) {
    if (!/already/i.test(String((error as Error)?.message))) throw error;
  }
}
