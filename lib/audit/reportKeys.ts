import type { AuditCheck } from './finding.js';

/** `20261128T120000.123Z`: sorts by time, no characters that need escaping in a URL or shell. */
export function reportTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '');
}

/** Keys of one run's report: `<prefix>/<check>/<UTC timestamp>.json` and `.md`. */
export function reportKeys(prefix: string, check: AuditCheck, startedAt: number): { json: string; markdown: string } {
  const base = `${prefix ? `${prefix}/` : ''}${check}/${reportTimestamp(startedAt)}`;
  return { json: `${base}.json`, markdown: `${base}.md` };
}
