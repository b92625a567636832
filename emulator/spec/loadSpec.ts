import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpMethod, Service } from '../route.js';

/** The services vendored in this directory, one `<service>.json` each. */
export const services: readonly Service[] = ['assets', 'auth', 'files', 'jobs', 'metadata', 'notifications', 'search'];

/** The subset of an OpenAPI 3.0 operation the emulator reads. */
export interface SpecOperation {
  summary?: string;
  parameters?: SpecParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
  /** Set by `vendor.ts` on operations kept as a stub (path and method only): the emulator answers 501. */
  'x-emulator-stub'?: boolean;
}

export interface SpecParameter {
  in: 'query' | 'path' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

// biome-ignore lint: a JSON schema is free-form.
export type JsonSchema = Record<string, any>;

/** One vendored service spec. */
export interface ServiceSpec {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Partial<Record<HttpMethod, SpecOperation>>>;
  components: { schemas: Record<string, JsonSchema> };
}

const specDir = dirname(fileURLToPath(import.meta.url));
let cache: Map<Service, ServiceSpec> | undefined;

/**
 * The vendored specs (`emulator/spec/<service>.json`), read once per process: they are static
 * files, so every emulator instance shares them.
 */
export function loadSpec(): Map<Service, ServiceSpec> {
  if (cache === undefined) {
    cache = new Map();
    for (const service of services) {
      cache.set(service, JSON.parse(readFileSync(join(specDir, `${service}.json`), 'utf8')) as ServiceSpec);
    }
  }
  return cache;
}
