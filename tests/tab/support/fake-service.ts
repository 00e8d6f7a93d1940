import type { BulkItem, Operation, OperationError } from '../../../contract/operation.ts';
import type { VmDetails } from '../../../contract/vm-details.ts';
import type { PowerState, SubscriptionError, Vm, VmAction } from '../../../contract/vm.ts';
import type { Me } from '../../../tab/src/api/client.ts';

/** What the fake answers for one request, before its default behaviour. */
export type Override = (request: RecordedRequest) => FakeReply | undefined;

export interface FakeReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly authorization?: string;
}

const TARGET: Record<VmAction, PowerState> = {
  start: 'running',
  deallocate: 'deallocated',
  powerOff: 'stopped',
  restart: 'running',
};

/**
 * An in-memory stand-in for the service's `/api`, as a `fetch` function: for component tests only (the e2e tests
 * run the real service). Operations stay InProgress until `finish()` is called.
 */
export function createFakeService(initial: { vms: Vm[]; errors?: SubscriptionError[]; me?: Me }) {
  let vms = initial.vms.map((vm) => ({ ...vm }));
  let errors = initial.errors ?? [];
  const operations = new Map<string, Operation>();
  const requests: RecordedRequest[] = [];
  const overrides: Override[] = [];
  /** Details beyond the VM itself, by VM name (default: no NICs). */
  const details = new Map<string, Omit<VmDetails, 'vm'>>();
  let sequence = 0;
  const me: Me = initial.me ?? {
    name: 'Alice Wong',
    upn: 'alice@contoso.onmicrosoft.com',
    oid: 'a11ce000-0000-4000-8000-000000000001',
    tid: 'contoso',
  };

  const find = (sub: string, rg: string, name: string) =>
    vms.find(
      (v) =>
        v.subscriptionId === sub &&
        v.resourceGroup.toLowerCase() === rg.toLowerCase() &&
        v.name.toLowerCase() === name.toLowerCase(),
    );

  const startOperation = (vm: Vm, action: VmAction): Operation | FakeReply => {
    if (!vm.actions.includes(action)) {
      return {
        status: 403,
        body: {
          error: {
            code: 'AuthorizationFailed',
            message: `The client does not have authorization to perform action '${action}' over scope '${vm.id}'.`,
          },
        },
      };
    }
    const operation: Operation = {
      id: `op-${++sequence}`,
      vmId: vm.id,
      vmName: vm.name,
      action,
      status: 'InProgress',
      requestedBy: { oid: me.oid, tid: me.tid, name: me.name, upn: me.upn },
      startedAt: new Date().toISOString(),
    };
    operations.set(operation.id, operation);
    return operation;
  };

  function route(req: RecordedRequest): FakeReply {
    for (const override of overrides) {
      const reply = override(req);
      if (reply) return reply;
    }
    const { method, path } = req;
    if (method === 'GET' && path === '/api/me') return { status: 200, body: me };
    if (method === 'GET' && path === '/api/vms') return { status: 200, body: { vms, errors } };
    if (method === 'POST' && path === '/api/vms/actions') {
      const { action, ids } = req.body as { action: VmAction; ids: string[] };
      const items: BulkItem[] = ids.map((id) => {
        const vm = vms.find((v) => v.id.toLowerCase() === id.toLowerCase());
        if (!vm) return { vmId: id, error: { code: 'NotFound', message: 'No such VM.' } };
        const started = startOperation(vm, action);
        return 'vmId' in started
          ? { vmId: id, operation: started }
          : {
              vmId: id,
              error: (started.body as { error: OperationError }).error,
            };
      });
      return { status: 202, body: { operations: items } };
    }
    const vmMatch = /^\/api\/vms\/([^/]+)\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (vmMatch) {
      const [, sub, rg, name, action] = vmMatch.map((s) => (s === undefined ? s : decodeURIComponent(s)));
      const vm = find(sub!, rg!, name!);
      if (!vm)
        return { status: 404, body: { error: { code: 'NotFound', message: `VM ${name} not found.` } } };
      if (method === 'GET' && !action) return { status: 200, body: vm };
      if (method === 'GET' && action === 'details')
        return {
          status: 200,
          body: { vm, zones: [], networkInterfaces: [], disks: [], ...details.get(vm.name.toLowerCase()) },
        };
      if (method === 'POST' && action) {
        const started = startOperation(vm, action as VmAction);
        return 'vmId' in started
          ? {
              status: 202,
              body: { operation: started },
              headers: { location: `/api/operations/${started.id}` },
            }
          : started;
      }
    }
    const opMatch = /^\/api\/operations\/([^/]+)$/.exec(path);
    if (method === 'GET' && opMatch) {
      const operation = operations.get(decodeURIComponent(opMatch[1]!));
      return operation
        ? { status: 200, body: operation }
        : { status: 404, body: { error: { code: 'NotFound', message: 'No such operation.' } } };
    }
    return { status: 404, body: { error: { code: 'NotFound', message: `No route ${method} ${path}` } } };
  }

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const headers = (init.headers ?? {}) as Record<string, string>;
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      path: new URL(url, 'http://tab.test').pathname,
      ...(typeof init.body === 'string' && { body: JSON.parse(init.body) }),
      ...(headers.authorization && { authorization: headers.authorization }),
    };
    requests.push(request);
    const reply = route(request);
    return response(reply);
  };

  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    /** Runs before the default routes; return undefined to fall through. */
    override(fn: Override): () => void {
      overrides.push(fn);
      return () => overrides.splice(overrides.indexOf(fn), 1);
    },
    /** What `GET …/details` adds to the VM (its NICs, admin user, …). */
    setDetails(name: string, extra: Omit<VmDetails, 'vm'>) {
      details.set(name.toLowerCase(), extra);
    },
    setVms(next: Vm[], nextErrors: SubscriptionError[] = []) {
      vms = next;
      errors = nextErrors;
    },
    get vms(): readonly Vm[] {
      return vms;
    },
    operations,
    /** Ends an operation; on success the VM reaches the action's target state. */
    finish(
      id: string,
      outcome: { status: 'Succeeded' } | { status: 'Failed'; error: OperationError } = {
        status: 'Succeeded',
      },
    ) {
      const operation = operations.get(id);
      if (!operation) throw new Error(`no operation ${id}`);
      operations.set(id, { ...operation, ...outcome, finishedAt: new Date().toISOString() });
      if (outcome.status === 'Succeeded') {
        vms = vms.map((vm) =>
          vm.id === operation.vmId ? { ...vm, powerState: TARGET[operation.action] } : vm,
        );
      }
    },
  };
}
export type FakeService = ReturnType<typeof createFakeService>;

/** A minimal fetch Response (jsdom has none). */
export function response(reply: FakeReply): Response {
  const headers = new Map(
    Object.entries({
      ...(reply.body !== undefined && { 'content-type': 'application/json; charset=utf-8' }),
      ...reply.headers,
    }).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return {
    ok: reply.status >= 200 && reply.status < 300,
    status: reply.status,
    headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
    json: async () => {
      if (reply.body === undefined) throw new SyntaxError('Unexpected end of JSON input');
      return JSON.parse(JSON.stringify(reply.body)) as unknown;
    },
  } as unknown as Response;
}
