/**
 * Tab rendering benchmark: how long after the VM list arrives the first rows are painted, with N VMs, in headless
 * Chromium. The built tab (tab/dist) is served by a small stub of the service's API (local mode, a pre-made
 * session), so the figure is the tab's own cost: JSON parse, React render, first paint; not the network or Azure.
 *
 *   node bench/tab-render.ts [vmCount]      → prints one JSON object
 *   import { measureFirstRows } from './tab-render.ts'   (used by `npm run bench`)
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Vm } from '../contract/vm.ts';
import { ensureTabBuilt } from '../tab/build/ensure-built.ts';
import { measureInitialJs } from '../tab/build/initial-js.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'tab', 'dist');

export interface FirstRowsOptions {
  /** VMs in the list. Default 5 000. */
  readonly vmCount?: number;
  /** Page loads measured (the median is reported). Default 5. */
  readonly runs?: number;
  /** Default `/usr/bin/chromium` (or CHROMIUM_PATH). */
  readonly chromiumPath?: string;
}

export interface FirstRowsResult {
  readonly vmCount: number;
  /** Median time from the end of the `/api/vms` response to the first grid rows painted. */
  readonly firstRowsMs: number;
  readonly firstRowsRunsMs: readonly number[];
  /** Median time from navigation start to the first rows painted (includes JS load, boot, both API calls). */
  readonly navigationToRowsMs: number;
  /** Rows in the DOM (virtualization: a window, not vmCount). */
  readonly renderedRows: number;
  /** Median time from a jump to the middle of the list to those rows painted. */
  readonly scrollToRowsMs: number;
  /** Median time from a click on a column header to the re-sorted rows painted. */
  readonly sortMs: number;
  readonly payloadKb: number;
  readonly initialJsGzipKb: number;
  readonly target: string;
}

