import { defineConfig } from '@playwright/test';
import { E2E_RETRIES } from './e2e/support/attempts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/support/chromium';

// Started by scripts/e2e.ts, which builds, seeds a fresh database (users, each spec's seed module,
// stored sessions), and runs the server + sandbox. Specs share nothing but those users, so tests run
// in parallel, in any order: 2 workers suit this 2-core machine (the server and browsers share it).
const workers = Number(process.env.E2E_WORKERS) || 2;

export default defineConfig({
  testDir: './e2e',
  outputDir: process.env.E2E_OUTPUT_DIR || './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers,
  retries: E2E_RETRIES, // scripts/e2e.ts seeds a copy per attempt for the specs that need one
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3100',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium', viewport: { width: 1366, height: 900 } }, testIgnore: '**/*.after-all.spec.ts' },
    // Specs that change company-wide settings (Sales Process Customisation) or move the sandbox's
    // shared clock would change how every other test behaves while they run: they run after the
    // rest, one at a time (one worker: two of them side by side saw each other's clock jumps and
    // settings), and put the settings back.
    { name: 'company-wide', use: { browserName: 'chromium', viewport: { width: 1366, height: 900 } }, testMatch: '**/*.after-all.spec.ts', dependencies: ['chromium'], workers: 1 },
  ],
});
