/**
 * Stages the service for App Service (run from package): copies what it needs at run time into one folder, which
 * `atk deploy` then fills with production dependencies (`npm ci --omit=dev`) and zip-deploys. Keeps dev
 * tooling (a Node binary, the test and build stack: about 1 GB) out of the package.
 *
 *   npm exec --no -- node infra/scripts/stage-webapp.ts [outDir]     # default build/webapp; run after `npm run build`
 *
 * Exits 0 only once the folder is staged; a missing input (tab/dist before `npm run build`) exits 1 with the reason.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEntryModule } from './entry.ts';

/** What the web app runs: the service (src), the bot it mounts (bot) and the built tab it serves (tab/dist). */
export const WEBAPP_CONTENT = [
  { path: 'package.json', required: true },
  { path: 'package-lock.json', required: true },
  { path: '.npmrc', required: false },
  { path: 'contract', required: true },
  { path: 'src', required: true },
  { path: 'bot', required: true },
  { path: 'tab/dist', required: true, hint: 'run `npm run build` first' },
] as const;

/** Never shipped: dependencies are installed fresh for production; tests stay behind. */
const EXCLUDED = /(^|[\\/])(node_modules|__tests__)([\\/]|$)|\.test\.tsx?$/;

/** Top-level source folders of the package (where the service's relative imports must stay). */
export const WEBAPP_SOURCE_ROOTS = ['contract', 'src', 'bot'] as const;

/** Copies the web app's content from `root` into `outDir` (emptied first). Returns the staged paths. */
export function stageWebApp(root: string, outDir: string): string[] {
  const missing = WEBAPP_CONTENT.filter((c) => c.required && !existsSync(join(root, c.path)));
  if (missing.length > 0) {
    const list = missing.map((c) => c.path + ('hint' in c ? ` (${c.hint})` : '')).join(', ');
    throw new Error(`cannot stage the web app, missing: ${list}`);
  }
  rmSync(outDir, { recursive: true, force: true });
  const staged: string[] = [];
  for (const { path } of WEBAPP_CONTENT) {
    const from = join(root, path);
    if (!existsSync(from)) continue;
    const to = join(outDir, path);
    mkdirSync(dirname(to), { recursive: true });
    // Tests and local build output never ship; node_modules is installed fresh for production.
    cpSync(from, to, {
      recursive: true,
      filter: (source) => !EXCLUDED.test(relative(root, source)),
    });
    staged.push(path);
  }
  return staged;
}

// Not `import.meta.main` (undefined on Node 23.6–24.1: the step would exit 0 having staged nothing).
if (isEntryModule(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const outDir = resolve(root, process.argv[2] ?? 'build/webapp');
  try {
    const staged = stageWebApp(root, outDir);
    console.log(`staged ${staged.join(', ')} in ${outDir}`);
  } catch (error) {
    console.error(`stage-webapp: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
