import type { JsonSchema } from './loadSpec.js';

/** Which side of the wire a schema is used for; OpenAPI's readOnly/writeOnly differ by side. */
export type SchemaMode = 'request' | 'response';

/**
 * Turns an OpenAPI 3.0 schema into a JSON schema ajv validates the way the spec means it:
 * - `$ref: '#/components/schemas/X'` becomes `<service>.<mode>#/components/schemas/X`, so one ajv
 *   instance holds every service and refs resolve inside their own document;
 * - a property marked `readOnly` is not required in a request, a `writeOnly` one not in a response
 *   (OpenAPI 3.0 §4.7.25);
 * - `nullable: true` without `type` (next to `$ref`/`oneOf`/`allOf`) becomes `anyOf [..., null]`,
 *   and a nullable `enum` admits `null` (ajv handles `nullable` only together with `type`).
 * Pure: returns a new schema.
 */
export function prepareSchema(schema: unknown, service: string, mode: SchemaMode): unknown {
  if (Array.isArray(schema)) return schema.map((s) => prepareSchema(s, service, mode));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema as JsonSchema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) {
      out[key] = `${service}.${mode}${value}`;
    } else if (key === 'example' || key === 'examples' || key === 'xml') {
      // Documentation only.
    } else {
      out[key] = prepareSchema(value, service, mode);
    }
  }
  dropSideOnlyRequired(out, mode);
  return normaliseNullable(out);
}

function dropSideOnlyRequired(schema: JsonSchema, mode: SchemaMode): void {
  if (!Array.isArray(schema.required) || typeof schema.properties !== 'object') return;
  const hidden = mode === 'request' ? 'readOnly' : 'writeOnly';
  schema.required = (schema.required as string[]).filter((name) => schema.properties[name]?.[hidden] !== true);
  if ((schema.required as string[]).length === 0) delete schema.required;
}

function normaliseNullable(schema: JsonSchema): JsonSchema {
  if (schema.nullable !== true) return schema;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (schema.type !== undefined) return schema;
  const { nullable: _nullable, ...rest } = schema;
  return { anyOf: [rest, { type: 'null' }] };
}
