import { badRequest } from '../errors.js';
import { fieldErrors, type QueryParam } from '../spec/Validators.js';

/**
 * Coerces the spec-declared query parameters to their schema types (integer, number, boolean),
 * applies spec defaults and validates each (e.g. `per_page` maximum 100 where the spec caps it,
 * notes §2 [C]). Any problem → 400 naming the parameter. Undeclared parameters are ignored, as
 * iconik ignores them [I].
 */
export function parseQuery(declared: readonly QueryParam[], raw: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const p of declared) {
    const text = raw.get(p.name);
    if (text === null) {
      if (p.schema.default !== undefined) out[p.name] = p.schema.default;
      else if (p.required) errors[p.name] = 'Missing data for required field.';
      continue;
    }
    const value = coerce(text, p.schema.type as string | undefined);
    if (!p.validate(value)) {
      Object.assign(errors, fieldErrors(p.validate.errors, p.name));
      continue;
    }
    out[p.name] = value;
  }
  if (Object.keys(errors).length > 0) throw badRequest(errors);
  return out;
}

function coerce(text: string, type: string | undefined): unknown {
  switch (type) {
    case 'integer':
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
    case 'boolean':
      if (/^(true|1)$/i.test(text)) return true;
      if (/^(false|0)$/i.test(text)) return false;
      return text;
    default:
      return text;
  }
}
