/**
 * Regenerates the vendored specs `emulator/spec/<service>.json` from iconik's OpenAPI files.
 *
 *   npx tsx emulator/spec/vendor.ts [source-dir]   (default emulator/spec/source, the specs as published)
 *
 * Every path and method is kept (so the route table can answer 405 and 501 correctly), but only the
 * operations the emulator implements (`emulator/routes/index.ts`) keep their parameters, bodies and
 * responses; the rest become stubs `{ summary, "x-emulator-stub": true }`. Only the component
 * schemas those operations reach (transitively) are kept. Run it after adding a route.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HttpMethod, operationKey } from '../route.js';
import { routes } from '../routes/index.js';
import { type JsonSchema, services } from './loadSpec.js';

const here = dirname(fileURLToPath(import.meta.url));
const source = resolve(process.argv[2] ?? join(here, 'source'));
const methods: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];
const implemented = new Set(routes.map(operationKey));

for (const service of services) {
  const spec = JSON.parse(readFileSync(join(source, `${service}.json`), 'utf8')) as JsonSchema;
  const paths: JsonSchema = {};
  const needed = new Set<string>();
  for (const [path, item] of Object.entries(spec.paths as JsonSchema)) {
    const out: JsonSchema = {};
    for (const m of methods) {
      const op = item[m];
      if (op === undefined) continue;
      if (implemented.has(operationKey({ service, method: m, path }))) {
        out[m] = op;
        collectRefs(op, needed);
      } else {
        out[m] = { summary: op.summary ?? '', 'x-emulator-stub': true };
      }
    }
    paths[path] = out;
  }
  const all = spec.components?.schemas ?? {};
  const queue = [...needed];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    const found = new Set<string>();
    collectRefs(all[name], found);
    for (const n of found) if (!needed.has(n)) needed.add(n), queue.push(n);
  }
  const schemas: JsonSchema = {};
  for (const name of [...needed].sort()) schemas[name] = all[name];
  const vendored = { openapi: spec.openapi, info: spec.info, servers: spec.servers, paths, components: { schemas } };
  writeFileSync(join(here, `${service}.json`), `${JSON.stringify(vendored, null, 1)}\n`);
  console.log(`${service}: ${Object.keys(paths).length} paths, ${[...implemented].filter((k) => k.startsWith(`${service} `)).length} implemented, ${needed.size} schemas`);
}

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((n) => collectRefs(n, into));
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) into.add(v.slice('#/components/schemas/'.length));
    else collectRefs(v, into);
  }
}
