import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { type HttpMethod, operationKey, type Service } from '../route.js';
import type { JsonSchema, ServiceSpec, SpecOperation, SpecParameter } from './loadSpec.js';
import { prepareSchema, type SchemaMode } from './prepareSchema.js';
import { relaxedRequestComponents, responseRelaxations } from './relaxations.js';
import { addRequestKeywords, requestDateTimeFormat } from './requestKeywords.js';

// ajv-formats is CommonJS with a default export; under NodeNext it arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

/** A query parameter as the spec declares it, with its compiled value check. */
export interface QueryParam {
  name: string;
  required: boolean;
  schema: JsonSchema;
  validate: ValidateFunction;
}

/** Everything compiled for one operation. */
export interface OperationValidators {
  /** The JSON request body check, if the operation declares one. */
  body?: ValidateFunction;
  bodyRequired: boolean;
  query: QueryParam[];
  /** Response checks by status code (`'200'`, `'201'`); `null` means "no body". */
  responses: Map<string, ValidateFunction | null>;
}

/**
 * ajv validators compiled from the vendored specs, one set per operation, compiled on first use
 * and cached (compiling all of them up front costs seconds and most runs touch few operations).
 */
export class Validators {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, OperationValidators>();

  constructor(private readonly specs: Map<Service, ServiceSpec>) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    // OpenAPI/marshmallow formats ajv-formats does not know: "bool" (on booleans) and "url".
    this.ajv.addFormat('bool', true);
    this.ajv.addFormat('url', /^[a-z][a-z0-9+.-]*:\/\/\S+$/i);
    addRequestKeywords(this.ajv);
    for (const [service, spec] of specs) {
      this.ajv.addSchema({ components: prepareSchema(relaxedRequestComponents(service, spec.components), service, 'request') }, `${service}.request`);
      this.ajv.addSchema({ components: prepareSchema(spec.components, service, 'response') }, `${service}.response`);
    }
  }

  /** The validators of `service method path` (compiled now if first use). */
  forOperation(service: Service, method: HttpMethod, path: string): OperationValidators {
    const key = `${service} ${method} ${path}`;
    let v = this.compiled.get(key);
    if (v === undefined) {
      const op = this.specs.get(service)?.paths[path]?.[method];
      if (op === undefined) throw new Error(`No spec operation ${key}`);
      v = this.compile(service, method, path, op);
      this.compiled.set(key, v);
    }
    return v;
  }

  private compile(service: Service, method: HttpMethod, path: string, op: SpecOperation): OperationValidators {
    let bodySchema = op.requestBody?.content?.['application/json']?.schema;
    if (method === 'patch' && bodySchema !== undefined) bodySchema = this.partial(service, bodySchema);
    const responses = new Map<string, ValidateFunction | null>();
    const key = operationKey({ service, method, path });
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      const relaxed = responseRelaxations.find((r) => r.operation === key && r.status === status)?.schema;
      const schema = response.content?.['application/json']?.schema ?? relaxed;
      responses.set(status, schema === undefined ? null : this.schema(service, 'response', schema));
    }
    const query = (op.parameters ?? [])
      .filter((p: SpecParameter) => p.in === 'query')
      .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {}, validate: this.schema(service, 'request', p.schema ?? {}) }));
    return {
      ...(bodySchema === undefined ? {} : { body: this.schema(service, 'request', bodySchema) }),
      bodyRequired: op.requestBody?.required === true,
      query,
      responses,
    };
  }

  /**
   * A PATCH body is partial: iconik's PATCH operations reuse the full schema (e.g. `AssetSchema`
   * requires `title`) but real clients PATCH `{"status":"CLOSED"}` or `{"archive_status":...}` and
   * iconik accepts it (notes §4, §5 [C]). So the top-level `required` is dropped for PATCH.
   */
  private partial(service: Service, schema: JsonSchema): JsonSchema {
    const ref = typeof schema.$ref === 'string' ? (schema.$ref as string) : undefined;
    const target = ref?.startsWith('#/components/schemas/') ? this.specs.get(service)?.components.schemas[ref.slice(21)] : schema;
    if (target === undefined) return schema;
    const { required: _required, ...rest } = target;
    return rest;
  }

  private schema(service: Service, mode: SchemaMode, schema: JsonSchema): ValidateFunction {
    return this.ajv.compile(prepareSchema(schema, service, mode) as JsonSchema);
  }
}

/**
 * ajv errors → iconik's field-map error body, marshmallow-style messages (iconik's API answers
 * `{"errors": {field: message}}`; the exact texts are [I], notes §1). The key is the dotted path of
 * the field (`metadata.0.name`), or `_schema` for a whole-body problem.
 */
export function fieldErrors(errors: ErrorObject[] | null | undefined, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const segments = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'required') segments.push(String(e.params.missingProperty));
    const field = [prefix, ...segments].filter(Boolean).join('.') || '_schema';
    if (out[field] === undefined) out[field] = messageFor(e);
  }
  return out;
}

function messageFor(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return 'Missing data for required field.';
    case 'type':
      return `Not a valid ${String(e.params.type)}.`;
    case 'enum':
      return `Must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}.`;
    case 'format':
      return `Not a valid ${e.params.format === requestDateTimeFormat ? 'date-time' : String(e.params.format)}.`;
    case 'minimum':
    case 'maximum':
      return `Must be ${e.keyword === 'minimum' ? 'greater' : 'less'} than or equal to ${String(e.params.limit)}.`;
    default:
      return e.message ?? 'Invalid value.';
  }
}
