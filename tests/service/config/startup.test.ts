import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT } from '../../support/paths.ts';

const TENANT = '72f988bf-0000-4c6e-9d3a-0c0f7e5d1a11';
const CLIENT = '0d3f5c2a-8b6e-4f1d-9c7a-5e4b3a2f1d0c';

/** Runs `src/main.ts` as `npm run service` does, with only `env` (plus PATH), until it exits or 15 s pass. */
function runService(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'src/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

describe('the service process with production settings', () => {
  it('refuses to start without MicrosoftAppId, naming it and how to set it', async () => {
    const result = await runService({ TENANT_ID: TENANT, CLIENT_ID: CLIENT, CLIENT_SECRET: 'x-secret' });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stdout).not.toContain('listening');
    expect(result.stderr).toContain('The VM service cannot start.');
    expect(result.stderr).toContain(
      "MicrosoftAppId: is required outside local mode: set it to the Azure Bot's app id",
    );
    expect(result.stderr).not.toContain('x-secret');
  });
});
