import type * as z from 'zod';
import type { pathRuleSchema } from '../config.js';
import type { FieldValues } from './fieldValues.js';

type PathRule = z.infer<typeof pathRuleSchema>;

/**
 * Maps parts of the object key to fields with `INGEST_PATH_RULES`: each rule's regex (named groups)
 * is matched against the key; each matched group becomes a value of the field `fields[group]` (or
 * the group's own name). Later rules win on the same field. Unmatched groups are skipped. Pure.
 * @example applyPathRules('shows/Foo/ep12/a.mov', [{ pattern: 'shows/(?<show>[^/]+)/ep(?<episode>\\d+)/' }]) // { show: ['Foo'], episode: ['12'] }
 */
export function applyPathRules(key: string, rules: readonly PathRule[]): FieldValues {
  const out: Record<string, string[]> = {};
  for (const rule of rules) {
    const groups = new RegExp(rule.pattern).exec(key)?.groups;
    if (groups === undefined) continue;
    for (const [group, value] of Object.entries(groups)) {
      if (value === undefined || value === '') continue;
      if (rule.fields !== undefined && rule.fields[group] === undefined) continue;
      out[rule.fields?.[group] ?? group] = [value];
    }
  }
  return out;
}
