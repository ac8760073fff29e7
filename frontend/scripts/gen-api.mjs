// Generates, from openapi.json (written by `go run ./cmd/techmart openapi`):
// - src/api/schema.gen.ts: the API's types (openapi-typescript);
// - src/api/limits.gen.ts: the limits the server declares on each field
//   ("Schema.field.sub": minLength, maxLength, minimum, maximum, minItems,
//   maxItems, pattern), for forms that check before sending.
// With --check it writes nothing and fails when a committed file differs
// from what it would write.
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('../', import.meta.url);
const spec = JSON.parse(await readFile(new URL('openapi.json', root), 'utf8'));
const header =
  '// Generated from openapi.json by scripts/gen-api.mjs (npm run gen:api). Do not edit:\n' +
  '// change the Go types, then `make api-types`.\n\n';

const LIMIT_KEYS = ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'pattern'];

function collectLimits(path, schema, out) {
  if (!schema || typeof schema !== 'object') return;
  const found = Object.fromEntries(LIMIT_KEYS.filter((k) => k in schema).map((k) => [k, schema[k]]));
  if (Object.keys(found).length > 0) out[path] = found;
  if (schema.items) collectLimits(path, schema.items, out);
  for (const [name, sub] of Object.entries(schema.properties ?? {})) collectLimits(`${path}.${name}`, sub, out);
}

const limits = {};
for (const name of Object.keys(spec.components.schemas).sort()) collectLimits(name, spec.components.schemas[name], limits);

const files = {
  'src/api/schema.gen.ts': header + astToString(await openapiTS(spec, { alphabetize: true })),
  'src/api/limits.gen.ts':
    header +
    '/** The limits the server declares and enforces, by schema and field path. */\n' +
    `export const limits = ${JSON.stringify(limits, null, 2)} as const;\n`,
};

let stale = false;
for (const [path, text] of Object.entries(files)) {
  const target = new URL(path, root);
  if (process.argv.includes('--check')) {
    if ((await readFile(target, 'utf8').catch(() => '')) !== text) {
      console.error(`${path} is stale: run \`make api-types\` and commit the result.`);
      stale = true;
    }
  } else {
    await writeFile(target, text);
  }
}
if (stale) process.exit(1);
