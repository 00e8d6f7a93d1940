/**
 * A minimal Chrome DevTools Protocol client for a child process started with `--inspect=host:port`:
 * the benchmark uses it to force a full GC in the service and read its heap figures, so it can tell
 * retained memory from garbage that V8 simply has not collected yet.
 */
import { writeFileSync } from 'node:fs';

export interface HeapFigures {
  /** `process.memoryUsage()` of the inspected process, MB. */
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
  readonly externalMb: number;
  readonly arrayBuffersMb: number;
}

export interface Inspector {
  /** Full, compacting GC (`HeapProfiler.collectGarbage`), twice so weak callbacks settle. */
  collectGarbage(): Promise<void>;
  figures(): Promise<HeapFigures>;
  /** Writes a `.heapsnapshot` (loadable in Chrome DevTools) to `path`. */
  heapSnapshot(path: string): Promise<void>;
  /** Sends any protocol command (e.g. `HeapProfiler.startSampling`) and resolves to its result. */
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  close(): void;
}

interface Reply {
  readonly id?: number;
  readonly method?: string;
  readonly params?: { readonly chunk?: string };
  readonly result?: { readonly result?: { readonly value?: unknown } } & Record<string, unknown>;
  readonly error?: { readonly message: string };
}

const MB = 1024 * 1024;

/** Connects to the inspector listening on `port` (the first target). */
export async function connectInspector(port: number): Promise<Inspector> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
    webSocketDebuggerUrl: string;
  }>;
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`No inspector target on port ${port}`);
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`Cannot connect to the inspector at ${url}`)), {
      once: true,
    });
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let onChunk: ((chunk: string) => void) | undefined;
  socket.addEventListener('message', (event: MessageEvent) => {
    const message = JSON.parse(String(event.data)) as Reply;
    if (message.method === 'HeapProfiler.addHeapSnapshotChunk') onChunk?.(message.params?.chunk ?? '');
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error.message));
    else waiter?.resolve(message);
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });

  return {
    async collectGarbage() {
      await send('HeapProfiler.collectGarbage');
      await new Promise((r) => setTimeout(r, 50));
      await send('HeapProfiler.collectGarbage');
    },
    async figures() {
      const reply = await send('Runtime.evaluate', {
        expression: 'JSON.stringify(process.memoryUsage())',
        returnByValue: true,
      });
      const usage = JSON.parse(String(reply.result?.result?.value)) as NodeJS.MemoryUsage;
      return {
        rssMb: usage.rss / MB,
        heapUsedMb: usage.heapUsed / MB,
        heapTotalMb: usage.heapTotal / MB,
        externalMb: usage.external / MB,
        arrayBuffersMb: usage.arrayBuffers / MB,
      };
    },
    async heapSnapshot(path) {
      const chunks: string[] = [];
      onChunk = (chunk) => chunks.push(chunk);
      try {
        await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      } finally {
        onChunk = undefined;
      }
      writeFileSync(path, chunks.join(''));
    },
    send: async (method, params) => (await send(method, params)).result,
    close: () => socket.close(),
  };
}
