import { matchGlob } from './matchGlob.js';

/** Why an object is not ingested; each is a metric dimension. */
export type SkipReason = 'folder-marker' | 'system-file' | 'temporary-file' | 'writeback-sidecar' | 'input-sidecar' | 'excluded' | 'not-included' | 'too-small';

export interface FilterRules {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly minSizeBytes: number;
  /** Write-back sidecar suffix (`WRITEBACK_SIDECAR_SUFFIX`). */
  readonly writebackSuffix: string;
  /** Write-back sidecar prefix (`WRITEBACK_SIDECAR_PREFIX`), when sidecars live apart from media. */
  readonly writebackPrefix?: string | undefined;
  /** Input sidecar name patterns with `{key}` (`INGEST_SIDECAR_PATTERNS`). */
  readonly sidecarPatterns: readonly string[];
}

/** Finder, Windows and editor droppings: never media. */
const SYSTEM_FILES = /^(?:\.DS_Store|Thumbs\.db|desktop\.ini|\.localized|Icon\r|\._.*|\.Spotlight-V100|\.Trashes|\.fseventsd)$/i;
/** Names of uploads in progress and editor lock/swap files. */
const TEMPORARY_FILES = /(?:\.(?:tmp|temp|part|partial|crdownload|download|filepart|swp|swx|lock|inprogress|uploading)$|^~\$|^\.~lock\.|^\.#|~$)/i;

/**
 * Decides whether an object becomes an iconik asset (`undefined`) or why not. Pure; the caller logs
 * and counts the reason. Built-in rules come first (folder markers, system and temporary files,
 * the bridge's own sidecars), then the user's include/exclude globs and minimum size.
 */
export function filterObject(object: { key: string; size?: number | undefined }, rules: FilterRules): SkipReason | undefined {
  const { key } = object;
  const name = key.slice(key.lastIndexOf('/') + 1);
  if (key.endsWith('/')) return 'folder-marker';
  if (SYSTEM_FILES.test(name)) return 'system-file';
  if (TEMPORARY_FILES.test(name)) return 'temporary-file';
  if (key.endsWith(rules.writebackSuffix)) return 'writeback-sidecar';
  if (rules.writebackPrefix !== undefined && key.startsWith(`${rules.writebackPrefix.replace(/\/+$/, '')}/`)) return 'writeback-sidecar';
  if (rules.sidecarPatterns.some((p) => sidecarRegExp(p).test(key))) return 'input-sidecar';
  if (rules.exclude.some((g) => matchGlob(g, key))) return 'excluded';
  if (rules.include.length > 0 && !rules.include.some((g) => matchGlob(g, key))) return 'not-included';
  if (object.size !== undefined && object.size < rules.minSizeBytes) return 'too-small';
  return undefined;
}

/**
 * `{key}.json` → a RegExp matching sidecars of a media key. The media key must itself have an
 * extension, so `clip.mov.json` is a sidecar while a plain `data.json` is an asset.
 */
export function sidecarRegExp(pattern: string): RegExp {
  const [before, ...rest] = pattern.split('{key}');
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (rest.length === 0) return new RegExp(`(?:^|/)${escapeRegExp(pattern)}$`, 'u');
  return new RegExp(`^${escapeRegExp(before ?? '')}.*[^/]\\.[^/.]+${rest.map(escapeRegExp).join('.*')}$`, 'u');
}
