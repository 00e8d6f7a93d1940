import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the bot did through the connector. */
export interface ConnectorCall {
  readonly method: 'send' | 'update' | 'delete';
  readonly conversationId: string;
  readonly activityId: string;
  readonly activity: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface Member {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId?: string;
}

/**
 * A local Bot Connector for tests: the bot's replies, updates and roster reads arrive here over
 * real HTTP (the activity's serviceUrl), as they would at Teams' connector.
 */
export interface TestConnector {
  /** serviceUrl to put on activities. */
  readonly serviceUrl: string;
  readonly calls: readonly ConnectorCall[];
  setMembers(conversationId: string, members: readonly Member[]): void;
  /** Resolves with the first call (past or future) matching `predicate`. */
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  /** Activities the bot posted (not updates) in one conversation, in order. */
  sent(conversationId: string): ConnectorCall[];
  close(): Promise<void>;
}

export async function startTestConnector(): Promise<TestConnector> {
  const calls: ConnectorCall[] = [];
  const members = new Map<string, readonly Member[]>();
  const waiters = new Set<{
    predicate: (call: ConnectorCall) => boolean;
    resolve: (call: ConnectorCall) => void;
  }>();

  const record = (call: ConnectorCall) => {
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(call)) {
        waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://connector');
      const match =
        /^\/v3\/conversations\/([^/]+)(?:\/(activities|pagedmembers|members)(?:\/([^/]+))?)?$/.exec(
          url.pathname,
        );
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!match) return reply(404, { error: { code: 'NotFound', message: url.pathname } });
      const conversationId = decodeURIComponent(match[1]!);
      const kind = match[2];
      const id = match[3] ? decodeURIComponent(match[3]) : undefined;
      if (kind === 'pagedmembers' && req.method === 'GET')
        return reply(200, { members: members.get(conversationId) ?? [] });
      if (kind === 'members' && req.method === 'GET') return reply(200, members.get(conversationId) ?? []);
      if (kind !== 'activities') return reply(404, {});
      const body = req.method === 'DELETE' ? {} : await readJson(req);
      if (req.method === 'POST') {
        const activityId = randomUUID();
        record({
          method: 'send',
          conversationId,
          activityId,
          activity: { ...body, ...(id ? { replyToId: id } : {}) },
        });
        return reply(200, { id: activityId });
      }
      if (req.method === 'PUT' && id) {
        record({ method: 'update', conversationId, activityId: id, activity: body });
        return reply(200, { id });
      }
      if (req.method === 'DELETE' && id) {
        record({ method: 'delete', conversationId, activityId: id, activity: {} });
        return reply(200, {});
      }
      return reply(405, {});
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    setMembers: (conversationId, list) => void members.set(conversationId, list),
    sent: (conversationId) => calls.filter((c) => c.conversationId === conversationId && c.method === 'send'),
    waitFor(predicate, timeoutMs = 10_000) {
      const found = calls.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: (call: ConnectorCall) => (clearTimeout(timer), resolve(call)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`connector: no matching call within ${timeoutMs} ms (saw ${calls.length} calls)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
