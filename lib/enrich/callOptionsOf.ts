import type { CallOptions } from '../iconik/sendTypes.js';

/** The iconik `CallOptions` of a request that carries an optional deadline and signal (undefined ones left out, as `exactOptionalPropertyTypes` wants). */
export function callOptionsOf(request: { readonly deadline?: number | undefined; readonly signal?: AbortSignal | undefined }): CallOptions {
  return { ...(request.deadline !== undefined ? { deadline: request.deadline } : {}), ...(request.signal !== undefined ? { signal: request.signal } : {}) };
}
