import { defineConfig } from '@playwright/test';

/** Debian's Chromium by default; ATLAS_CHROMIUM points at another build. */
const executablePath = process.env.ATLAS_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  projects: [
    // The browser preview in Debian's Chromium.
    { name: 'preview', testDir: 'test/e2e' },
    // The Electron app; its tests skip themselves where the Electron
    // binary is not installed.
    { name: 'electron', testDir: 'test/electron' },
  ],
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  workers: 1,
  retries: 0,
  use: {
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
