import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/db/**/*.test.ts', 'test/main/**/*.test.ts'],
    environment: 'node',
    env: { ATLAS_LOG_LEVEL: 'warn' },
  },
});
