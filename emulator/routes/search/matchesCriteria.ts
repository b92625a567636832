/** A search filter as the spec defines it (`CriteriaFilterSchema`, `CriteriaTerm`; notes §9 [C]). */
export interface CriteriaFilter {
  operator: string;
  terms?: CriteriaTerm[];
  filters?: CriteriaFilter[];
}

export interface CriteriaTerm {
  name: string;
  value?: string;
  value_in?: string[];
  exists?: boolean;
  missing?: boolean;
  range?: { min?: string; max?: string; timezone?: string };
}

/**
 * Whether a search document matches a filter. `operator` `AND` (default) needs every term and
 * nested filter, `OR` any of them, `NOT` none [I]. A term names a top-level field or
 * `metadata.<field>` (notes §9 [C via GO]); `value` matches when any of the field's values equals it
 * as a string (exact match, as on keyword fields [I]), `value_in` any of several, `exists`/`missing`
 * test presence, `range` compares numbers numerically and other values (ISO dates) as text [I]. Pure.
 */
export function matchesCriteria(doc: Record<string, unknown>, filter: CriteriaFilter): boolean {
  const results = [...(filter.terms ?? []).map((t) => matchesTerm(doc, t)), ...(filter.filters ?? []).map((f) => matchesCriteria(doc, f))];
  const op = filter.operator.toUpperCase();
  if (op === 'OR') return results.length === 0 || results.some(Boolean);
  if (op === 'NOT') return !results.some(Boolean);
  return results.every(Boolean);
}

function matchesTerm(doc: Record<string, unknown>, term: CriteriaTerm): boolean {
  const values = valuesOf(doc, term.name);
  if (term.exists === true && values.length === 0) return false;
  if (term.missing === true && values.length > 0) return false;
  if (term.value !== undefined && !values.some((v) => String(v) === term.value)) return false;
  if (term.value_in !== undefined && !values.some((v) => term.value_in?.includes(String(v)))) return false;
  if (term.range !== undefined && !values.some((v) => inRange(v, term.range ?? {}))) return false;
  return true;
}

/** The values at a dotted path; arrays are flattened and `{value}` objects (metadata) unwrapped. */
function valuesOf(doc: Record<string, unknown>, path: string): unknown[] {
  let current: unknown[] = [doc];
  for (const key of path.split('.')) {
    current = current.flatMap((node) => {
      if (node === null || typeof node !== 'object') return [];
      const next = (node as Record<string, unknown>)[key];
      return Array.isArray(next) ? next : [next];
    });
  }
  return current.map((v) => (v !== null && typeof v === 'object' && 'value' in v ? (v as { value: unknown }).value : v)).filter((v) => v !== undefined && v !== null);
}

function inRange(value: unknown, range: { min?: string; max?: string }): boolean {
  const numeric = typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)));
  const cmp = (bound: string) => (numeric && !Number.isNaN(Number(bound)) ? Number(value) - Number(bound) : String(value).localeCompare(bound));
  if (range.min !== undefined && range.min !== '' && cmp(range.min) < 0) return false;
  if (range.max !== undefined && range.max !== '' && cmp(range.max) > 0) return false;
  return true;
}
