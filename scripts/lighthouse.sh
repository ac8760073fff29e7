#!/usr/bin/env bash
# make lighthouse: Lighthouse (mobile profile) against the real binary with
# the demo data, on the home page, a search with a query and a demo listing;
# prints one row per page: performance, accessibility, best practices, SEO,
# CLS and the JavaScript transferred. Needs bin/techmart (make build), Node
# and Chromium (CHROME_PATH, /usr/bin/chromium by default). Lighthouse is run
# with npx at a fixed version rather than installed with the SPA, so npm ci
# stays as fast as it is. LIGHTHOUSE_LANG=en measures the English pages;
# LIGHTHOUSE_KEEP=dir keeps the JSON reports there; LIGHTHOUSE_RUNS=3 runs each
# page three times and shows the run with the median performance score.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-bin/techmart}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
LH_VERSION=12.2.3
LANG_PREFIX=""
[ "${LIGHTHOUSE_LANG:-vi}" = "en" ] && LANG_PREFIX="/en"

work=$(mktemp -d)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"
TECHMART_DEMO=1 TECHMART_DATA_DIR="$work/data" TECHMART_ADDR="127.0.0.1:$port" "$BIN" serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT

for _ in $(seq 1 120); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "$base/healthz" >/dev/null || { echo "the server did not start:"; cat "$work/server.log"; exit 1; }

query='chè shan tuyết'
q=$(node -e 'console.log(encodeURIComponent(process.argv[1]))' "$query")
listing=$(curl -fsS "$base/api/v1/search?q=$q" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).hits[0].id))')

pages=("home|$base$LANG_PREFIX/" "search $query|$base$LANG_PREFIX/search?q=$q" "listing|$base$LANG_PREFIX/listings/$listing")
runs=${LIGHTHOUSE_RUNS:-1}
for entry in "${pages[@]}"; do
  name=${entry%%|*}
  url=${entry#*|}
  for run in $(seq 1 "$runs"); do
    out="$work/$(echo "$name" | tr -c 'a-z0-9\n' '-')-$run.json"
    npx --yes "lighthouse@$LH_VERSION" "$url" --quiet --output=json --output-path="$out" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless --no-sandbox --disable-gpu" >/dev/null
    printf '%s\t%s\n' "$name" "$out" >>"$work/reports.tsv"
    if [ -n "${LIGHTHOUSE_KEEP:-}" ]; then mkdir -p "$LIGHTHOUSE_KEEP" && cp "$out" "$LIGHTHOUSE_KEEP/"; fi
  done
done

node - "$work/reports.tsv" <<'JS'
const fs = require('fs');
const all = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => l.split('\t'));
// With several runs a page, the run with the median performance score is shown.
const byPage = new Map();
for (const [name, file] of all) byPage.set(name, [...(byPage.get(name) ?? []), file]);
const perf = (file) => JSON.parse(fs.readFileSync(file, 'utf8')).categories.performance.score;
const rows = [...byPage].map(([name, files]) => {
  const sorted = [...files].sort((a, b) => perf(a) - perf(b));
  return [name, sorted[Math.floor(sorted.length / 2)], files.map((f) => Math.round(perf(f) * 100))];
});
console.log('| page | performance | accessibility | best practices | SEO | CLS | JS (compressed) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
const failing = [];
for (const [name, file, scores] of rows) {
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const score = (c) => Math.round(r.categories[c].score * 100);
  const cls = r.audits['cumulative-layout-shift'].numericValue;
  const js = r.audits['network-requests'].details.items
    .filter((i) => i.resourceType === 'Script')
    .reduce((n, i) => n + (i.transferSize || 0), 0);
  console.log(`| ${name} | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${score('seo')} | ${cls.toFixed(3)} | ${Math.round(js / 1024)} KB |`);
  for (const c of ['accessibility', 'best-practices', 'seo']) {
    for (const ref of r.categories[c].auditRefs) {
      const a = r.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) failing.push(`${name}: ${c}: ${a.id} (${a.title})`);
    }
  }
  const m = (id) => r.audits[id].displayValue;
  const runs = scores.length > 1 ? ` (runs: ${scores.join(', ')})` : '';
  console.log(`|   | FCP ${m('first-contentful-paint')}, LCP ${m('largest-contentful-paint')}, TBT ${m('total-blocking-time')}, SI ${m('speed-index')}${runs} | | | | | |`);
}
if (failing.length) console.log(`\nfailing audits:\n${failing.join('\n')}`);
JS
