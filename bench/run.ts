/**
 * `npm run bench`: performance figures for the VM service on the emulator, printed as one JSON object.
 *
 * Starts the emulator (large seed: user `perf`, 10 subscriptions × 300 VMs; injected latency 40 ms per
 * ARM call and 100 ms per Entra call; throttling off) and the service as separate processes, then
 * measures, in one run:
 * - listing latency through the service (warm: same token; cold: a fresh SSO token each time),
 * - the floor: the same listing done directly with the SDKs in this process (one cached credential,
 *   subscriptions in parallel), and what a naive script does (sequential, one instance view per VM),
 * - 50 concurrent sessions, OBO and JWKS call counts from the emulator's stats,
 * - service RSS growth after 10,000 distinct users' tokens,
 * - service RSS growth after 20,000 requests from one user for VMs in random subscription ids
 *   (`rssGrowthMbHostileIds`, and whether the process is still alive),
 * - the tab: first rows painted after 5,000 VMs arrive, initial JS size (when the tab bench exists).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent } from 'node:http';
import type { ChildProcess } from 'node:child_process';
import {
  OnBehalfOfCredential,
  type AuthorityValidationOptions,
  type MultiTenantTokenCredentialOptions,
  type OnBehalfOfCredentialSecretOptions,
} from '@azure/identity';
import { ComputeManagementClient } from '@azure/arm-compute';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { connectInspector } from './inspector.ts';
import { mapLimit } from '../src/util/map-limit.ts';
import { call, freePort, percentile, round, rssMb, startProcess, timeIt } from './support.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ARM_LATENCY_MS = Number(process.env.BENCH_ARM_LATENCY_MS ?? 40);
const ENTRA_LATENCY_MS = Number(process.env.BENCH_ENTRA_LATENCY_MS ?? 100);
const WARM_SAMPLES = Number(process.env.BENCH_WARM_SAMPLES ?? 30);
const COLD_SAMPLES = Number(process.env.BENCH_COLD_SAMPLES ?? 10);
const DISTINCT_USERS = Number(process.env.BENCH_DISTINCT_USERS ?? 10_000);
const CONCURRENT_USERS = 50;
const HOSTILE_REQUESTS = Number(process.env.BENCH_HOSTILE_REQUESTS ?? 20_000);
const SKIP_NAIVE = process.env.BENCH_NAIVE === '0';
/**
 * The V8 settings the service runs with everywhere (`npm run service`, `npm start`, infra's startup
 * command; docs/configuration.md): a 16 MB young-generation semi-space instead of V8's default
 * that grows to 64 MB on large hosts and then stays resident.
 */
const SERVICE_NODE_FLAGS = ['--max-old-space-size=1024', '--max-semi-space-size=16'];

interface EmulatorConfig {
  tenantId: string;
  authorityHost: string;
  armEndpoint: string;
  app: { clientId: string; clientSecret: string };
}

