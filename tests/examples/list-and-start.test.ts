import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/paths.ts';

/**
 * The "done when": `npm run emulator` as a real process (fresh state folder: first-run CA), then the
 * example script — public SDKs only — as another process, trusting the CA the way users do.
 */
describe('examples/list-and-start.ts against `npm run emulator`', () => {
  let stateDir: string;
  let port: number;
  let emulator: ChildProcess;
  let banner: string;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'emulator-state-'));
    port = await freePort();
    const { EMULATOR_HOST: _host, ...env } = process.env;
    emulator = spawn(process.execPath, ['emulator/main.ts'], {
      cwd: ROOT,
      env: {
        ...env,
        EMULATOR_PORT: String(port),
        EMULATOR_STATE_DIR: stateDir,
        EMULATOR_TRANSITION_MS: '200',
        EMULATOR_RETRY_AFTER: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    banner = await waitForOutput(emulator, /listening on https:\/\/\S+/, 20_000);
  }, 30_000);

  afterAll(async () => {
    if (emulator.exitCode === null) {
      const exited = once(emulator, 'exit');
      emulator.kill('SIGTERM');
      await exited;
    }
    await rm(stateDir, { recursive: true, force: true });
  });

  it('starts on loopback only, with a new CA in the state folder', async () => {
    expect(banner).toContain(`listening on https://127.0.0.1:${port}`);
    expect(banner).toContain(`NODE_EXTRA_CA_CERTS=${join(stateDir, 'ca.pem')}`);
    for (const file of ['ca.pem', 'ca-key.pem', 'server.pem', 'server-key.pem']) {
      expect(existsSync(join(stateDir, file))).toBe(true);
    }
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (external) await expect(tcpConnect(external, port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(tcpConnect('127.0.0.1', port)).resolves.toBeUndefined();
  });

  it('lists alice’s four Contoso Dev VMs and starts web-02 (CA through NODE_EXTRA_CA_CERTS)', async () => {
    const { code, stdout, stderr } = await runExample({
      NODE_EXTRA_CA_CERTS: join(stateDir, 'ca.pem'),
      EMULATOR_CA_PATH: join(stateDir, 'no-such-ca.pem'),
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((l) => /^\S/.test(l) && l.includes('('))).toEqual([
      'Contoso Dev (1b5e2f3a-7c4d-4e8f-9a01-2b3c4d5e6f70)',
    ]);
    expect(vmLines(lines)).toEqual([
      ['rg-web/web-01', 'Standard_B2s', 'running'],
      ['rg-web/web-02', 'Standard_B2s', 'deallocated'],
      ['rg-data/sql-01', 'Standard_E4s_v5', 'stopped'],
      ['rg-data/build-agent-01', 'Standard_D4s_v5', 'running'],
    ]);
    expect(lines).toContain('Starting web-02 as alice…');
    expect(lines).toContain('  operation running');
    expect(lines.at(-1)).toBe('web-02 is now running');
  });

  it('runs again through `npm run example` with the CA file, and sees web-02 running', async () => {
    const { code, stdout, stderr } = await runExample({ EMULATOR_CA_PATH: join(stateDir, 'ca.pem') }, [
      'npm',
      ['run', '--silent', 'example'],
    ]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trimEnd().split('\n');
    expect(vmLines(lines).find(([name]) => name === 'rg-web/web-02')).toEqual([
      'rg-web/web-02',
      'Standard_B2s',
      'running',
    ]);
    expect(lines.at(-1)).toBe('web-02 is now running');
  });

  it('explains an untrusted emulator instead of crashing', async () => {
    const { code, stdout, stderr } = await runExample({
      NODE_EXTRA_CA_CERTS: undefined,
      EMULATOR_CA_PATH: join(stateDir, 'no-such-ca.pem'),
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(
      `Cannot read https://127.0.0.1:${port}/_emulator/config (SELF_SIGNED_CERT_IN_CHAIN). ` +
        'Is `npm run emulator` running, and is its CA at EMULATOR_CA_PATH (default .emulator/ca.pem)?',
    );
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = once(emulator, 'exit');
    emulator.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
  });

  function runExample(
    env: Record<string, string | undefined>,
    [command, args]: [string, string[]] = [process.execPath, ['examples/list-and-start.ts']],
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, EMULATOR_URL: `https://127.0.0.1:${port}`, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    return once(child, 'close').then(([code]) => {
      clearTimeout(timer);
      return { code: code as number | null, stdout, stderr };
    });
  }
});

/** `  rg-web/web-01   Standard_B2s   running` → columns. */
function vmLines(lines: readonly string[]): string[][] {
  return lines.filter((l) => /^ {2}\S+\/\S+ /.test(l)).map((l) => l.trim().split(/\s+/));
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function tcpConnect(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
    });
    socket.once('error', reject);
  });
}

/** Resolves with the first stdout match; rejects if the process exits or stays silent past `timeoutMs`. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code}):\n${output}`));
    });
  });
}
