import { defaultCredential } from '../../../emulator/index.js';

/**
 * One request a published client sends, as data: the path and body exactly as the client builds
 * them, with `{name}` placeholders for ids the client took from an earlier answer.
 */
export interface ReplayStep {
  /** What the client does, e.g. "create the asset". */
  name: string;
  /** Where the request shape comes from (document, section, language / repository, file, function). */
  source: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute path, or a full URL placeholder such as `{upload_url}`; `{name}` is substituted. */
  path: string;
  /** JSON body; any string `{name}` inside is substituted (a whole-string placeholder keeps the value's type). */
  body?: unknown;
  /** A body sent byte for byte (e.g. a malformed published one). */
  rawBody?: string;
  /** Headers besides iconik's App-ID/Auth-Token (which every step sends unless `noAuth`). */
  headers?: Record<string, string>;
  noAuth?: boolean;
  /** The status the client expects (from the spec or the client's own handling). */
  status: number;
  /** Dotted paths the client reads from the JSON answer (it fails if they are missing). */
  reads?: string[];
  /** The client parses a successful answer as JSON (pythonik's `parse_response` with a model). */
  parsesJson?: boolean;
  /** Placeholder name → dotted path in the answer (`body.id`, `header.location`). */
  capture?: Record<string, string>;
  note?: string;
}

/** Values a step may use before any capture: the emulator's URL and what the client computes itself. */
export type ReplayValues = Record<string, unknown>;

/** Python's `datetime.datetime.now().isoformat()`: local time, microseconds, no offset. */
export function pythonNowIsoformat(now = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}T${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}.${p(now.getMilliseconds(), 3)}000`;
}

/** The answer to one replayed step. */
export interface ReplayAnswer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint: client code reads arbitrary JSON.
  json: any;
  jsonError?: string;
}

/** Sends `step` to the emulator at `baseUrl`, substituting `values`; records captures into `values`. */
export async function replayStep(baseUrl: string, step: ReplayStep, values: ReplayValues): Promise<ReplayAnswer> {
  const path = substitute(step.path, values) as string;
  const url = /^https?:\/\//.test(path) ? path : `${baseUrl}${path}`;
  const headers: Record<string, string> = { ...(step.noAuth === true ? {} : { 'App-ID': defaultCredential.appId, 'Auth-Token': defaultCredential.authToken }), ...step.headers };
  let body: string | undefined = step.rawBody;
  if (step.body !== undefined) {
    body = JSON.stringify(substitute(step.body, values));
    // requests' `json=` sets this header; curl examples set it explicitly.
    headers['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(url, { method: step.method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  const answer: ReplayAnswer = { status: res.status, headers: res.headers, text, json: undefined };
  try {
    answer.json = text === '' ? undefined : JSON.parse(text);
    if (text === '') answer.jsonError = 'empty body';
  } catch (error) {
    answer.jsonError = (error as Error).message;
  }
  for (const [name, at] of Object.entries(step.capture ?? {})) values[name] = read(answer, at);
  return answer;
}

/** The value at a dotted path of an answer: `body.objects.0.id` or `header.x-guploader-uploadid`. */
export function read(answer: ReplayAnswer, at: string): unknown {
  const [root, ...rest] = at.split('.');
  if (root === 'header') return answer.headers.get(rest.join('.')) ?? undefined;
  let node: unknown = answer.json;
  for (const key of rest) node = node === null || typeof node !== 'object' ? undefined : (node as Record<string, unknown>)[key];
  return node;
}

/** A placeholder's value; an earlier step that failed to answer it is named instead of sending "undefined". */
function captured(values: ReplayValues, name: string): unknown {
  if (values[name] === undefined) throw new Error(`{${name}} was not captured: an earlier step did not answer it`);
  return values[name];
}

function substitute(value: unknown, values: ReplayValues): unknown {
  if (typeof value === 'string') {
    const whole = /^\{([a-z_]+)\}$/.exec(value);
    if (whole !== null && (whole[1] as string) in values) return captured(values, whole[1] as string);
    return value.replace(/\{([a-z_]+)\}/g, (m, name: string) => (name in values ? String(captured(values, name)) : m));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, values));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)]));
  return value;
}
