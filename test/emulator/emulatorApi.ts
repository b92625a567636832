import { afterAll, beforeAll } from 'vitest';
import { defaultCredential, type Emulator, type EmulatorOptions, startEmulator } from '../../emulator/index.js';

/** A parsed emulator response. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint: tests read arbitrary JSON.
  body: any;
}

/**
 * A tiny iconik caller for emulator tests: `api('POST', '/API/assets/v1/assets/', body)`. It sends the
 * default credentials unless `headers` replaces them. Deliberately not lib/iconik: the emulator is
 * tested on its own.
 */
export function emulatorApi(baseUrl: string) {
  return async function api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse> {
    const h: Record<string, string> = headers ?? { 'App-ID': defaultCredential.appId, 'Auth-Token': defaultCredential.authToken };
    if (body !== undefined) h['Content-Type'] ??= 'application/json';
    const res = await fetch(`${baseUrl}${path}`, { method, headers: h, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
}

export type Api = ReturnType<typeof emulatorApi>;

/** Creates asset → format → file set → file on `storageId`; returns their ids and the file response. */
export async function createUploadChain(api: Api, storageId: string, fileFields: Record<string, unknown> = {}) {
  const asset = await api('POST', '/API/assets/v1/assets/', { title: 'clip.mp4', type: 'ASSET', external_id: 'bucket/clip.mp4' });
  const format = await api('POST', `/API/files/v1/assets/${asset.body.id}/formats/`, { name: 'ORIGINAL', metadata: [{ internet_media_type: 'video/mp4' }], storage_methods: ['S3'] });
  const fileSet = await api('POST', `/API/files/v1/assets/${asset.body.id}/file_sets/`, {
    format_id: format.body.id,
    storage_id: storageId,
    base_dir: 'media/',
    name: 'clip.mp4',
    component_ids: [],
  });
  const file = await api('POST', `/API/files/v1/assets/${asset.body.id}/files/`, {
    original_name: 'clip.mp4',
    name: 'clip.mp4',
    directory_path: 'media/',
    size: 10,
    type: 'FILE',
    storage_id: storageId,
    file_set_id: fileSet.body.id,
    format_id: format.body.id,
    ...fileFields,
  });
  return { assetId: asset.body.id as string, formatId: format.body.id as string, fileSetId: fileSet.body.id as string, fileId: file.body.id as string, file };
}

/**
 * Starts an emulator for the enclosing `describe` (strict, rate limit off unless `options` say
 * otherwise) and stops it after; read `ctx.emu` / `ctx.api` inside tests.
 */
export function useEmulator(options: EmulatorOptions = {}): { emu: Emulator; api: Api } {
  const ctx = {} as { emu: Emulator; api: Api };
  beforeAll(async () => {
    ctx.emu = await startEmulator({ strict: true, rateLimit: { enabled: false }, ...options });
    ctx.api = emulatorApi(ctx.emu.url);
  });
  afterAll(async () => {
    await ctx.emu?.stop();
  });
  return ctx;
}
