import type { Config } from '../config.js';

/** The named groups of a regex source, in order (`(?<show>…)` → `show`). */
export function namedGroups(pattern: string): string[] {
  return [...pattern.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1] as string);
}

/** One configured target field and the setting that names it. */
export interface MetadataTarget {
  readonly field: string;
  readonly setting: 'INGEST_METADATA_MAP' | 'INGEST_PATH_RULES';
}

/**
 * Every iconik field the configuration writes to: the values of `INGEST_METADATA_MAP`, and for each
 * `INGEST_PATH_RULES` rule its `fields` values, or its named groups when it has no `fields`.
 */
export function metadataTargets(ingest: Pick<Config['ingest'], 'metadataMap' | 'pathRules'>): MetadataTarget[] {
  const out = new Map<string, MetadataTarget>();
  for (const field of Object.values(ingest.metadataMap)) if (!out.has(field)) out.set(field, { field, setting: 'INGEST_METADATA_MAP' });
  for (const rule of ingest.pathRules) {
    const fields = rule.fields !== undefined ? Object.values(rule.fields) : namedGroups(rule.pattern);
    for (const field of fields) if (!out.has(field)) out.set(field, { field, setting: 'INGEST_PATH_RULES' });
  }
  return [...out.values()];
}
