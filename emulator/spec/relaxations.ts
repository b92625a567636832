import type { Service } from '../route.js';
import type { JsonSchema } from './loadSpec.js';

/**
 * Where a real client's request or reading is evidence against the letter of the vendored spec.
 * Each entry names its evidence; the emulator's README lists them among the divergences. Kept as
 * data so the validation layer applies them generally, not as special cases in routes.
 */
export interface Relaxation {
  service: Service;
  /** Component schema name in that service's spec. */
  schema: string;
  /** A `required` property iconik does not insist on in a request. */
  optionalInRequest: string;
  evidence: string;
  /** `true` when the evidence only shows a real client sending it, not iconik accepting it. */
  guess: boolean;
}

export const requestRelaxations: readonly Relaxation[] = [
  {
    service: 'files',
    schema: 'FileSetSchema',
    optionalInRequest: 'component_ids',
    evidence: 'pythonik pythonik/specs/files.py create_asset_file_sets: FileSetCreate dumps with exclude_defaults, so component_ids=[] is never sent',
    guess: true,
  },
];

/**
 * A body for a status the spec declares without one. The spec's 201 for adding collection content
 * has no content, but pythonik's `CollectionSpec.add_content` parses the 201 as JSON
 * (`AddContentResponse`, its test mocks `{}`): iconik answers a JSON object. The object is the
 * operation's own `CollectionContentSchema`, whose read-only fields (`collection_id`,
 * `date_created`) exist only to be dumped [I].
 */
export interface ResponseBodyRelaxation {
  /** `operationKey`, e.g. `assets POST /v1/collections/{collection_id}/contents/`. */
  operation: string;
  status: string;
  schema: JsonSchema;
  evidence: string;
}

export const responseRelaxations: readonly ResponseBodyRelaxation[] = [
  {
    operation: 'assets POST /v1/collections/{collection_id}/contents/',
    status: '201',
    schema: { $ref: '#/components/schemas/CollectionContentSchema' },
    evidence: 'pythonik pythonik/specs/collection.py add_content parses the 201 as JSON (AddContentResponse)',
  },
];

/** `components` with the request relaxations of `service` applied (a copy; the spec is shared). */
export function relaxedRequestComponents(service: Service, components: { schemas: Record<string, JsonSchema> }): { schemas: Record<string, JsonSchema> } {
  const schemas = { ...components.schemas };
  for (const r of requestRelaxations.filter((x) => x.service === service)) {
    const target = schemas[r.schema];
    if (target === undefined) throw new Error(`Relaxation names ${service}.${r.schema}, which is not in the vendored spec`);
    const required = (Array.isArray(target.required) ? (target.required as string[]) : []).filter((p) => p !== r.optionalInRequest);
    const { required: _required, ...rest } = target;
    schemas[r.schema] = required.length > 0 ? { ...rest, required } : rest;
  }
  return { schemas };
}

/**
 * Enum values iconik's live API has that the vendored 2025 spec lacks ("enum drift", notes §11.9
 * [C]). An enum of the spec that contains `marker` gains `add`, on both sides of the wire: the
 * emulator must not refuse what iconik accepts today. Evidence: pythonik's `release/2.0` models,
 * generated from iconik's live specs (2026).
 */
export interface EnumAddition {
  marker: string;
  add: readonly string[];
  evidence: string;
}

export const enumAdditions: readonly EnumAddition[] = [
  { marker: 'SUBCLIP', add: ['POST'], evidence: 'asset type: pythonik release/2.0 pythonik/assets/models/asset_create_schema_type.py' },
  { marker: 'SYMLINK', add: ['SEQUENCE'], evidence: 'file type: pythonik release/2.0 pythonik/files/models/file_create_schema_type.py' },
  { marker: 'ABORT_PENDING', add: ['DISCARDED', 'PENDING_USER'], evidence: 'job status: pythonik release/2.0 pythonik/jobs/models/job_schema_status.py' },
  { marker: 'REQUEST_COLLECTION_MAP', add: ['DELETE_JOBS', 'EDIT_JOBS', 'METADATA_FILLING', 'PUBLISH'], evidence: 'job type: pythonik release/2.0 pythonik/jobs/models/job_schema_type.py' },
];

/** `values` with the drifted values added when it is one of the drifted enums. Pure. */
export function withEnumAdditions(values: readonly unknown[]): unknown[] {
  const out = [...values];
  for (const a of enumAdditions) if (out.includes(a.marker)) for (const v of a.add) if (!out.includes(v)) out.push(v);
  return out;
}
