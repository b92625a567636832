import { type Dispatcher, request as undiciRequest } from 'undici';
import { UploadError } from './errors.js';

/** The HTTP call uploads make (global `fetch` by default; injectable for tests). */
export type FetchLike = (
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: Uint8Array; signal?: AbortSignal; redirect?: 'manual' },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/**
 * undici's `request` behind the `FetchLike` shape: it writes a part's bytes to the socket as they
 * are, where a `fetch` copies a `BufferSource` body first (one more part-sized copy per part in
 * flight), and it never follows redirects. Not Node's global `fetch`: that one rejects requests when
 * a newer undici dispatcher is installed globally (UND_ERR_INVALID_ARG).
 */
export const defaultFetch: FetchLike = async (url, init) => {
  const response = await undiciRequest(url, {
    method: init.method as Dispatcher.HttpMethod,
    ...(init.headers !== undefined ? { headers: init.headers } : {}),
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.signal !== undefined ? { signal: init.signal } : {}),
  });
  return {
    status: response.statusCode,
    headers: {
      get(name: string) {
        const value = response.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: () => response.body.text(),
  };
};

/**
 * Sends bytes to an upload URL iconik handed out (presigned S3, signed GCS, Azure SAS) and returns
 * the response when its status is in `ok`. Other statuses and network failures become an
 * `UploadError`: retryable for 408, 429, 5xx and network errors. The URL's query (a signature) is
 * never put in the error.
 */
export async function sendBytes(
  fetchImpl: FetchLike,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: Uint8Array; signal?: AbortSignal | undefined },
  what: string,
  ok: (status: number) => boolean = (s) => s >= 200 && s < 300,
): Promise<{ status: number; headers: { get(name: string): string | null }; body: string }> {
  let response;
  try {
    response = await fetchImpl(url, {
      method: init.method,
      headers: { ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
      ...(init.signal !== undefined ? { signal: init.signal } : {}),
      redirect: 'manual',
    });
  } catch (error) {
    throw new UploadError(`${what}: ${init.method} ${safeUrl(url)} failed: ${(error as Error).message}`, { retryable: true, cause: error });
  }
  const body = await response.text().catch(() => '');
  if (!ok(response.status)) {
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    throw new UploadError(`${what}: ${init.method} ${safeUrl(url)} answered ${response.status}${xmlCode(body)}`, { retryable, status: response.status });
  }
  return { status: response.status, headers: response.headers, body };
}

/** The URL without its query string (presigned signatures are credentials). */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?…`;
}

function xmlCode(body: string): string {
  const code = /<Code>([^<]{1,80})<\/Code>/.exec(body)?.[1];
  return code !== undefined ? ` (${code})` : '';
}
