import { defineConfig } from 'vite';

// Bundles the sandboxed preload: Electron loads it as CommonJS and lets it
// require only 'electron', so the contract (and zod) are inlined. It writes
// over the unbundled preload.cjs that tsc emits, so it must run after
// `npm run build:node`; `npm run build` keeps that order.
export default defineConfig({
  publicDir: false,
  build: {
    lib: {
      entry: 'main/electron/preload.cts',
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    outDir: 'dist/node/main/electron',
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      external: ['electron'],
    },
  },
});
