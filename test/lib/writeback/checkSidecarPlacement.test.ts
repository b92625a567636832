import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lib/config.js';
import { ConfigError } from '../../../lib/errors.js';
import { checkSidecarPlacement } from '../../../lib/writeback/checkSidecarPlacement.js';

const config = (env: Record<string, string>) => loadConfig(env);

describe('checkSidecarPlacement', () => {
  it.each(['register', 'scan'])('refuses sidecars next to objects with INGEST_MODE=%s (the bucket is an iconik storage)', (mode) => {
    expect(() => checkSidecarPlacement(config({ INGEST_MODE: mode }))).toThrow(ConfigError);
    expect(() => checkSidecarPlacement(config({ INGEST_MODE: mode }))).toThrow(/WRITEBACK_SIDECAR_BUCKET/);
  });

  it.each([
    { INGEST_MODE: 'scan', WRITEBACK_SIDECAR_BUCKET: 'sidecars' },
    { INGEST_MODE: 'register', WRITEBACK_SIDECAR_PREFIX: 'bridge-sidecars' },
    { INGEST_MODE: 'scan', WRITEBACK_SIDECAR: 'false' },
    { INGEST_MODE: 'auto' },
    { INGEST_MODE: 'upload' },
  ])("accepts %o (the rest is checked per write against iconik's storages)", (env) => {
    expect(() => checkSidecarPlacement(config(env))).not.toThrow();
  });
});
