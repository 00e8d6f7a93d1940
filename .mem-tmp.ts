import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest, Agent } from 'node:http';
import { createApp } from './src/app.ts';
import { loadConfig } from './src/config/index.ts';
import { createLogger } from './src/logging.ts';

const EMU = 'https://127.0.0.1:14443';
const ca = readFileSync('/tmp/svc-emu-state/ca.pem', 'utf8');
const maxUsers = Number(process.argv[2] ?? 2000);
const N = Number(process.argv[3] ?? 4000);
const base = await loadConfig({ EMULATOR_URL: EMU, EMULATOR_CA_PATH: '/tmp/svc-emu-state/ca.pem', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
const config = { ...base, cache: { ...base.cache, maxUsers } };
const app = createApp(config, { logger: createLogger({ level: 'silent' }) });
const SVC = await app.listen();
function token(user: string): Promise<string> {
  return new Promise((resolve) => {
    const req = httpsRequest(`${EMU}/_emulator/token`, { method: 'POST', ca, headers: { 'content-type': 'application/json' } }, (res) => {
      let s = ''; res.on('data', (d) => (s += d)); res.on('end', () => resolve(JSON.parse(s).access_token));
    });
    req.end(JSON.stringify({ user }));
  });
}
const agent = new Agent({ keepAlive: true, maxSockets: 32 });
const get = (path: string, tok: string) => new Promise<number>((resolve) => { const r = httpRequest(`${SVC}${path}`, { agent, headers: { authorization: `Bearer ${tok}` } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode!)); }); r.end(); });
const gc = (globalThis as any).gc as () => void;
const mem = () => { gc(); gc(); const m = process.memoryUsage(); return { heap: Math.round(m.heapUsed / 1048576), rss: Math.round(m.rss / 1048576) }; };
for (let i = 0; i < 50; i++) await get('/api/vms', await token(`load-9${String(i).padStart(4, '0')}`));
const m0 = mem();
console.log('start', m0);
let next = 0;
async function worker() { while (next < N) { const i = next++; await get('/api/vms', await token(`load-${String(i).padStart(5, '0')}`)); if (i % 1000 === 999) console.log(i + 1, mem(), 'cache', app.userClients.size); } }
await Promise.all(Array.from({ length: 16 }, worker));
console.log('end', mem());
await app.close();
process.exit(0);
