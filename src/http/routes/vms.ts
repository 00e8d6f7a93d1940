import type { Request, Response, Server } from 'restify';
import { vmIdOf } from '../../../contract/vm-id.ts';
import type { OperationService, VmService } from '../../domain/services.ts';
import type { Authenticate } from '../authenticate.ts';
import { readJsonBody } from '../body.ts';
import type { RequestContexts } from '../context.ts';
import { notFound } from '../errors.ts';
import { sendJson } from '../respond.ts';
import {
  actionParamsSchema,
  bulkBodySchema,
  operationParamsSchema,
  parseOrThrow,
  vmParamsSchema,
  vmRefFrom,
} from '../validation.ts';

export interface VmRoutesDeps {
  readonly authenticate: Authenticate;
  readonly contexts: RequestContexts;
  readonly vms: VmService;
  readonly operations: OperationService;
  readonly maxBodyBytes: number;
  readonly maxBulkIds: number;
}

/** An AbortSignal that fires when the client goes away before the answer is sent. */
function clientGone(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * `/api/me`, `/api/vms…`, `/api/operations/{id}`: authenticated; every Azure call runs as the user.
 * Rate limits and deadlines are the VM service's (the same for the bot's commands and card actions).
 */
export function registerVmRoutes(server: Server, deps: VmRoutesDeps): void {
  const { authenticate, contexts, vms, operations } = deps;
  const bulkSchema = bulkBodySchema(deps.maxBulkIds);

  server.get('/api/me', async function me(req: Request, res: Response) {
    const user = await authenticate(req);
    sendJson(res, 200, { name: user.name, upn: user.upn, oid: user.oid, tid: user.tid });
  });

  server.get('/api/vms', async function listVms(req: Request, res: Response) {
    const user = await authenticate(req);
    const list = await vms.list(user, { signal: clientGone(res) });
    sendJson(res, 200, list);
  });

  server.get(
    '/api/vms/:subscriptionId/:resourceGroup/:vmName',
    async function getVm(req: Request, res: Response) {
      const user = await authenticate(req);
      const params = parseOrThrow(vmParamsSchema, req.params, 'path');
      const ref = vmRefFrom(params);
      const context = contexts.of(req);
      if (context) context.vmId = vmIdOf(ref);
      sendJson(res, 200, await vms.get(user, ref, { signal: clientGone(res) }));
    },
  );

  server.post('/api/vms/actions', async function bulkAction(req: Request, res: Response) {
    const user = await authenticate(req);
    const body = parseOrThrow(bulkSchema, await readJsonBody(req, deps.maxBodyBytes), 'body');
    const context = contexts.of(req);
    if (context) context.action = `bulk:${body.action}`;
    const items = await vms.actMany(user, body.action, body.ids);
    sendJson(res, 202, { operations: items });
  });

  server.post(
    '/api/vms/:subscriptionId/:resourceGroup/:vmName/:action',
    async function vmAction(req: Request, res: Response) {
      const user = await authenticate(req);
      const params = parseOrThrow(actionParamsSchema, req.params, 'path');
      const ref = vmRefFrom(params);
      const context = contexts.of(req);
      if (context) {
        context.action = params.action;
        context.vmId = vmIdOf(ref);
      }
      const operation = await vms.act(user, ref, params.action);
      if (context) context.operationId = operation.id;
      sendJson(res, 202, { operation }, { location: `/api/operations/${operation.id}` });
    },
  );

  server.get('/api/operations/:id', async function getOperation(req: Request, res: Response) {
    const user = await authenticate(req);
    const context = contexts.of(req);
    const id = String(req.params?.id ?? '');
    if (context) context.operationId = id.slice(0, 64);
    const { id: parsed } = parseOrThrow(operationParamsSchema, { id }, 'operation id');
    const operation = await operations.get(user, parsed.toLowerCase());
    if (!operation) throw notFound('No such operation.');
    sendJson(res, 200, operation);
  });
}
