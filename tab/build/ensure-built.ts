import { execFile } from 'node:child_process';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TAB = join(ROOT, 'tab');
const DIST_INDEX = join(TAB, 'dist', 'index.html');
/** A folder as a cross-process lock, in the git-ignored artifacts folder. */
const LOCK = join(ROOT, 'artifacts', '.tab-build.lock');

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(
    entries.filter((e) => e !== 'dist' && e !== 'node_modules').map((e) => newestMtime(join(path, e))),
  );
  return Math.max(info.mtimeMs, ...times);
}

/**
 * True when tab/dist is missing or older than any source of the tab or of the wire contract it bundles (contract/:
 * power-state names, the action rule, DTOs). A contract change must rebuild the tab, or the e2e tests would run a
 * tab that still says what the contract no longer does.
 */
export async function tabBuildIsStale(): Promise<boolean> {
  const built = await stat(DIST_INDEX).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (built === 0) return true;
  const sources = Math.max(await newestMtime(TAB), await newestMtime(join(ROOT, 'contract')));
  return sources > built;
}

/**
 * Builds the tab (`vite build`) if tab/dist is missing or stale, once across parallel jest workers (a lock folder).
 * CI runs `npm test` on a fresh clone, so the e2e tests (and the benchmarks) build it themselves.
 */
export async function ensureTabBuilt(): Promise<void> {
  await mkdir(join(ROOT, 'artifacts'), { recursive: true });
  for (let waited = 0; ; waited += 250) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      if (waited > 120_000) await rm(LOCK, { recursive: true, force: true }); // a crashed builder
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!(await tabBuildIsStale())) return;
    await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'tab/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      {
        cwd: ROOT,
        // jest sets NODE_ENV=test, which would make Vite bundle React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}
