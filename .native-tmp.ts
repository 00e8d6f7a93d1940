import { readFileSync } from 'node:fs';
import { OnBehalfOfCredential } from '@azure/identity';
import { createDefaultHttpClient } from '@azure/core-rest-pipeline';
import { request as httpsRequest, Agent } from 'node:https';
const EMU = 'https://127.0.0.1:14443';
const ca = readFileSync('/tmp/svc-emu-state/ca.pem', 'utf8');
const agent = new Agent({ keepAlive: true, ca });
const cfg = JSON.parse(await new Promise<string>((res) => httpsRequest(`${EMU}/_emulator/config`, { ca }, (r) => { let s = ''; r.on('data', (d) => (s += d)); r.on('end', () => res(s)); }).end()));
const token = (user: string) => new Promise<string>((resolve) => { const req = httpsRequest(`${EMU}/_emulator/token`, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => { let s = ''; res.on('data', (d) => (s += d)); res.on('end', () => resolve(JSON.parse(s).access_token)); }); req.end(JSON.stringify({ user })); });
const tlsOptions = { ca };
const httpClient = createDefaultHttpClient();
const mode = process.argv[2];
const N = 3000;
const toks: string[] = [];
for (let i = 0; i < N; i++) toks.push(await token(`load-${String(i).padStart(5, '0')}`));
const gc = (globalThis as any).gc as () => void;
const m = () => { gc(); gc(); const x = process.memoryUsage(); return { rss: Math.round(x.rss / 1048576), heapTotal: Math.round(x.heapTotal / 1048576), nonHeap: Math.round((x.rss - x.heapTotal) / 1048576) }; };
const m0 = m();
let next = 0;
async function worker() { while (next < N) { const i = next++;
  if (mode === 'obo') { const cred = new OnBehalfOfCredential({ tenantId: cfg.tenantId, clientId: cfg.app.clientId, clientSecret: cfg.app.clientSecret, userAssertionToken: toks[i]!, authorityHost: cfg.authorityHost, disableInstanceDiscovery: true, httpClient, tlsOptions }); await cred.getToken('https://management.azure.com/.default', { enableCae: true }); }
  else if (mode === 'hash') { const { createHash } = await import('node:crypto'); for (let k = 0; k < 20; k++) createHash('sha256').update(toks[i]!).digest('hex'); }
  else if (mode === 'get') { await new Promise<void>((resolve) => { const r = httpsRequest(`${EMU}/${cfg.tenantId}/v2.0/.well-known/openid-configuration`, { agent }, (res) => { res.resume(); res.on('end', resolve); }); r.end(); }); }
} }
await Promise.all(Array.from({ length: 16 }, worker));
console.log(mode, m0, m());
process.exit(0);
