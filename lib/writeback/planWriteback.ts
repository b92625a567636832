import { ASSET_ID_TAG } from '../aws/s3SourceObject.js';

/** An S3 object tag. */
export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** iconik metadata values of one asset: field name → the field's values (`field_values[].value`). */
export type FieldValues = Readonly<Record<string, readonly unknown[]>>;

/** The JSON sidecar the bridge writes next to (or under a prefix for) the source object. */
export interface SidecarDocument {
  readonly asset_id: string;
  readonly source: { readonly bucket: string; readonly key: string };
  readonly metadata_values: FieldValues;
  readonly written_at: string;
}

/** A configured field whose tag could not be written, and why. */
export interface TagProblem {
  readonly field: string;
  readonly reason: 'key-invalid' | 'value-too-long' | 'value-invalid-characters' | 'too-many-tags';
}

export interface PlanWritebackInput {
  readonly assetId: string;
  readonly source: { readonly bucket: string; readonly key: string };
  /** The asset is deleted (or purged) in iconik. */
  readonly deleted: boolean;
  /** The asset's current values; unused when deleted. */
  readonly values: FieldValues;
  /** Fields written to tags (`WRITEBACK_TAG_FIELDS`), tag key = field name. */
  readonly tagFields: readonly string[];
  /** Whether a sidecar is written (`WRITEBACK_SIDECAR`). */
  readonly sidecar: boolean;
  readonly existingTags: readonly Tag[];
  /** The existing sidecar's parsed JSON; `undefined` when there is none (or it is not JSON). */
  readonly existingSidecar: unknown;
  readonly now: Date;
}

/** What to write; `undefined` means "leave as is" (no S3 request at all). */
export interface WritebackPlan {
  /** The object's whole new tag set (S3 replaces tag sets whole). */
  readonly tags: readonly Tag[] | undefined;
  readonly sidecar: SidecarDocument | undefined;
  readonly problems: readonly TagProblem[];
}

/** The tag that says the asset was deleted in iconik (the object itself is never deleted). */
export const STATUS_TAG = 'iconik-status';
/** S3's limits on object tags. */
export const S3_TAG_LIMITS = { maxTags: 10, maxKeyLength: 128, maxValueLength: 256 } as const;
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** Multiple values of one field share one tag value, joined with this (a character S3 allows). */
export const MULTI_VALUE_SEPARATOR = '/';

/**
 * Decides what write-back writes (pure). Values equal to what the object already carries cause no
 * write: the tag set is compared as a key→value map (order ignored) and the sidecar by its asset
 * id, source and values (its `written_at` ignored). That comparison, plus ingest skipping the
 * bridge's own sidecars, is what keeps write-back from looping.
 *
 * Tags: the object's other tags are kept; the bridge manages only the configured fields' keys,
 * `iconik-status` and `iconik-asset-id` (always written: S3 replaces tag sets whole, so a tag set
 * read before ingest tagged the object must not drop the asset id when written back). A field without values has no tag. A value that breaks S3's rules (length,
 * characters, 10 tags per object) is reported in `problems` and its tag left out, never cut.
 * Deleted asset: `iconik-status=deleted`, field tags and the sidecar left as they were.
 */
export function planWriteback(input: PlanWritebackInput): WritebackPlan {
  const problems: TagProblem[] = [];
  const managed = new Set([STATUS_TAG, ASSET_ID_TAG, ...input.tagFields]);
  const kept = input.existingTags.filter((t) => !managed.has(t.Key));
  const existing = new Map(input.existingTags.map((t) => [t.Key, t.Value]));

  const wanted: Tag[] = [{ Key: ASSET_ID_TAG, Value: input.assetId }];
  if (input.deleted) {
    wanted.push({ Key: STATUS_TAG, Value: 'deleted' });
    for (const field of input.tagFields) {
      const value = existing.get(field);
      if (value !== undefined) wanted.push({ Key: field, Value: value });
    }
  } else {
    for (const field of input.tagFields) {
      const values = input.values[field] ?? [];
      const rendered = values.filter((v) => v !== null && v !== undefined && v !== '').map(renderValue);
      if (rendered.length === 0) continue;
      const value = rendered.join(MULTI_VALUE_SEPARATOR);
      const problem = tagProblem(field, value);
      if (problem !== undefined) problems.push({ field, reason: problem });
      else wanted.push({ Key: field, Value: value });
    }
  }
  const tags = [...kept];
  for (const tag of wanted) {
    if (tags.length >= S3_TAG_LIMITS.maxTags) problems.push({ field: tag.Key, reason: 'too-many-tags' });
    else tags.push(tag);
  }

  const sidecar = input.sidecar && !input.deleted ? sidecarDocument(input) : undefined;
  return {
    tags: sameTags(tags, input.existingTags) ? undefined : tags,
    sidecar: sidecar !== undefined && sameSidecar(sidecar, input.existingSidecar) ? undefined : sidecar,
    problems,
  };
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

function tagProblem(key: string, value: string): TagProblem['reason'] | undefined {
  if (key.length === 0 || key.length > S3_TAG_LIMITS.maxKeyLength || !TAG_CHARACTERS.test(key) || key.toLowerCase().startsWith('aws:')) return 'key-invalid';
  if (value.length > S3_TAG_LIMITS.maxValueLength) return 'value-too-long';
  if (!TAG_CHARACTERS.test(value)) return 'value-invalid-characters';
  return undefined;
}

function sameTags(a: readonly Tag[], b: readonly Tag[]): boolean {
  if (a.length !== b.length) return false;
  const bm = new Map(b.map((t) => [t.Key, t.Value]));
  return a.every((t) => bm.get(t.Key) === t.Value);
}

function sidecarDocument(input: PlanWritebackInput): SidecarDocument {
  const values: Record<string, readonly unknown[]> = {};
  for (const field of Object.keys(input.values).sort()) values[field] = input.values[field] ?? [];
  return {
    asset_id: input.assetId,
    source: { bucket: input.source.bucket, key: input.source.key },
    metadata_values: values,
    written_at: input.now.toISOString(),
  };
}

function sameSidecar(next: SidecarDocument, existing: unknown): boolean {
  if (existing === null || typeof existing !== 'object') return false;
  const { written_at: _ignored, ...rest } = existing as Record<string, unknown>;
  const { written_at: _now, ...wanted } = next;
  return canonicalJson(rest) === canonicalJson(wanted);
}

/** JSON with object keys sorted at every level, so key order never counts as a change. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
