import type { Request, Response, Server } from 'restify';
import { parseAutoShutdown } from '../../../contract/auto-shutdown.ts';
import { vmIdOf } from '../../../contract/vm-id.ts';
import type { AutoShutdownService } from '../../domain/services.ts';
import type { Authenticate } from '../authenticate.ts';
import { readJsonBody } from '../body.ts';
import type { RequestContexts } from '../context.ts';
import { badRequest } from '../errors.ts';
import { sendJson } from '../respond.ts';
import { parseOrThrow, vmParamsSchema, vmRefFrom } from '../validation.ts';

export interface AutoShutdownRoutesDeps {
  readonly authenticate: Authenticate;
  readonly contexts: RequestContexts;
  readonly autoShutdown: AutoShutdownService;
  readonly maxBodyBytes: number;
}

export const AUTO_SHUTDOWN_ROUTE = '/api/vms/:subscriptionId/:resourceGroup/:vmName/auto-shutdown';
export const AUTO_SHUTDOWN_NOTIFICATION_ROUTE = '/api/notifications/auto-shutdown/:token';

/** The path as logged: a notification's token is a secret (whoever has it can make cards), never logged. */
export function loggablePath(path: string): string {
  return path.replace(/^(\/api\/notifications\/auto-shutdown\/)[^/]+/i, '$1[token]');
}

/**
 * `GET|PUT|DELETE /api/vms/{sub}/{rg}/{vm}/auto-shutdown` (as the user: `AutoShutdown`, 404 `NotConfigured`,
 * ARM's 403) and `POST /api/notifications/auto-shutdown/{token}`: Azure's shutdown notification, authenticated
 * by the unguessable per-schedule token only (unknown → 404, before the body is read).
 */
export function registerAutoShutdownRoutes(server: Server, deps: AutoShutdownRoutesDeps): void {
  const { authenticate, contexts, autoShutdown } = deps;

  const target = (req: Request) => {
    const ref = vmRefFrom(parseOrThrow(vmParamsSchema, req.params, 'path'));
    const context = contexts.of(req);
    if (context) context.vmId = vmIdOf(ref);
    return ref;
  };

  server.get(AUTO_SHUTDOWN_ROUTE, async function getAutoShutdown(req: Request, res: Response) {
    const user = await authenticate(req);
    sendJson(res, 200, await autoShutdown.get(user, target(req)));
  });

  server.put(AUTO_SHUTDOWN_ROUTE, async function putAutoShutdown(req: Request, res: Response) {
    const user = await authenticate(req);
    const ref = target(req);
    const context = contexts.of(req);
    if (context) context.action = 'setAutoShutdown';
    const parsed = parseAutoShutdown(await readJsonBody(req, deps.maxBodyBytes));
    if (!parsed.ok) throw badRequest(`Invalid ${parsed.field}: ${parsed.message}`);
    sendJson(res, 200, await autoShutdown.set(user, ref, parsed.value));
  });

  server.del(AUTO_SHUTDOWN_ROUTE, async function deleteAutoShutdown(req: Request, res: Response) {
    const user = await authenticate(req);
    const ref = target(req);
    const context = contexts.of(req);
    if (context) context.action = 'removeAutoShutdown';
    await autoShutdown.remove(user, ref);
    res.sendRaw(204, '', { 'cache-control': 'no-store' });
  });

  server.post(
    AUTO_SHUTDOWN_NOTIFICATION_ROUTE,
    async function autoShutdownNotification(req: Request, res: Response) {
      const token = String(req.params?.token ?? '');
      let read = false;
      try {
        const result = await autoShutdown.notified(token, () => {
          read = true;
          return readJsonBody(req, deps.maxBodyBytes);
        });
        sendJson(res, 200, result);
      } finally {
        if (!read) req.resume();
      }
    },
  );
}
