import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

/**
 * Builds the bare Leaflet reference page of `npm run bench` into
 * dist/bench-bare, with the app's settings minus Svelte.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./bare', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/bench-bare', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
