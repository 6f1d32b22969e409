import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/db/**/*.test.ts', 'test/main/**/*.test.ts'],
    environment: 'node',
    // Exports render maps and build workbooks; on a loaded 2-core machine
    // that can take several seconds, and speed is measured by the benchmark.
    testTimeout: 60_000,
    env: { ATLAS_LOG_LEVEL: 'warn' },
  },
});
