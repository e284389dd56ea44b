/**
 * Browser tests against the built site (`npm run build` first; `npm test` does). Chromium only: Debian's
 * /usr/bin/chromium when it exists (Playwright cannot download browsers on the machines here), otherwise
 * the browser from `npx playwright install chromium`.
 */
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium.ts';

// E2E_PORT lets two checkouts on one machine run their browser tests side by side.
const port = Number(process.env['E2E_PORT'] ?? 4322);

export default defineConfig({
  testDir: 'tests/e2e',
  // Lab boots take seconds on a 2-core machine, and the longest specs boot a lab, play several workloads and
  // check exercises on hidden runs: over a minute there. A failure must be real, so nothing is retried.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  retries: 0,
  workers: 2,
  forbidOnly: !!process.env['CI'],
  reporter: [['list'], ['./tests/e2e-slowest-files.ts']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: chromiumLaunchOptions,
      },
    },
  ],
  webServer: {
    // --ignore-lock: Astro 7 allows one tracked preview server per project and, when it thinks an agent runs
    // it, moves the server to the background; either would make Playwright lose the server it started.
    command: `npx astro preview --port ${port} --host 127.0.0.1 --ignore-lock`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
