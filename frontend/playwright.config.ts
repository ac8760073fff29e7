// End-to-end tests: Debian's Chromium drives the SPA served by the real
// techmart binary (built by `make` into ../bin/techmart), each worker its own
// server with a fresh data directory and the demo accounts.
import { defineConfig } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each worker has its own server: its own port (TECHMART_E2E_PORT + the
// worker's parallel index), its own fresh data directory, the demo data. The
// journeys share the demo accounts, so two workers on one server would
// change each other's data; on their own servers they run side by side.
// TECHMART_E2E_WORKERS sets how many (the --workers flag cannot: there would
// be no server for the extra workers); the journeys of one spec file run in
// one worker, in order.
const WORKERS = Number(process.env.TECHMART_E2E_WORKERS) || 3;
// TECHMART_E2E_PORT lets two checkouts run their suites side by side.
const PORT = Number(process.env.TECHMART_E2E_PORT) || 18080;
const portOf = (i: number) => PORT + i;

// The config is evaluated again in each worker process, with
// TEST_PARALLEL_INDEX set (0 … WORKERS-1, kept by a worker that replaces a
// failed one): that is how a worker finds its server. The runner itself has
// no index and uses the first server.
const index = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
if (!(index >= 0 && index < WORKERS)) {
  throw new Error(`worker ${index} has no server: set TECHMART_E2E_WORKERS instead of --workers`);
}
export const BASE_URL = `http://127.0.0.1:${portOf(index)}`;

// Workers inherit the environment, so the data directories are created once.
if (!process.env.TECHMART_E2E_DATA_DIR) {
  const created = mkdtempSync(join(tmpdir(), 'techmart-e2e-'));
  process.env.TECHMART_E2E_DATA_DIR = created;
  // Removed when the runner exits, after it has stopped the servers.
  process.on('exit', () => rmSync(created, { recursive: true, force: true }));
}
const dataDir = process.env.TECHMART_E2E_DATA_DIR;

// Debian's headless shell (chromium-headless-shell, the same engine without
// the full browser's UI layers) runs the suite in two thirds of the CPU time
// of the full browser (318 s against 462 s); the full one serves where the
// shell is not installed. CHROMIUM_PATH overrides both.
const SHELL = '/usr/bin/chromium-headless-shell';
const CHROMIUM = process.env.CHROMIUM_PATH || (existsSync(SHELL) ? SHELL : '/usr/bin/chromium');

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/playwright',
  // A journey takes 20–60 s alone; beside the Go tests on a busy 2-core
  // machine the longest (catalog.spec.ts) reached 90 s. The limit only stops
  // a hung journey, it never makes a failing one pass.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: WORKERS,
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
      executablePath: CHROMIUM,
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
  webServer: Array.from({ length: WORKERS }, (_, i) => ({
    command: '../bin/techmart serve',
    url: `http://127.0.0.1:${portOf(i)}/healthz`,
    env: {
      TECHMART_ADDR: `127.0.0.1:${portOf(i)}`,
      TECHMART_DATA_DIR: join(dataDir, `server-${i}`),
      TECHMART_DEMO: '1',
      // Every spec signs up from this one address.
      TECHMART_SIGNUP_LIMIT: '1000',
      // The server logs every request as JSON on stderr at level info; only
      // warnings and errors belong in the test output.
      TECHMART_LOG_LEVEL: 'warn',
    },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  })),
});
