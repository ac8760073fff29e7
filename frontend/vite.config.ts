/// <reference types="vitest/config" />
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { messagesPart, type MessagesPart } from './src/i18n/parts.ts';

/**
 * `virtual:messages/<lang>/<part>`: one part of src/i18n/<lang>.json (see
 * src/i18n/parts.ts), so that a page downloads only its language's messages
 * and a visitor only the public part. The JSON files stay the one source.
 */
function messagesPlugin(): Plugin {
  const prefix = 'virtual:messages/';
  return {
    name: 'techmart-messages',
    resolveId(id) {
      return id.startsWith(prefix) ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith(`\0${prefix}`)) return undefined;
      const [lang, part] = id.slice(prefix.length + 1).split('/');
      if (!/^(vi|en)$/.test(lang) || (part !== 'public' && part !== 'signedIn')) return undefined;
      const file = fileURLToPath(new URL(`./src/i18n/${lang}.json`, import.meta.url));
      this.addWatchFile(file);
      const messages = messagesPart(JSON.parse(readFileSync(file, 'utf8')), part as MessagesPart);
      // JSON.parse of a string is faster to start than the same object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(messages))});`;
    },
  };
}

const backend = 'http://127.0.0.1:8080';

/**
 * Writes `<asset>.br` beside each script and stylesheet, at brotli's highest
 * quality: the server sends it to browsers that accept brotli (see
 * internal/httpapi/spa_brotli.go) instead of compressing on the fly at its
 * default level, about 15 % less to download on a phone.
 */
function brotliPlugin(): Plugin {
  return {
    name: 'techmart-brotli',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(file)) continue;
        const path = join(options.dir!, file);
        const data = readFileSync(path);
        const br = brotliCompressSync(data, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length },
        });
        if (br.length < data.length) writeFileSync(`${path}.br`, br);
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), messagesPlugin(), brotliPlugin()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // dist/.gitkeep is committed; scripts/clean-dist.mjs removes old output instead.
    emptyOutDir: false,
    target: 'es2020',
    sourcemap: false,
    // dist/.vite/manifest.json: the chunk graph scripts/js-budget.mjs weighs.
    manifest: true,
    rolldownOptions: {
      output: {
        // messages-vi-public-[hash].js rather than public-[hash].js.
        chunkFileNames: (chunk) => {
          const m = /^\0virtual:messages\/(\w+)\/(\w+)$/.exec(chunk.facadeModuleId ?? '');
          return m ? `assets/messages-${m[1]}-${m[2]}-[hash].js` : 'assets/[name]-[hash].js';
        },
        // Libraries change less often than the app: a separate chunk stays
        // cached across releases, which matters on slow mobile connections.
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /[\\/]node_modules[\\/]/ },
            // Small modules the pages share (badges, hooks, formats, the API
            // client) in one chunk: otherwise a public page's first load is
            // twenty requests of a few hundred bytes, each with ~700 bytes of
            // headers, on a slow connection.
            { name: 'common', test: /[\\/]src[\\/](components|lib|api|auth)[\\/]/, maxModuleSize: 3000, minShareCount: 2 },
          ],
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
    testTimeout: 90000,
  },
});
