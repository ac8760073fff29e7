// End-to-end tests: Debian's Chromium drives the SPA served by the real
// techmart binary (built by `make` into ../bin/techmart) with a fresh data
// directory and the demo accounts.
import { defineConfig } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// TECHMART_E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.TECHMART_E2E_PORT) || 18080;
export const BASE_URL = `http://127.0.0.1:${PORT}`;

// The config is evaluated again in worker processes; they inherit the
// environment, so the data directory is created once.
if (!process.env.TECHMART_E2E_DATA_DIR) {
  const created = mkdtempSync(join(tmpdir(), 'techmart-e2e-'));
  process.env.TECHMART_E2E_DATA_DIR = created;
  // Removed when the runner exits, after it has stopped the server.
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
}
const dataDir = process.env.TECHMART_E2E_DATA_DIR;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/playwright',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: '../bin/techmart serve',
    url: `${BASE_URL}/healthz`,
    env: {
      TECHMART_ADDR: `127.0.0.1:${PORT}`,
      TECHMART_DATA_DIR: dataDir,
      TECHMART_DEMO: '1',
      // Every spec signs up from this one address.
      TECHMART_SIGNUP_LIMIT: '1000',
      // The server logs every request as JSON on stderr at level info; only
      // warnings and errors belong in the test output.
      TECHMART_LOG_LEVEL: 'warn',
    },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
