import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

export interface TestRedis {
  /** `redis://127.0.0.1:{port}` */
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGKILL: as abrupt as a lost cache node). */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: no persistence). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function launch(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${REDIS_SERVER} (apt-get install redis-server): ${error.message}`));
    });
    // Ready when it accepts connections.
    const probe = async () => {
      for (let i = 0; i < 100; i++) {
        const ok = await new Promise<boolean>((r) => {
          const socket = connect(port, '127.0.0.1');
          socket.once('connect', () => {
            socket.end();
            r(true);
          });
          socket.once('error', () => r(false));
        }).catch(() => false);
        if (ok) {
          clearTimeout(timer);
          resolve(child);
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    void probe();
  });
}

/** A real `redis-server` of the test's own, on a free loopback port, no persistence. */
export async function startTestRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child = await launch(port);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: stop,
    async restart() {
      await stop();
      child = await launch(port);
    },
    close: stop,
  };
}
