/** Where the write-back sidecar of an object lives (`WRITEBACK_SIDECAR_SUFFIX` / `_PREFIX`). */
export interface SidecarPlacement {
  readonly suffix: string;
  readonly prefix?: string | undefined;
}

/**
 * The sidecar key of a source object: `<key><suffix>` next to it, or `<prefix>/<key><suffix>` when
 * a prefix is set. Ingest skips both shapes (`lib/ingest/filterObject.ts`), so a sidecar never
 * becomes an asset of its own.
 */
export function sidecarKey(key: string, placement: SidecarPlacement): string {
  const prefix = placement.prefix?.replace(/\/+$/, '');
  return prefix !== undefined && prefix !== '' ? `${prefix}/${key}${placement.suffix}` : `${key}${placement.suffix}`;
}
