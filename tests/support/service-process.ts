import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, TEST_STATE_DIR } from './paths.ts';
import type { TestEmulator } from './emulator.ts';

export interface ServiceProcess {
  /** `http://127.0.0.1:{port}` */
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout + stderr). */
  output(): string;
  /** SIGKILL: an instance that dies without a goodbye. */
  kill(): Promise<void>;
  /** SIGTERM: a graceful stop (drain, hand over polls). */
  stop(): Promise<void>;
}

/** A 32-byte test key for STATE_ENCRYPTION_KEY. */
export const TEST_STATE_KEY = Buffer.alloc(32, 42).toString('base64');

/**
 * The real service as its own process (`node src/main.ts`, as `npm run service` runs it), in local
 * mode against `emulator`, with extra environment (REDIS_URL, …). Resolves once it listens.
 */
export function startServiceProcess(
  emulator: TestEmulator,
  env: Record<string, string> = {},
  options: { readonly port?: number } = {},
): Promise<ServiceProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(options.port ?? 0),
        HOST: '127.0.0.1',
        EMULATOR_URL: emulator.url,
        EMULATOR_CA_PATH: join(TEST_STATE_DIR, 'ca.pem'),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the service did not start:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /VM service listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          child,
          output: () => output,
          async kill() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            await exited;
          },
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!/VM service listening on/.test(output))
        reject(new Error(`the service exited (${code}):\n${output}`));
    });
  });
}

/** Runs the service process to its exit (for start-up refusals). */
export function runServiceProcess(
  emulator: TestEmulator,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        EMULATOR_URL: emulator.url,
        EMULATOR_CA_PATH: join(TEST_STATE_DIR, 'ca.pem'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