/** `count` VMs spread over 10 subscriptions and 50 resource groups, in varied states. Pure. */
export function syntheticVms(count: number): Vm[] {
  const states = ['running', 'deallocated', 'stopped', 'running', 'starting'] as const;
  return Array.from({ length: count }, (_, i) => {
    const sub = `00000000-0000-4000-8000-${String(i % 10).padStart(12, '0')}`;
    const rg = `rg-perf-${i % 50}`;
    const name = `vm-${String(i).padStart(5, '0')}`;
    return {
      id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`,
      name,
      resourceGroup: rg,
      subscriptionId: sub,
      subscriptionName: `Perf ${i % 10}`,
      location: i % 3 === 0 ? 'westeurope' : 'eastus2',
      size: i % 2 === 0 ? 'Standard_B2s' : 'Standard_D4s_v5',
      osType: i % 4 === 0 ? 'Windows' : 'Linux',
      powerState: states[i % states.length]!,
      provisioningState: 'Succeeded',
      tags: { env: 'perf', shard: String(i % 7) },
      actions: ['start', 'deallocate', 'powerOff', 'restart'],
    };
  });
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** The service's public surface, stubbed: static tab, client config (local mode), `/api/me`, `/api/vms`. */
async function startStub(vmsJson: string): Promise<{ url: string; close(): Promise<void> }> {
  const clientConfig = JSON.stringify({
    clientId: 'bench-client',
    tenantId: 'bench-tenant',
    authority: 'https://login.invalid/bench-tenant',
    identifierUri: 'api://localhost/botid-bench-client',
    scopes: ['api://localhost/botid-bench-client/access_as_user'],
    localMode: true,
  });
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/client-config.json') return send(res, 200, 'application/json', clientConfig);
    if (path === '/api/me')
      return send(
        res,
        200,
        'application/json',
        JSON.stringify({
          name: 'Perf User',
          upn: 'perf@contoso.onmicrosoft.com',
          oid: 'perf',
          tid: 'bench-tenant',
        }),
      );
    if (path === '/api/vms') return send(res, 200, 'application/json', vmsJson);
    // Signed in as App Service authentication would have it: the tab boots straight into the grid (no sign-in page).
    if (path === '/.auth/me')
      return send(
        res,
        200,
        'application/json',
        JSON.stringify([
          {
            provider_name: 'aad',
            user_id: 'perf@contoso.onmicrosoft.com',
            user_claims: [
              { typ: 'name', val: 'Perf User' },
              { typ: 'oid', val: 'perf' },
            ],
          },
        ]),
      );
    const file = normalize(join(DIST, path === '/' ? 'index.html' : path));
    if (!file.startsWith(DIST + sep)) return send(res, 404, 'text/plain', 'not found');
    readFile(file).then(
      (body) => send(res, 200, MIME[extname(file)] ?? 'application/octet-stream', body),
      () => send(res, 404, 'text/plain', 'not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs in the page before its scripts: a signed-in session, and a probe that stamps when rows are first painted. */
function probeScript(session: string): string {
  return `
    sessionStorage.setItem('vmm.session', ${JSON.stringify(session)});
    const painted = (selector, key) => new Promise((resolve) => {
      const check = () => {
        if (!document.querySelector(selector)) return false;
        requestAnimationFrame(() => requestAnimationFrame(() => { window[key] = performance.now(); resolve(); }));
        return true;
      };
      if (check()) return;
      const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
      observer.observe(document, { childList: true, subtree: true });
    });
    window.__vmmWhenPainted = painted;
    painted('[role="grid"] [role="row"][aria-rowindex="2"]', '__vmmFirstRows');
  `;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const round = (n: number) => Math.round(n * 10) / 10;

export async function measureFirstRows(options: FirstRowsOptions = {}): Promise<FirstRowsResult> {
  const {
    vmCount = 5000,
    runs = 5,
    chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  } = options;
  await ensureTabBuilt();
  const vmsJson = JSON.stringify({ vms: syntheticVms(vmCount), errors: [] });
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const accessToken = `${part({ alg: 'none' })}.${part({ name: 'Perf User', preferred_username: 'perf@contoso.onmicrosoft.com', oid: 'perf', exp: 4_102_444_800 })}.x`;
  const session = JSON.stringify({
    accessToken,
    expiresAt: 4_102_444_800_000,
    account: { name: 'Perf User', upn: 'perf@contoso.onmicrosoft.com', oid: 'perf' },
  });

  const stub = await startStub(vmsJson);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const firstRows: number[] = [];
  const navigation: number[] = [];
  const scroll: number[] = [];
  const sort: number[] = [];
  let renderedRows = 0;
  try {
    for (let run = 0; run < runs + 1; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(probeScript(session));
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('[bench] tab error:', e.message));
      await page.goto(stub.url);
      await page.waitForFunction(
        () => typeof (window as unknown as { __vmmFirstRows?: number }).__vmmFirstRows === 'number',
        undefined,
        { timeout: 60_000 },
      );
      const timing = await page.evaluate(() => {
        const w = window as unknown as { __vmmFirstRows: number };
        const list = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/vms')) as
          PerformanceResourceTiming | undefined;
        return {
          painted: w.__vmmFirstRows,
          responseEnd: list?.responseEnd ?? NaN,
          rows: document.querySelectorAll('[role="grid"] [role="row"]').length - 1,
        };
      });
      // Jump to the middle of the list; wait for the rows there.
      const scrollMs = await page.evaluate(
        async (target) => {
          const w = window as unknown as {
            __vmmWhenPainted: (s: string, k: string) => Promise<void>;
            __vmmScrolled: number;
          };
          const body = document.querySelector('.fui-DataGridBody') as HTMLElement;
          const start = performance.now();
          const done = w.__vmmWhenPainted(`[role="row"][aria-rowindex="${target}"]`, '__vmmScrolled');
          body.scrollTop = (target - 2) * 44;
          await done;
          return w.__vmmScrolled - start;
        },
        Math.floor(vmCount / 2) + 2,
      );
      // Sort by location (eastus2 first); wait until the first row is a different VM.
      const sortMs = await page.evaluate(async () => {
        const w = window as unknown as { __vmmSorted: number };
        const body = document.querySelector('.fui-DataGridBody') as HTMLElement;
        body.scrollTop = 0;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const firstName = () =>
          document.querySelector('[role="row"][aria-rowindex="2"] [data-vm-name]')?.textContent;
        const before = firstName();
        const header = Array.from(document.querySelectorAll('[role="columnheader"]')).find((h) =>
          h.textContent?.includes('Location'),
        ) as HTMLElement;
        const start = performance.now();
        const changed = new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            if (firstName() === before) return;
            observer.disconnect();
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                w.__vmmSorted = performance.now();
                resolve();
              }),
            );
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        });
        (header.querySelector('button') ?? header).click();
        await changed;
        return w.__vmmSorted - start;
      });
      if (run > 0) {
        // Run 0 warms Chromium's caches (JS compile, fonts); it is not reported.
        firstRows.push(timing.painted - timing.responseEnd);
        navigation.push(timing.painted);
        scroll.push(scrollMs);
        sort.push(sortMs);
        renderedRows = timing.rows;
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await stub.close();
  }
  const index = (await measureInitialJs(DIST)).find((p) => p.page === 'index.html');
  return {
    vmCount,
    firstRowsMs: round(median(firstRows)),
    firstRowsRunsMs: firstRows.map(round),
    navigationToRowsMs: round(median(navigation)),
    renderedRows,
    scrollToRowsMs: round(median(scroll)),
    sortMs: round(median(sort)),
    payloadKb: round(Buffer.byteLength(vmsJson) / 1024),
    initialJsGzipKb: index ? round(index.gzipBytes / 1024) : NaN,
    target: 'firstRowsMs <= 1000; initialJsGzipKb <= 250',
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const vmCount = Number(process.argv[2] ?? 5000);
  measureFirstRows({ vmCount }).then(
    (result) => process.stdout.write(JSON.stringify(result, null, 2) + '\n'),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
