import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../support/paths.ts';

const DIST_INDEX = join(ROOT, 'bot/devchat/dist/index.html');
const SOURCES = [
  join(ROOT, 'bot/devchat/web'),
  join(ROOT, 'bot/devchat/vite.config.ts'),
  join(ROOT, 'bot/commands/catalog.ts'),
];

function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Builds the dev chat page (`npm run build:devchat`) when it is missing or older than its sources. */
export async function ensureDevChatBuilt(): Promise<void> {
  let built: number;
  try {
    built = statSync(DIST_INDEX).mtimeMs;
  } catch {
    built = 0;
  }
  if (built > Math.max(...SOURCES.map(newest))) return;
  await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'bot/devchat/vite.config.ts'],
    {
      cwd: ROOT,
      timeout: 120_000,
    },
  );
}