interface Stats {
  token: { obo: number };
  jwks: number;
  arm: { read: number; write: number };
  /** Retail Prices API requests (pages included). */
  prices: number;
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

const commandExists = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

async function main(): Promise<void> {
  const children: ChildProcess[] = [];
  const stateDir = join(root, '.emulator-bench');
  process.on('exit', () => children.forEach((c) => c.kill('SIGTERM')));
  try {
    const emulatorPort = await freePort();
    const emulatorUrl = `https://127.0.0.1:${emulatorPort}`;
    log(`starting emulator (large seed) on ${emulatorUrl}`);
    children.push(
      await startProcess(
        join(root, 'emulator/main.ts'),
        {
          ...process.env,
          EMULATOR_PORT: String(emulatorPort),
          EMULATOR_SEED: 'large',
          EMULATOR_STATE_DIR: stateDir,
          EMULATOR_PAGE_SIZE: '500',
        },
        /listening on/,
      ),
    );
    const ca = readFileSync(join(stateDir, 'ca.pem'), 'utf8');
    const emu = (path: string, body?: unknown) =>
      call(emulatorUrl + path, { method: body === undefined ? 'GET' : 'POST', body, ca }).then((r) => {
        if (r.status >= 300) throw new Error(`${path}: ${r.status} ${r.body}`);
        return JSON.parse(r.body) as unknown;
      });
    const config = (await emu('/_emulator/config')) as EmulatorConfig;
    const token = async (user: string) =>
      ((await emu('/_emulator/token', { user })) as { access_token: string }).access_token;
    const stats = async () => (await emu('/_emulator/stats')) as Stats;
    const setLatency = async (arm: number, entra: number) => {
      await emu('/_emulator/faults', { target: 'arm', latencyMs: arm, throttling: false });
      await emu('/_emulator/faults', { target: 'entra', latencyMs: entra });
    };
    await setLatency(ARM_LATENCY_MS, ENTRA_LATENCY_MS);

    const startService = async (inspectPort?: number, extraEnv: NodeJS.ProcessEnv = {}) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      log(`starting service on ${url}`);
      const child = await startProcess(
        join(root, 'src/main.ts'),
        {
          ...process.env,
          PORT: String(port),
          EMULATOR_URL: emulatorUrl,
          NODE_EXTRA_CA_CERTS: join(stateDir, 'ca.pem'),
          EMULATOR_CA_PATH: join(stateDir, 'ca.pem'),
          LOG_LEVEL: 'warn',
          ...extraEnv,
        },
        /VM service listening on/,
        { execArgv: [...SERVICE_NODE_FLAGS, ...(inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : [])] },
      );
      children.push(child);
      return { child, url };
    };
    // One user (perf) plays 50 concurrent sessions below: far past a person's read budget, so the
    // latency phases lift it; the hostile-ids phase runs with the defaults.
    // The throughput phases also lift the per-request deadline: they measure capacity, not patience.
    const UNLIMITED = {
      RATE_LIMIT_READS: '1000000/1000000',
      RATE_LIMIT_ACTIONS: '1000000/1000000',
      AZURE_REQUEST_TIMEOUT_MS: '300000',
    };
    let { child: service, url: serviceUrl } = await startService(undefined, UNLIMITED);
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    const listVms = async (sso: string) => {
      const res = await call(`${serviceUrl}/api/vms`, { headers: { authorization: `Bearer ${sso}` }, agent });
      if (res.status !== 200) throw new Error(`GET /api/vms: ${res.status} ${res.body.slice(0, 300)}`);
      return JSON.parse(res.body) as { vms: unknown[]; errors: unknown[] };
    };

    // Cold: the very first request, then fresh SSO tokens (new OBO exchange each time).
    const perfToken = await token('perf');
    const first = await timeIt(() => listVms(perfToken));
    const vmCount = first.value.vms.length;
    log(`first list: ${vmCount} VMs in ${round(first.ms)} ms`);
    const cold: number[] = [];
    for (let i = 0; i < COLD_SAMPLES; i++) {
      const fresh = await token('perf');
      cold.push((await timeIt(() => listVms(fresh))).ms);
    }

    // Warm: the same token again and again; count OBO calls for it.
    const before = await stats();
    const warm: number[] = [];
    for (let i = 0; i < WARM_SAMPLES; i++) warm.push((await timeIt(() => listVms(perfToken))).ms);
    const afterWarm = await stats();
    log(`warm p50 ${percentile(warm, 50)} ms`);

    // OBO calls per user: a fresh session making many requests.
    const oboBefore = (await stats()).token.obo;
    const session = await token('perf');
    for (let i = 0; i < 20; i++) await listVms(session);
    const oboCallsPerUser = (await stats()).token.obo - oboBefore;
    // The price cache: every listing so far (all users) against the Retail Prices API requests they caused.
    const priceCache = {
      listings: 1 + COLD_SAMPLES + WARM_SAMPLES + 20,
      retailPricesRequests: (await stats()).prices,
    };

    // Baseline: the same listing with the SDKs directly, in this process.
    // The constructor overloads omit AuthorityValidationOptions, which the credential honours at run time.
    const oboOptions: OnBehalfOfCredentialSecretOptions &
      MultiTenantTokenCredentialOptions &
      AuthorityValidationOptions = {
      tenantId: config.tenantId,
      clientId: config.app.clientId,
      clientSecret: config.app.clientSecret,
      userAssertionToken: await token('perf'),
      authorityHost: config.authorityHost,
      disableInstanceDiscovery: true,
      tlsOptions: { ca },
    };
    const credential = new OnBehalfOfCredential(oboOptions);
    const clientOptions = { endpoint: config.armEndpoint, tlsOptions: { ca } };
    const subscriptionClient = new SubscriptionClient(credential, {
      ...clientOptions,
      credentials: { scopes: ['https://management.azure.com/.default'] },
    });
    const computeClients = new Map<string, ComputeManagementClient>();
    const compute = (id: string) => {
      let client = computeClients.get(id);
      if (!client)
        computeClients.set(id, (client = new ComputeManagementClient(credential, id, clientOptions)));
      return client;
    };
    const baselineList = async () => {
      const subs: string[] = [];
      for await (const s of subscriptionClient.subscriptions.list()) subs.push(s.subscriptionId!);
      const lists = await Promise.all(
        subs.map(async (id) => {
          const vms: unknown[] = [];
          for await (const vm of compute(id).virtualMachines.listAll({ statusOnly: 'true' })) vms.push(vm);
          return vms;
        }),
      );
      return lists.flat().length;
    };
    const baselineCount = await baselineList(); // warms the credential
    const baseline: number[] = [];
    for (let i = 0; i < WARM_SAMPLES; i++) baseline.push((await timeIt(baselineList)).ms);
    log(`baseline p50 ${percentile(baseline, 50)} ms (${baselineCount} VMs)`);

    // Naive: sequential subscriptions, one instance-view call per VM.
    let naiveMs: number | null = null;
    if (!SKIP_NAIVE) {
      log('naive listing (sequential, one instance view per VM) — this takes a while');
      naiveMs = (
        await timeIt(async () => {
          const subs: string[] = [];
          for await (const s of subscriptionClient.subscriptions.list()) subs.push(s.subscriptionId!);
          for (const id of subs) {
            for await (const vm of compute(id).virtualMachines.listAll()) {
              const rg = vm.id!.split('/')[4]!;
              await compute(id).virtualMachines.instanceView(rg, vm.name!);
            }
          }
        })
      ).ms;
    }

    // 50 concurrent users listing at once.
    const sessions = await Promise.all(Array.from({ length: CONCURRENT_USERS }, () => token('perf')));
    await Promise.all(sessions.map((s) => listVms(s)));
    const rounds = 4;
    const concurrent = await timeIt(async () => {
      for (let r = 0; r < rounds; r++) await Promise.all(sessions.map((s) => listVms(s)));
    });
    const rps = (CONCURRENT_USERS * rounds) / (concurrent.ms / 1000);

    const end = await stats();

    // Shared state: the same warm listing and action accept against a service on Redis, and 50
    // concurrent sessions on two instances sharing it vs one (skipped without redis-server).
    const vmIds = (first.value.vms as Array<{ id: string }>).map((v) => v.id);
    const acceptP50 = async (url: string, ids: readonly string[]) => {
      const samples: number[] = [];
      for (const id of ids) {
        const [, , sub, , rg, , , , name] = id.split('/');
        const { ms, value } = await timeIt(() =>
          call(`${url}/api/vms/${sub}/${rg}/${name}/start`, {
            method: 'POST',
            headers: { authorization: `Bearer ${perfToken}` },
            agent,
          }),
        );
        if (value.status !== 202) throw new Error(`start: ${value.status} ${value.body.slice(0, 200)}`);
        samples.push(ms);
      }
      return percentile(samples, 50);
    };
    const ACCEPT_SAMPLES = 20;
    const acceptMemoryP50 = await acceptP50(serviceUrl, vmIds.slice(0, ACCEPT_SAMPLES));
    let sharedState: Record<string, unknown> | null = null;
    if (commandExists('redis-server')) {
      const redisPort = await freePort();
      const redis = spawn(
        'redis-server',
        ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      children.push(redis);
      await waitForPort(redisPort);
      const redisEnv = {
        ...UNLIMITED,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        STATE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      };
      service.kill('SIGTERM');
      ({ child: service, url: serviceUrl } = await startService(undefined, redisEnv));
      await listVms(perfToken);
      const warmRedis: number[] = [];
      for (let i = 0; i < WARM_SAMPLES; i++) warmRedis.push((await timeIt(() => listVms(perfToken))).ms);
      const acceptRedisP50 = await acceptP50(serviceUrl, vmIds.slice(ACCEPT_SAMPLES, 2 * ACCEPT_SAMPLES));
      const rpsOn = async (urls: readonly string[]) => {
        const list = (sso: string, url: string) =>
          call(`${url}/api/vms`, { headers: { authorization: `Bearer ${sso}` }, agent }).then((r) => {
            if (r.status !== 200) throw new Error(`GET /api/vms: ${r.status} ${r.body.slice(0, 300)}`);
          });
        await Promise.all(sessions.map((s, i) => list(s, urls[i % urls.length]!)));
        const timed = await timeIt(async () => {
          for (let r = 0; r < rounds; r++)
            await Promise.all(sessions.map((s, i) => list(s, urls[i % urls.length]!)));
        });
        return (CONCURRENT_USERS * rounds) / (timed.ms / 1000);
      };
      const rpsOneInstance = await rpsOn([serviceUrl]);
      const second = await startService(undefined, redisEnv);
      const rpsTwoInstances = await rpsOn([serviceUrl, second.url]);
      second.child.kill('SIGTERM');
      const warmRedisP50 = percentile(warmRedis, 50);
      sharedState = {
        listP50MsMemory: percentile(warm, 50),
        listP50MsRedis: warmRedisP50,
        listRedisRatio: round(warmRedisP50 / percentile(warm, 50), 3),
        acceptP50MsMemory: round(acceptMemoryP50),
        acceptP50MsRedis: round(acceptRedisP50),
        acceptRedisRatio: round(acceptRedisP50 / acceptMemoryP50, 3),
        rpsOneInstanceRedis: round(rpsOneInstance, 1),
        rpsTwoInstancesRedis: round(rpsTwoInstances, 1),
      };
      log(`shared state: ${JSON.stringify(sharedState)}`);
    }

    // Memory: what 10,000 distinct users' tokens leave behind in a fresh service process (the
    // 3,000-VM phases above grow the heap for reasons of their own). Warm up with 200 other users
    // first, so pools and JIT are settled; no injected latency for this phase. VmRSS is read as is
    // (garbage V8 has not collected yet included); heap and VmRSS are also read after full GCs forced
    // through the inspector, which tells what the users' entries really retain.
    await setLatency(0, 0);
    service.kill('SIGTERM');
    const inspectPort = await freePort();
    ({ child: service, url: serviceUrl } = await startService(inspectPort, UNLIMITED));
    const inspector = await connectInspector(inspectPort);
    const loadUser = (i: number) => `load-${String(i).padStart(5, '0')}`;
    const warmUp = (from: number) =>
      mapLimit(
        Array.from({ length: 200 }, (_, i) => loadUser(from + i)),
        32,
        async (user) => listVms(await token(user)),
      );
    await warmUp(90_000);
    // The retained-heap baseline needs a full GC; 200 more users then bring the garbage back to
    // where normal traffic keeps it, so VmRSS is read the usual way (not flattered by the GC).
    await inspector.collectGarbage();
    const heapBefore = await inspector.figures();
    const rssBeforeGc = rssMb(service.pid!);
    await warmUp(90_200);
    await new Promise((r) => setTimeout(r, 1000));
    const rssBefore = rssMb(service.pid!);
    await mapLimit(
      Array.from({ length: DISTINCT_USERS }, (_, i) => loadUser(i)),
      32,
      async (user) => listVms(await token(user)),
    );
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfter = rssMb(service.pid!);
    const heapAfterNoGc = await inspector.figures();
    await inspector.collectGarbage();
    const heapAfter = await inspector.figures();
    const rssAfterGc = rssMb(service.pid!);
    inspector.close();

    // Hostile ids: one signed-in user with no roles (carol) asks for a VM in a new random
    // subscription on every request, 20,000 times, against a fresh service. Nothing may grow with
    // the ids (no SDK client, no permission entry for a subscription she cannot see); past her read
    // budget she gets 429s. The process must stay up.
    const hostileRun = async (extraEnv: NodeJS.ProcessEnv) => {
      service.kill('SIGTERM');
      ({ child: service, url: serviceUrl } = await startService(undefined, extraEnv));
      const carol = await token('carol');
      const statuses = new Map<number, number>();
      const hostile = async () => {
        const res = await call(`${serviceUrl}/api/vms/${randomUUID()}/rg-a/vm-a`, {
          headers: { authorization: `Bearer ${carol}` },
          agent,
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      };
      await mapLimit(Array.from({ length: 200 }), 32, hostile);
      statuses.clear();
      await new Promise((r) => setTimeout(r, 1000));
      const rssBefore = rssMb(service.pid!);
      const timed = await timeIt(() => mapLimit(Array.from({ length: HOSTILE_REQUESTS }), 32, hostile));
      await new Promise((r) => setTimeout(r, 1000));
      const growth = rssMb(service.pid!) - rssBefore;
      const alive = service.exitCode === null && service.signalCode === null;
      log(`hostile ids: RSS +${round(growth)} MB, alive ${alive}, statuses ${JSON.stringify([...statuses])}`);
      return {
        growth,
        alive,
        rps: HOSTILE_REQUESTS / (timed.ms / 1000),
        statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      };
    };
    // As deployed (past her read budget carol gets 429s), then with the budget lifted so that every
    // request goes the whole way to the subscription check: memory must not depend on the limiter.
    const hostileDefault = await hostileRun({});
    const hostileUnlimited = await hostileRun(UNLIMITED);

    // The tab, when its benchmark helpers exist.
    let tab: Record<string, unknown> | null = null;
    const tabBench = join(root, 'bench/tab-render.ts');
    if (existsSync(tabBench) && process.env.BENCH_TAB !== '0') {
      try {
        const mod = (await import(tabBench)) as {
          measureFirstRows: (o: { vmCount: number }) => Promise<Record<string, unknown>>;
        };
        tab = await mod.measureFirstRows({ vmCount: 5000 });
      } catch (error) {
        tab = { error: error instanceof Error ? error.message : String(error) };
      }
    }

    const listP50Ms = percentile(warm, 50);
    const baselineP50Ms = percentile(baseline, 50);
    const result = {
      setup: {
        vms: vmCount,
        subscriptions: 10,
        armLatencyMs: ARM_LATENCY_MS,
        entraLatencyMs: ENTRA_LATENCY_MS,
        pageSize: 500,
      },
      listP50Ms,
      listP99Ms: percentile(warm, 99),
      listColdFirstMs: round(first.ms),
      listColdP50Ms: percentile(cold, 50),
      listColdP99Ms: percentile(cold, 99),
      baselineP50Ms,
      ratio: round(listP50Ms / baselineP50Ms, 3),
      naiveP50Ms: naiveMs === null ? null : round(naiveMs),
      naiveSpeedup: naiveMs === null ? null : round(naiveMs / listP50Ms, 1),
      armCallsPerWarmList: round((afterWarm.arm.read - before.arm.read) / WARM_SAMPLES, 2),
      oboCallsDuringWarm: afterWarm.token.obo - before.token.obo,
      concurrentUsers: CONCURRENT_USERS,
      rps: round(rps, 1),
      oboCallsPerUser,
      priceCache,
      jwksFetches: end.jwks,
      distinctUsers: DISTINCT_USERS,
      rssBeforeMb: round(rssBefore),
      rssAfterMb: round(rssAfter),
      rssGrowthMb: round(rssAfter - rssBefore),
      heapUsedAfterMb: round(heapAfterNoGc.heapUsedMb),
      heapTotalAfterMb: round(heapAfterNoGc.heapTotalMb),
      // After a forced full GC on both sides: what the 10,000 users left behind for real.
      heapRetainedGrowthMb: round(heapAfter.heapUsedMb - heapBefore.heapUsedMb),
      rssGrowthAfterGcMb: round(rssAfterGc - rssBeforeGc),
      sharedState,
      hostileRequests: HOSTILE_REQUESTS,
      hostileStatuses: hostileDefault.statuses,
      hostileRps: round(hostileDefault.rps, 0),
      rssGrowthMbHostileIds: round(hostileDefault.growth),
      aliveAfterHostileIds: hostileDefault.alive,
      hostileStatusesNoRateLimit: hostileUnlimited.statuses,
      rssGrowthMbHostileIdsNoRateLimit: round(hostileUnlimited.growth),
      aliveAfterHostileIdsNoRateLimit: hostileUnlimited.alive,
      serviceNodeFlags: SERVICE_NODE_FLAGS.join(' '),
      tab,
      targets: {
        ratio: '<= 1.15',
        oboCallsPerUser: 1,
        jwksFetches: 1,
        rssGrowthMb: '<= 100',
        rssGrowthMbHostileIds: '<= 50',
        'sharedState.listRedisRatio': '<= 1.10',
        aliveAfterHostileIds: true,
      },
    };
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    children.forEach((c) => c.kill('SIGTERM'));
    rmSync(join(root, '.emulator-bench'), { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
