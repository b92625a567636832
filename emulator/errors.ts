/**
 * iconik's error body. Every spec operation's `default` response is `oneOf` a list of messages or a
 * map of field → message (notes §1 [C]).
 */
export type IconikErrors = string[] | Record<string, string>;

/**
 * An HTTP error a route throws; the server renders it as `{"errors": ...}` with `status`.
 * Routes never build error responses by hand, so every error has iconik's shape.
 */
export class EmulatorHttpError extends Error {
  readonly status: number;
  readonly errors: IconikErrors;
  readonly headers: Record<string, string>;

  constructor(status: number, errors: IconikErrors, options?: ErrorOptions & { headers?: Record<string, string> }) {
    super(`${status} ${Array.isArray(errors) ? errors.join('; ') : JSON.stringify(errors)}`, options);
    this.name = 'EmulatorHttpError';
    this.status = status;
    this.errors = errors;
    this.headers = options?.headers ?? {};
  }
}

/** 400 with field messages, e.g. `badRequest({ title: 'Missing data for required field.' })`. */
export function badRequest(errors: IconikErrors): EmulatorHttpError {
  return new EmulatorHttpError(400, errors);
}

/** 404 with the spec's per-resource text, e.g. `notFound('Asset does not exist')`. */
export function notFound(message: string): EmulatorHttpError {
  return new EmulatorHttpError(404, [message]);
}

/** 409 conflict. */
export function conflict(message: string): EmulatorHttpError {
  return new EmulatorHttpError(409, [message]);
}

/**
 * The response a response-validation failure produces in strict mode: a 500 that names the
 * operation and the schema violations, so a test fails loudly instead of passing on a wrong shape.
 */
export class ResponseValidationError extends Error {
  readonly operation: string;
  readonly problems: string[];

  constructor(operation: string, status: number, problems: string[]) {
    super(`Emulator response for ${operation} (${status}) violates the spec: ${problems.join('; ')}`);
    this.name = 'ResponseValidationError';
    this.operation = operation;
    this.problems = problems;
  }
}
