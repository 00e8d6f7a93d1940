import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { initialJsReport } from './build/initial-js-report.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The tab: three static pages served by the restify service at `/`.
 * - index.html: the personal tab (grid of the user's VMs).
 * - auth-start.html / auth-end.html: the consent / sign-in pages opened by Teams `authentication.authenticate`,
 *   by the bot's sign-in fallback and, in local mode, by the browser sign-in.
 * The build prints the initial JS of each page, gzipped, and fails over `INITIAL_JS_BUDGET_KB` for the tab.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), initialJsReport({ budgets: { 'index.html': 250 * 1024 } })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // `.vite/manifest.json`: what initialJsReport and `npm run bench` measure. It stays in dist, but the service
    // never serves dot-folders (src/http/static-files.ts isPrivateAsset).
    manifest: true,
    target: 'es2022',
    // No source maps in the production build: they would publish the tab's source. The service refuses `*.map`
    // anyway, should a build or a stale copy leave one in dist.
    sourcemap: false,
    // Budgets are enforced on gzipped initial JS by initialJsReport, not on raw chunk size.
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      input: {
        index: `${root}index.html`,
        'auth-start': `${root}auth-start.html`,
        'auth-end': `${root}auth-end.html`,
      },
    },
  },
});
