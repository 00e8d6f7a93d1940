/**
 * Entry check for the scripts in infra/scripts: "was this module the script Node was started with?".
 *
 * Not `import.meta.main`: it exists only from Node 24.2 and 22.18, while Node runs `.ts` files (type stripping)
 * from 22.18 and 23.6. On Node 23.6–24.1 `import.meta.main` is undefined, so a script guarded by it loads, does
 * nothing and exits 0: `atk provision` then reports success for a step that created nothing. Comparing the
 * script path Node was given (`process.argv[1]`) with this module's own path works on every Node that can load
 * the file at all.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The canonical form of a path: symlinks resolved (as the ESM loader resolves them for `import.meta.url`). */
function canonical(path: string): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    real = resolve(path);
  }
  // Windows paths compare case-insensitively (drive letters, and `npm exec` may change the case of either).
  return process.platform === 'win32' ? real.toLowerCase() : real;
}

/**
 * True when the module at `moduleUrl` (pass `import.meta.url`) is the script Node was started with
 * (`node infra/scripts/x.ts …`, also through `npm exec -- node …`); false when another module imports it
 * (the tests do).
 */
export function isEntryModule(moduleUrl: string, argv1: string | undefined = process.argv[1]): boolean {
  if (!argv1 || !moduleUrl.startsWith('file:')) return false;
  return canonical(argv1) === canonical(fileURLToPath(moduleUrl));
}
