import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/errors.js';
import { loadConfig, settings } from '../../lib/config.js';

const base = { ICONIK_APP_ID: 'app', ICONIK_AUTH_TOKEN: 'tok' };

describe('loadConfig', () => {
  it('applies documented defaults when only the credentials are set', () => {
    const config = loadConfig(base, { needsIconik: true });

    expect(config.iconik.url).toBe('https://app.iconik.io');
    expect(config.iconik.rate).toEqual({ perSecond: 50, windowMax: 1000, windowSeconds: 20, share: 1, budget: 'process', reserve: 0.06, priority: 'normal' });
    expect(config.ingest.mode).toBe('auto');
    expect(config.ingest.sidecarPatterns).toEqual(['{key}.json', '{key}.metadata.json']);
    expect(config.ingest.partSizeBytes).toBe(16 * 1024 * 1024);
  });

  it('accepts a regional host and strips its trailing slash', () => {
    expect(loadConfig({ ...base, ICONIK_URL: 'https://eu.iconik.io/' }).iconik.url).toBe('https://eu.iconik.io');
  });

  it('lists every bad setting in one error', () => {
    const env = { ICONIK_URL: 'ftp://x', ICONIK_RATE_PER_SECOND: 'fast', INGEST_MODE: 'copy', INGEST_METADATA_MAP: '{bad', LEDGER_TABLE: '' };

    const error = (() => {
      try {
        loadConfig(env, { needsIconik: true, require: ['LEDGER_TABLE'] });
      } catch (e) {
        return e;
      }
      return undefined;
    })();

    expect(error).toBeInstanceOf(ConfigError);
    const settingsNamed = (error as ConfigError).issues.map((i) => i.setting).sort();
    expect(settingsNamed).toEqual(['ICONIK_APP_ID', 'ICONIK_AUTH_TOKEN_SECRET', 'ICONIK_RATE_PER_SECOND', 'ICONIK_URL', 'INGEST_METADATA_MAP', 'INGEST_MODE', 'LEDGER_TABLE']);
    expect((error as Error).message).toContain('INGEST_MODE: must be one of auto, upload, register, scan');
  });

  it('never puts a value in the error message', () => {
    const secret = 'sUp3r-s3cret-t0ken';
    try {
      loadConfig({ ICONIK_AUTH_TOKEN: secret, ICONIK_TIMEOUT_MS: secret, INGEST_PATH_RULES: JSON.stringify([{ pattern: `(${secret}` }]) });
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
      expect((e as Error).message).toContain('INGEST_PATH_RULES');
    }
  });

  it('rejects unknown audit repairs', () => {
    expect(() => loadConfig({ ...base, AUDIT_REPAIRS: 'abort-stuck-jobs,delete-everything' })).toThrow(/unknown repair "delete-everything"/);
  });

  it('parses booleans the way operators type them', () => {
    expect(loadConfig({ ...base, INGEST_KEYFRAMES: 'off' }).ingest.keyframes).toBe(false);
    expect(loadConfig({ ...base, INGEST_KEYFRAMES: 'YES' }).ingest.keyframes).toBe(true);
    expect(() => loadConfig({ ...base, INGEST_KEYFRAMES: 'maybe' })).toThrow(/INGEST_KEYFRAMES: must be true or false/);
  });
});

describe('docs/configuration.md table', () => {
  it('documents exactly the settings of lib/config.ts', () => {
    const section = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    const documented = [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();

    expect(documented).toEqual(Object.keys(settings).sort());
  });
});
