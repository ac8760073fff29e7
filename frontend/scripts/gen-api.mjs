// Generates src/api/schema.gen.ts from openapi.json (written by
// `go run ./cmd/techmart openapi`). With --check it writes nothing and fails
// when the committed file differs from what it would write.
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('../', import.meta.url);
const target = new URL('src/api/schema.gen.ts', root);
const spec = JSON.parse(await readFile(new URL('openapi.json', root), 'utf8'));
const header =
  '// Generated from openapi.json by scripts/gen-api.mjs (npm run gen:api). Do not edit:\n' +
  '// change the Go types, then `make api-types`.\n\n';
const text = header + astToString(await openapiTS(spec, { alphabetize: true }));

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    console.error('src/api/schema.gen.ts is stale: run `make api-types` and commit the result.');
    process.exit(1);
  }
} else {
  await writeFile(target, text);
}
