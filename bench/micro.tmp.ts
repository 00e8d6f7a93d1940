import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDefaultHttpClient } from '@azure/core-rest-pipeline';
import { call, freePort, startProcess, mapLimit } from './support.ts';
import { createOboCredentialFactory } from '../src/azure/credentials.ts';
import { createUserClientsCache, ARM_SCOPE } from '../src/azure/user-clients.ts';
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const stateDir = join(root, '.emulator-micro');
const ep = await freePort();
const url = `https://127.0.0.1:${ep}`;
const emuP = await startProcess(join(root, 'emulator/main.ts'), { ...process.env, EMULATOR_PORT: String(ep), EMULATOR_SEED: 'large', EMULATOR_STATE_DIR: stateDir }, /listening on/);
const ca = readFileSync(join(stateDir, 'ca.pem'), 'utf8');
const emu = async (path: string, body?: unknown) => JSON.parse((await call(url + path, { method: body === undefined ? 'GET' : 'POST', body, ca })).body);
const cfg = await emu('/_emulator/config');
const N = Number(process.env.N ?? 500); const MODE = process.env.MODE ?? 'full';
const tokens: string[] = [];
for (let i = 0; i < N; i++) tokens.push((await emu('/_emulator/token', { user: `load-${String(i).padStart(5, '0')}` })).access_token);
const tlsOptions = Object.freeze({ ca });
const httpClient = createDefaultHttpClient();
const cache = createUserClientsCache({
  createCredential: createOboCredentialFactory({ clientId: cfg.app.clientId, credential: { kind: 'secret', clientSecret: cfg.app.clientSecret }, authorityHost: cfg.authorityHost, httpClient, tlsOptions }),
  armEndpoint: cfg.armEndpoint, maxUsers: 100000, httpClient, tlsOptions,
});
const users = tokens.map((t) => { const p = JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()); return { assertion: t, tid: p.tid, oid: p.oid, expiresAt: p.exp * 1000, name: p.name, upn: p.preferred_username } as any; });
const gc = () => { (globalThis as any).gc(); (globalThis as any).gc(); };
// warm 1 user for code
const run = async (u: any) => {
  const c = cache.forUser(u);
  if (MODE === 'ctor') return;
  await c.credential.getToken(ARM_SCOPE, { enableCae: true });
  if (MODE === 'token') return;
  for await (const _ of c.subscriptions().subscriptions.list()) { /* */ }
};
await run(users[0]);
await new Promise((r) => setTimeout(r, 200)); gc();
const before = process.memoryUsage().heapUsed;
await mapLimit(users.slice(1), 16, run);
await new Promise((r) => setTimeout(r, 500)); gc();
const after = process.memoryUsage().heapUsed;
console.log(`${MODE}: ${((after - before) / (N - 1) / 1024).toFixed(1)} KB retained per cached user (size ${cache.size})`);
if (process.env.SNAP) { const v8 = await import('node:v8'); v8.writeHeapSnapshot('/tmp/mem/micro.heapsnapshot'); }
emuP.kill(); rmSync(stateDir, { recursive: true, force: true }); process.exit(0);
