/**
 * How the browser tests and the benchmark start Chromium. Browsers cannot be downloaded on the machines
 * here, so Debian's /usr/bin/chromium is used when it exists; elsewhere Playwright's own browser is.
 * The flags keep a headless, sandbox-less Chromium from reaching out to the network on its own.
 */
import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const chromiumLaunchOptions: LaunchOptions = {
  ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
