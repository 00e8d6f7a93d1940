import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the local dev chat page (`npm run build:devchat`) into bot/devchat/dist, served at /dev/chat. */
export default defineConfig({
  root: fileURLToPath(new URL('./web/', import.meta.url)),
  base: '/dev/chat/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
});
