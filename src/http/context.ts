import { randomUUID } from 'node:crypto';
import type { Request } from 'restify';

/** What the request log line carries, filled in as the request goes through the layers. */
export interface RequestContext {
  readonly id: string;
  readonly startedAt: number;
  userOid?: string;
  action?: string;
  vmId?: string;
  operationId?: string;
}

/** Per-server store of request contexts (a WeakMap: nothing to clean up, no module state). */
export interface RequestContexts {
  begin(req: Request, now: number): RequestContext;
  of(req: Request): RequestContext | undefined;
}

const SAFE_REQUEST_ID = /^[\w.:-]{1,64}$/;

export function createRequestContexts(): RequestContexts {
  const contexts = new WeakMap<Request, RequestContext>();
  return {
    begin(req, now) {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      const context: RequestContext = { id, startedAt: now };
      contexts.set(req, context);
      return context;
    },
    of: (req) => contexts.get(req),
  };
}
