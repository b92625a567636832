import type { OperationValidators } from './Validators.js';

/**
 * Strict mode: the problems of a response against the operation's spec response (empty list when it
 * conforms). A status the spec does not list for a success is itself a problem; an error status
 * falls back to the spec's `default` (the `errors` envelope).
 */
export function checkResponse(v: OperationValidators, status: number, body: unknown): string[] {
  const key = String(status);
  const validate = v.responses.has(key) ? v.responses.get(key) : status >= 400 ? v.responses.get('default') : undefined;
  if (validate === undefined) {
    return status >= 400 ? [] : [`status ${status} is not a response of this operation (spec lists ${[...v.responses.keys()].join(', ')})`];
  }
  if (validate === null) return body === undefined ? [] : ['the spec declares no body for this status but one was sent'];
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.keyword === 'enum' ? ` (${JSON.stringify(e.params.allowedValues)})` : ''}`);
}
