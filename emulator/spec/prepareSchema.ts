import type { JsonSchema } from './loadSpec.js';
import { withEnumAdditions } from './relaxations.js';
import { ignoreReadOnlyKeyword, normaliseDateTimeKeyword, requestDateTimeFormat } from './requestKeywords.js';

/** Which side of the wire a schema is used for; OpenAPI's readOnly/writeOnly differ by side. */
export type SchemaMode = 'request' | 'response';

/**
 * Turns an OpenAPI 3.0 schema into a JSON schema ajv validates the way the spec means it:
 * - `$ref: '#/components/schemas/X'` becomes `<service>.<mode>#/components/schemas/X`, so one ajv
 *   instance holds every service and refs resolve inside their own document;
 * - a property marked `readOnly` is not required in a request, a `writeOnly` one not in a response
 *   (OpenAPI 3.0 §4.7.25);
 * - `nullable: true` without `type` (next to `$ref`/`oneOf`/`allOf`) becomes `anyOf [..., null]`,
 *   and a nullable `enum` admits `null` (ajv handles `nullable` only together with `type`);
 * - in a response, any property that is not required may be `null`: real iconik sends `null` for
 *   fields the spec does not mark nullable (TUT asset response: `date_deleted: null`,
 *   `deleted_by_user: null`; notes §4 [C]), so the emulator does too and strict mode accepts it;
 * - in a request, an integer may arrive as a string of digits: iconik accepted `"size": "264032992"`
 *   and returned an int (notes §11.10 [C]; marshmallow coerces); routes convert it;
 * - an enum iconik's live API has grown (`relaxations.ts` `enumAdditions`) admits the new values;
 * - in a request, a `readOnly` property is neither checked nor kept (`x-ignore-read-only`), and a
 *   `date-time` is marshmallow's ISO form, offset optional, normalised to iconik's rendering
 *   (`requestKeywords.ts` gives the evidence: the seed's and pythonik's requests).
 * Pure: returns a new schema.
 */
export function prepareSchema(schema: unknown, service: string, mode: SchemaMode): unknown {
  if (Array.isArray(schema)) return schema.map((s) => prepareSchema(s, service, mode));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema as JsonSchema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) {
      out[key] = `${service}.${mode}${value}`;
    } else if (key === 'enum' && Array.isArray(value)) {
      out[key] = withEnumAdditions(value);
    } else if (key === 'example' || key === 'examples' || key === 'xml') {
      // Documentation only.
    } else {
      out[key] = prepareSchema(value, service, mode);
    }
  }
  dropSideOnlyRequired(out, mode);
  if (mode === 'response') allowNullOptionalProperties(out);
  if (mode === 'request') {
    ignoreReadOnlyProperties(out);
    if (out.format === 'date-time') {
      out.format = requestDateTimeFormat;
      out[normaliseDateTimeKeyword] = true;
    }
  }
  if (mode === 'request' && out.type === 'integer') {
    return { anyOf: [normaliseNullable(out), { type: 'string', pattern: '^-?[0-9]+$' }] };
  }
  return normaliseNullable(out);
}

function allowNullOptionalProperties(schema: JsonSchema): void {
  if (typeof schema.properties !== 'object' || schema.properties === null) return;
  const required = new Set<string>(Array.isArray(schema.required) ? schema.required : []);
  for (const [name, prop] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
    if (required.has(name) || prop.nullable === true || prop.anyOf?.some((s: JsonSchema) => s.type === 'null')) continue;
    schema.properties[name] = normaliseNullable({ ...prop, nullable: true });
  }
}

function ignoreReadOnlyProperties(schema: JsonSchema): void {
  if (typeof schema.properties !== 'object' || schema.properties === null) return;
  for (const [name, prop] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
    if (isMarked(prop, 'readOnly')) schema.properties[name] = { [ignoreReadOnlyKeyword]: true };
  }
}

function dropSideOnlyRequired(schema: JsonSchema, mode: SchemaMode): void {
  if (!Array.isArray(schema.required) || typeof schema.properties !== 'object') return;
  const hidden = mode === 'request' ? 'readOnly' : 'writeOnly';
  schema.required = (schema.required as string[]).filter((name) => !isMarked(schema.properties[name], hidden));
  if ((schema.required as string[]).length === 0) delete schema.required;
}

/** `readOnly`/`writeOnly` on a property, also when `normaliseNullable` wrapped it in `anyOf`. */
function isMarked(prop: JsonSchema | undefined, flag: 'readOnly' | 'writeOnly'): boolean {
  return prop?.[flag] === true || prop?.anyOf?.[0]?.[flag] === true;
}

function normaliseNullable(schema: JsonSchema): JsonSchema {
  if (schema.nullable !== true) return schema;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (schema.type !== undefined) return schema;
  const { nullable: _nullable, ...rest } = schema;
  return { anyOf: [rest, { type: 'null' }] };
}
