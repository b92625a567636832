import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultStorageIds, type Emulator, operationKey, startEmulator } from '../../emulator/index.js';
import { routes } from '../../emulator/routes/index.js';
import { startS3Server, type S3Server } from '../../local/startS3Server.js';
import type { ConformanceCase } from './conformance/ConformanceCase.js';
import { type Api, createUploadChain, emulatorApi } from './emulatorApi.js';

// Every `<service>.cases.ts` next to this file contributes cases, so a new route adds its own file.
const caseDir = join(dirname(fileURLToPath(import.meta.url)), 'conformance');
const cases: ConformanceCase[] = [];
for (const file of readdirSync(caseDir)
  .filter((f) => f.endsWith('.cases.ts'))
  .sort()) {
  cases.push(...((await import(join(caseDir, file))) as { cases: ConformanceCase[] }).cases);
}

describe('emulator conformance (strict: every response validated against the vendored spec)', () => {
  let s3: S3Server;
  let emu: Emulator;
  let api: Api;

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: ['iconik-files'] });
    emu = await startEmulator({ strict: true, rateLimit: { enabled: false }, s3: { endpoint: s3.url, bucket: 'iconik-files' } });
    api = emulatorApi(emu.url);
  });

  afterAll(async () => {
    await emu?.stop();
    await s3?.stop();
  });

  it('has at least one case for every implemented operation', () => {
    const covered = new Set(cases.map((c) => c.operation));

    const missing = routes.map(operationKey).filter((k) => !covered.has(k));

    expect(missing).toEqual([]);
  });

  it.each(cases.map((c) => ({ ...c, name: `${c.operation} → ${c.status}` })))('$name', async (c) => {
    emu.control.reset();
    const chain = await createUploadChain(api, defaultStorageIds.filesS3);

    const res = await c.run({ api, emu, chain });

    expect(emu.control.stats().responseViolations).toEqual([]);
    expect(res.status, JSON.stringify(res.body)).toBe(c.status);
    if (c.status >= 400) expect(res.body.errors).toBeDefined();
  });
});
