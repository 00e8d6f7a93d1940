/**
 * Initial JS of each tab page (entry + static imports, not lazy chunks like the Teams SDK), raw and gzipped.
 * Builds the tab first if tab/dist is missing or stale. `node bench/tab-size.ts` prints one JSON object.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTabBuilt } from '../tab/build/ensure-built.ts';
import { measureInitialJs } from '../tab/build/initial-js.ts';

const DIST = fileURLToPath(new URL('../tab/dist', import.meta.url));
/** The budget for the tab page. */
export const INITIAL_JS_BUDGET_BYTES = 250 * 1024;

export interface TabSize {
  readonly pages: Record<string, { readonly files: number; readonly kb: number; readonly gzipKb: number }>;
  readonly indexGzipKb: number;
  readonly budgetKb: number;
  readonly withinBudget: boolean;
}

export async function measureTabSize(): Promise<TabSize> {
  await ensureTabBuilt();
  const report = await measureInitialJs(join(DIST));
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  const index = report.find((p) => p.page === 'index.html');
  return {
    pages: Object.fromEntries(
      report.map((p) => [p.page, { files: p.files.length, kb: kb(p.bytes), gzipKb: kb(p.gzipBytes) }]),
    ),
    indexGzipKb: index ? kb(index.gzipBytes) : NaN,
    budgetKb: kb(INITIAL_JS_BUDGET_BYTES),
    withinBudget: index !== undefined && index.gzipBytes <= INITIAL_JS_BUDGET_BYTES,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  measureTabSize().then(
    (size) => process.stdout.write(JSON.stringify(size, null, 2) + '\n'),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
