/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const backend = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // dist/.gitkeep is committed; scripts/clean-dist.mjs removes old output instead.
    emptyOutDir: false,
    target: 'es2020',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: a separate chunk stays
        // cached across releases, which matters on slow mobile connections.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/]/ }],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/healthz': { target: backend, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // One jsdom and one module graph per worker, not per test file: setting
    // up jsdom and importing React, i18n and the pages again for each file
    // was two thirds of the suite's CPU time. What a test changes is undone
    // after it instead: the DOM, storage, session caches and timers
    // (src/test/setup.ts), mocks (restoreMocks) and stubbed globals such as
    // fetch (unstubGlobals).
    isolate: false,
    restoreMocks: true,
    unstubGlobals: true,
    testTimeout: 20000,
  },
});
