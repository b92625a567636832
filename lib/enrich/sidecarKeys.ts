import { ConfigError } from '../errors.js';

const PLACEHOLDER = '{key}';

/** Checks `INGEST_SIDECAR_PATTERNS`: each pattern holds `{key}` exactly once and adds something to it. */
export function checkSidecarPatterns(patterns: readonly string[]): void {
  const bad = patterns.filter((p) => p.split(PLACEHOLDER).length !== 2 || p === PLACEHOLDER);
  if (bad.length > 0) throw new ConfigError(bad.map((p) => ({ setting: 'INGEST_SIDECAR_PATTERNS', problem: `"${p.slice(0, 80)}" must contain {key} exactly once, with a prefix or suffix` })));
}

/** The sidecar keys that may sit next to `mediaKey` (`{key}.json` → `<mediaKey>.json`), in pattern order. */
export function sidecarKeysFor(mediaKey: string, patterns: readonly string[]): string[] {
  return patterns.filter((p) => p.includes(PLACEHOLDER)).map((p) => p.replace(PLACEHOLDER, mediaKey));
}

/** A media key must have an extension (as ingest's `sidecarRegExp`): `clip.mov.json` is a sidecar, `data.json` an asset. */
const MEDIA_KEY = /[^/]\.[^/.]+$/u;

/**
 * The media keys `key` may be a sidecar of, most specific pattern first (`a.mov.metadata.json` →
 * `a.mov` by `{key}.metadata.json`, then `a.mov.metadata` by `{key}.json`). Empty: not a sidecar.
 * Agrees with ingest's filter (`lib/ingest/filterObject.ts`): the media key must have an extension.
 */
export function mediaKeysForSidecar(key: string, patterns: readonly string[]): string[] {
  const out = new Set<string>();
  for (const pattern of patterns) {
    const [prefix, suffix, ...more] = pattern.split(PLACEHOLDER);
    if (prefix === undefined || suffix === undefined || more.length > 0) continue;
    if (key.length <= prefix.length + suffix.length || !key.startsWith(prefix) || !key.endsWith(suffix)) continue;
    const media = key.slice(prefix.length, key.length - suffix.length);
    if (MEDIA_KEY.test(media)) out.add(media);
  }
  return [...out].sort((a, b) => a.length - b.length);
}

/** Whether ingest must treat `key` as a sidecar (never an asset of its own). */
export function isSidecarKey(key: string, patterns: readonly string[]): boolean {
  return mediaKeysForSidecar(key, patterns).length > 0;
}
