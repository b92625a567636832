import { describe, expect, it } from 'vitest';
import { CliError } from '../../cli/command.js';
import { parseS3Uri } from '../../cli/parseS3Uri.js';
import { formatProgress, type BackfillProgress } from '../../cli/runBackfill.js';
import { iconikTargetFromEnv } from '../../local/startLocalStack.js';

const progress = (p: Partial<BackfillProgress>): BackfillProgress => ({
  done: 0, listed: 0, listingComplete: false, ingested: 0, alreadyDone: 0, skipped: 0, failed: 0, startedAt: 0, failures: [], ...p,
});

describe('parseS3Uri', () => {
  it('splits bucket and key, keeping spaces and % as typed', () => {
    expect(parseS3Uri('s3://media/My Clips/a%20b.mov')).toEqual({ bucket: 'media', key: 'My Clips/a%20b.mov' });
  });

  it.each(['media/key', 's3://', 'https://media/key', undefined])('rejects %s with a usage error', (uri) => {
    expect(() => parseS3Uri(uri)).toThrow(CliError);
  });

  it('needs a key unless a prefix is allowed', () => {
    expect(() => parseS3Uri('s3://media/')).toThrow(/names no object/);
    expect(parseS3Uri('s3://media', { allowEmptyKey: true })).toEqual({ bucket: 'media', key: '' });
  });
});

describe('formatProgress', () => {
  it('shows count, percent, outcomes, rate and ETA once the listing is complete', () => {
    const line = formatProgress(progress({ done: 50, listed: 200, listingComplete: true, ingested: 40, alreadyDone: 10 }), 10_000);
    expect(line).toBe('50/200 (25%) · 40 ingested · 10 already done · 0 skipped · 0 failed · 5.0/s · ETA 30s');
  });

  it('marks the total open and leaves out the ETA while still listing', () => {
    const line = formatProgress(progress({ done: 10, listed: 1000 }), 2_000);
    expect(line).toMatch(/^10\/1000\+ · /);
    expect(line).not.toContain('ETA');
  });

  it('writes long ETAs in minutes and hours', () => {
    expect(formatProgress(progress({ done: 1, listed: 7202, listingComplete: true }), 1_000)).toContain('ETA 2h00m');
    expect(formatProgress(progress({ done: 1, listed: 92, listingComplete: true }), 1_000)).toContain('ETA 1m31s');
  });
});

describe('iconikTargetFromEnv', () => {
  it('uses the emulator unless both credentials are set', () => {
    expect(iconikTargetFromEnv({})).toBe('emulator');
    expect(iconikTargetFromEnv({ ICONIK_APP_ID: 'app' })).toBe('emulator');
    expect(iconikTargetFromEnv({ ICONIK_APP_ID: 'app', ICONIK_AUTH_TOKEN: ' ' })).toBe('emulator');
  });

  it('talks to real iconik (default host, or ICONIK_URL without a trailing slash) with both set', () => {
    expect(iconikTargetFromEnv({ ICONIK_APP_ID: 'app', ICONIK_AUTH_TOKEN: 'tok' })).toEqual({ url: 'https://app.iconik.io', appId: 'app', authToken: 'tok' });
    expect(iconikTargetFromEnv({ ICONIK_APP_ID: 'app', ICONIK_AUTH_TOKEN: 'tok', ICONIK_URL: 'https://eu.iconik.io/' })).toMatchObject({ url: 'https://eu.iconik.io' });
  });
});
