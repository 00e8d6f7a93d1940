import type { Request, Response, Server } from 'restify';
import { vmIdOf } from '../../../contract/vm-id.ts';
import type { VmDetailsService } from '../../vms/details.ts';
import type { Authenticate } from '../authenticate.ts';
import type { RequestContexts } from '../context.ts';
import { sendJson } from '../respond.ts';
import { parseOrThrow, vmParamsSchema, vmRefFrom } from '../validation.ts';

export interface VmDetailsRoutesDeps {
  readonly authenticate: Authenticate;
  readonly contexts: RequestContexts;
  readonly details: VmDetailsService;
}

/** The path, in restify's syntax (a GET beside the POST `…/:action` routes, which never take `details`). */
export const VM_DETAILS_ROUTE = '/api/vms/:subscriptionId/:resourceGroup/:vmName/details';

/**
 * `GET /api/vms/{subscriptionId}/{resourceGroup}/{vmName}/details` → contract `VmDetails`: the VM, its model's
 * details and its network interfaces and public IPs, each read as the user. Errors are those of reading the VM;
 * a NIC or public IP the user may not read is reported inside the answer.
 */
export function registerVmDetailsRoutes(server: Server, deps: VmDetailsRoutesDeps): void {
  server.get(VM_DETAILS_ROUTE, async function vmDetails(req: Request, res: Response) {
    const user = await deps.authenticate(req);
    const ref = vmRefFrom(parseOrThrow(vmParamsSchema, req.params, 'path'));
    const context = deps.contexts.of(req);
    if (context) context.vmId = vmIdOf(ref);
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    sendJson(res, 200, await deps.details.get(user, ref, { signal: gone.signal }));
  });
}
