/**
 * The built tab served by the real restify service: what a browser may fetch, and what stays private. Source maps
 * hand out the tab's source and Vite's `.vite/manifest.json` maps every chunk; neither is for the public, even when
 * a build (or a stale copy of one) left them in the folder.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isPrivateAsset, openStaticSite } from '../../../src/http/static-files.ts';
import { ensureTabBuilt } from '../../../tab/build/ensure-built.ts';
import { ROOT } from '../../support/paths.ts';
import { startStack, type Stack } from '../../support/stack.ts';
import { apiClient, type ApiResponse } from '../http-client.ts';

const DIST = join(ROOT, 'tab', 'dist');

let stack: Stack;
let api: ReturnType<typeof apiClient>;
let tabDir: string;
/** A JS chunk of the real build, e.g. `assets/index-AbC123.js`. */
let chunk: string;

beforeAll(async () => {
  await ensureTabBuilt();
  // The real build, plus the source maps a `sourcemap: true` build would put next to each chunk.
  tabDir = await mkdtemp(join(tmpdir(), 'tab-dist-maps-'));
  await cp(DIST, tabDir, { recursive: true });
  const chunks = (await readdir(join(tabDir, 'assets'))).filter((f) => f.endsWith('.js'));
  for (const file of chunks)
    await writeFile(
      join(tabDir, 'assets', `${file}.map`),
      JSON.stringify({ version: 3, sources: ['../src/app/App.tsx'], sourcesContent: ['// secret'] }),
    );
  await writeFile(join(tabDir, 'assets', 'upper.js.MAP'), '{}');
  chunk = `assets/${chunks.find((f) => f.startsWith('index-')) ?? chunks[0]!}`;
  stack = await startStack({ service: { tabDistPath: tabDir } });
  api = apiClient(stack.service.url);
}, 120_000);

afterAll(async () => {
  await stack?.close();
  if (tabDir) await rm(tabDir, { recursive: true, force: true });
});

function expectNotFoundJson(res: ApiResponse): void {
  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.json()).toEqual({ error: { code: 'NotFound', message: expect.any(String) } });
  expect(res.text).not.toContain('sourcesContent');
  expect(res.text).not.toContain('"isEntry"');
}

describe('the built tab over HTTP', () => {
  it.each(['/API/VMS', '/Api/me', '/API', '/api/nope', '/aPi/vms/x/y/z/w/v'])(
    '%s answers JSON 404, never the tab’s HTML (API paths in any letter case)',
    async (path) => {
      const res = await api(path, { token: await stack.ssoToken('alice') });
      expect(res.headers['content-type']).not.toMatch(/html/);
      expect(res.status).toBe(404);
      expect(res.json()).toEqual({ error: { code: 'NotFound', message: expect.any(String) } });
    },
  );

  it('serves the pages and the chunks', async () => {
    expect((await api('/')).status).toBe(200);
    expect((await api('/auth-start.html')).status).toBe(200);
    const js = await api(`/${chunk}`);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
  });

  it('never serves source maps', async () => {
    for (const path of [
      `/${chunk}.map`,
      `/${chunk}.map?v=1`,
      '/assets/upper.js.MAP',
      '/assets/upper.js.map',
    ]) {
      expectNotFoundJson(await api(path));
    }
  });

  it("never serves Vite's build manifest or anything else under /.vite/", async () => {
    for (const path of [
      '/.vite/manifest.json',
      '/.vite/manifest.json?x=1',
      '/.VITE/manifest.json',
      '/.vite/',
      '/.vite',
      '/.vite/anything',
    ]) {
      expectNotFoundJson(await api(path));
    }
  });

  it('the production build has no source maps, nor links to any', async () => {
    const files = (await readdir(DIST, { recursive: true })).map(String);
    expect(files.filter((f) => f.toLowerCase().endsWith('.map'))).toEqual([]);
    for (const file of files.filter((f) => f.endsWith('.js') || f.endsWith('.css'))) {
      expect(await readFile(join(DIST, file), 'utf8')).not.toMatch(/[#@] sourceMappingURL=/);
    }
  });
});

describe('openStaticSite', () => {
  it('resolves pages, chunks and SPA routes, but never a source map or a dot-folder', async () => {
    const site = openStaticSite(tabDir)!;
    expect((await site.resolve('/'))?.path).toBe(join(tabDir, 'index.html'));
    expect((await site.resolve(`/${chunk}`))?.path).toBe(join(tabDir, chunk));
    expect((await site.resolve('/vms/web-01'))?.path).toBe(join(tabDir, 'index.html'));
    for (const path of [
      `/${chunk}.map`,
      '/assets/upper.js.MAP',
      '/.vite/manifest.json',
      '/.vite',
      '//.vite/x',
    ])
      expect(await site.resolve(path)).toBeUndefined();
  });

  it('isPrivateAsset: source maps and anything under a dot-segment', () => {
    for (const path of [
      'a.js.map',
      'assets/a.js.MAP',
      '.vite/manifest.json',
      'x/.git/config',
      '.env',
      '.vite\\m.json',
    ])
      expect(isPrivateAsset(path)).toBe(true);
    for (const path of ['index.html', 'assets/index-AbC.js', 'assets/map.js', 'assets/a.mapping', 'a.b/c.js'])
      expect(isPrivateAsset(path)).toBe(false);
  });
});
