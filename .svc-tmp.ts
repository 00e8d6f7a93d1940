import { createApp } from './src/app.ts';
import { loadConfig } from './src/config/index.ts';
import { createLogger } from './src/logging.ts';
const base = await loadConfig({ EMULATOR_URL: 'https://127.0.0.1:14443', EMULATOR_CA_PATH: '/tmp/svc-emu-state/ca.pem', PORT: process.env.PORT!, HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
const app = createApp({ ...base, cache: { ...base.cache, maxUsers: Number(process.env.MAXU ?? 500) } }, { logger: createLogger({ level: 'silent' }) });
console.log(await app.listen());
const mb = (n: number) => Math.round(n / 1048576);
setInterval(() => { const m = process.memoryUsage(); console.log(JSON.stringify({ rss: mb(m.rss), heapTotal: mb(m.heapTotal), heapUsed: mb(m.heapUsed), external: mb(m.external), ab: mb(m.arrayBuffers), cache: app.userClients.size })); }, 5000).unref();
if (process.env.PROF) {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
  process.on('SIGUSR2', async () => {
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as any;
    const byFn = new Map<string, number>();
    const byPkg = new Map<string, number>();
    const walk = (node: any, stack: string[]) => {
      const cf = node.callFrame;
      const key = `${cf.functionName || '(anon)'} ${String(cf.url).replace(/^.*node_modules\//, '')}:${cf.lineNumber}`;
      byFn.set(key, (byFn.get(key) ?? 0) + node.selfSize);
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(cf.url)?.[1] ?? (String(cf.url).includes('/work/main/src') ? 'src' : String(cf.url).startsWith('node:') ? 'node' : 'other');
      byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + node.selfSize);
      for (const c of node.children) walk(c, stack);
    };
    walk(profile.head, []);
    const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${Math.round(v / 1048576)}MB ${k}`);
    console.log(top(byPkg, 15).join('\n'));
    console.log('---');
    console.log(top(byFn, 30).join('\n'));
  });
}
