import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest, Agent } from 'node:http';
import { OnBehalfOfCredential } from '@azure/identity';
import { ComputeManagementClient } from '@azure/arm-compute';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { createApp } from './src/app.ts';
import { loadConfig } from './src/config/index.ts';
import { createLogger } from './src/logging.ts';

const EMU = 'https://127.0.0.1:14443';
const ca = readFileSync('/tmp/svc-emu-state/ca.pem', 'utf8');
const post = (path: string, body: unknown) => new Promise<any>((resolve) => { const req = httpsRequest(`${EMU}${path}`, { method: 'POST', ca, headers: { 'content-type': 'application/json' } }, (res) => { let s = ''; res.on('data', (d) => (s += d)); res.on('end', () => resolve(s ? JSON.parse(s) : {})); }); req.end(JSON.stringify(body)); });
const getJson = (path: string) => new Promise<any>((resolve) => httpsRequest(`${EMU}${path}`, { ca }, (r) => { let s = ''; r.on('data', (d) => (s += d)); r.on('end', () => resolve(JSON.parse(s))); }).end());
await post('/_emulator/faults', { throttling: false });
await post('/_emulator/faults', { target: 'arm', latencyMs: 40 });
await post('/_emulator/faults', { target: 'entra', latencyMs: 100 });
const base = await loadConfig({ EMULATOR_URL: EMU, EMULATOR_CA_PATH: '/tmp/svc-emu-state/ca.pem', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
const app = createApp(base, { logger: createLogger({ level: 'silent' }) });
const SVC = await app.listen();
const agent = new Agent({ keepAlive: true });
const get = (path: string, tok: string) => new Promise<{ status: number; len: number }>((resolve) => { const r = httpRequest(`${SVC}${path}`, { agent, headers: { authorization: `Bearer ${tok}` } }, (res) => { let n = 0; res.on('data', (d) => (n += d.length)); res.on('end', () => resolve({ status: res.statusCode!, len: n })); }); r.end(); });
const p = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]!; };

const tok = (await post('/_emulator/token', { user: 'perf' })).access_token;
await post('/_emulator/reset', {}); await post('/_emulator/faults', { throttling: false }); await post('/_emulator/faults', { target: 'arm', latencyMs: 40 }); await post('/_emulator/faults', { target: 'entra', latencyMs: 100 });
let t = performance.now();
const cold = await get('/api/vms', tok);
const coldMs = performance.now() - t;
console.log('cold', Math.round(coldMs), cold, JSON.stringify((await getJson('/_emulator/stats'))));
const { Session } = await import('node:inspector/promises');
const session = new Session(); session.connect();
if (process.env.PROF) { await session.post('Profiler.enable'); await session.post('Profiler.start'); }
const warm: number[] = [];
for (let i = 0; i < 20; i++) { t = performance.now(); await get('/api/vms', tok); warm.push(performance.now() - t); }
if (process.env.PROF) {
  const { profile } = (await session.post('Profiler.stop')) as any;
  const self = new Map<number, number>();
  const dt = profile.timeDeltas as number[];
  (profile.samples as number[]).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
  const byPkg = new Map<string, number>(); const byFn = new Map<string, number>();
  for (const n of profile.nodes) { const t = (self.get(n.id) ?? 0) / 1000; const url = String(n.callFrame.url);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes('/work/main/src') ? 'src' : url.startsWith('node:') ? 'node' : url ? 'other' : n.callFrame.functionName);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
    const k = `${n.callFrame.functionName || '(anon)'} ${url.replace(/^.*node_modules\//, '').replace('file:///work/main/', '')}:${n.callFrame.lineNumber}`; byFn.set(k, (byFn.get(k) ?? 0) + t); }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([a, b]) => `${Math.round(b)}ms ${a}`).join('\n');
  console.log(top(byPkg, 12)); console.log('--'); console.log(top(byFn, 25));
}
console.log('warm p50', Math.round(p(warm, 0.5)), 'p99', Math.round(p(warm, 0.99)));

const cfg = await getJson('/_emulator/config');
const cred = new OnBehalfOfCredential({ tenantId: cfg.tenantId, clientId: cfg.app.clientId, clientSecret: cfg.app.clientSecret, userAssertionToken: (await post('/_emulator/token', { user: 'perf' })).access_token, authorityHost: cfg.authorityHost, disableInstanceDiscovery: true, tlsOptions: { ca } });
const opts = { endpoint: cfg.armEndpoint, tlsOptions: { ca }, credentials: { scopes: ['https://management.azure.com/.default'] } };
const subsClient = new SubscriptionClient(cred, opts);
const clients = new Map<string, ComputeManagementClient>();
async function baseline() {
  const subs: string[] = [];
  for await (const s of subsClient.subscriptions.list()) subs.push(s.subscriptionId!);
  const counts = await Promise.all(subs.map(async (id) => { let c = clients.get(id); if (!c) { c = new ComputeManagementClient(cred, id, opts); clients.set(id, c); } let n = 0; for await (const _ of c.virtualMachines.listAll({ statusOnly: 'true' })) n++; return n; }));
  return counts.reduce((a, b) => a + b, 0);
}
await baseline();
const bl: number[] = [];
for (let i = 0; i < 20; i++) { t = performance.now(); await baseline(); bl.push(performance.now() - t); }
console.log('baseline p50', Math.round(p(bl, 0.5)), 'ratio', (p(warm, 0.5) / p(bl, 0.5)).toFixed(3));
await post('/_emulator/reset', {});
await app.close();
process.exit(0);
