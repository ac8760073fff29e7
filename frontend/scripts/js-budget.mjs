// Fails when the JavaScript a public page downloads on its first load is more
// than the budget, compressed: the entry and its static imports, the page's
// chunk and its static imports, and the larger language's messages (only the
// address's language is downloaded). Reads dist/.vite/manifest.json, so run it
// after `npm run build`. Sizes are what a browser downloads: the brotli file
// the build writes beside each chunk (vite.config.ts), plus its headers.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 150;
// What a response's headers add to its transfer (security headers, caching),
// measured with Lighthouse against the server: each chunk costs this too.
const HEADERS = 700;
// The public pages, listed once in src/publicPages.json.
const PUBLIC_PAGES = JSON.parse(readFileSync(new URL('../src/publicPages.json', import.meta.url), 'utf8')).pages.map((p) => `src/${p}`);
// The public part of each language's messages (src/i18n/parts.ts); a visitor loads one.
const MESSAGES = ['virtual:messages/vi/public', 'virtual:messages/en/public'];

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
} catch (err) {
  console.error(`js-budget: no build manifest (${err.message}); run npm run build first`);
  process.exit(1);
}

const sizes = new Map();
function gz(file) {
  if (!sizes.has(file)) {
    const br = join(dist, `${file}.br`);
    sizes.set(file, existsSync(br) ? readFileSync(br).length : gzipSync(readFileSync(join(dist, file))).length);
  }
  return sizes.get(file);
}

/** The chunk `key` and everything it imports statically, as file names. */
function closure(key, out = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`js-budget: ${key} is not in the build manifest`);
  if (out.has(chunk.file)) return out;
  out.add(chunk.file);
  for (const k of chunk.imports ?? []) closure(k, out);
  return out;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const messages = Math.max(...MESSAGES.map((k) => gz(manifest[k].file)));
const kb = (n) => (n / 1024).toFixed(1);
let failed = false;
const rows = PUBLIC_PAGES.map((page) => {
  const files = closure(page, closure(entry));
  const total = [...files].reduce((n, f) => n + gz(f) + HEADERS, 0) + messages + HEADERS;
  if (total > BUDGET_KB * 1024) failed = true;
  return `${total > BUDGET_KB * 1024 ? 'OVER' : 'ok  '}  ${kb(total).padStart(6)} KB  ${String(files.size + 1).padStart(2)} files  ${page}`;
});
console.log(`first-load JavaScript, brotli + ${HEADERS} B of headers a file (budget ${BUDGET_KB} KB; messages ${kb(messages)} KB included):`);
console.log(rows.join('\n'));
if (failed) {
  console.error(`js-budget: a public page's first load is over ${BUDGET_KB} KB of compressed JavaScript`);
  process.exit(1);
}
