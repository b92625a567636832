import { describe, expect, it } from 'vitest';
import { borrowFromStack } from '../../cli/borrowFromStack.js';
import { CliError, UsageError } from '../../cli/command.js';
import { capForRate, readRate } from '../../cli/rateOption.js';
import { ConfigError } from '../../lib/errors.js';
import type { StackState } from '../../local/stackState.js';
import { parseS3Uri } from '../../cli/parseS3Uri.js';
import { formatProgress, type BackfillProgress } from '../../cli/runBackfill.js';
import { iconikTargetFromEnv } from '../../local/startLocalStack.js';

const progress = (p: Partial<BackfillProgress>): BackfillProgress => ({
  done: 0,
  listed: 0,
  listingComplete: false,
  ingested: 0,
  alreadyDone: 0,
  skipped: 0,
  failed: 0,
  startedAt: 0,
  failures: [],
  ...p,
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
    expect(line).toBe('50/200 (25%) · 40 ingested · 10 already done · 0 skipped · 0 failed · 4.0/s · ETA 38s');
  });

  it('on a resumed run, rates only the objects worked on: the ones already done do not shorten the ETA', () => {
    // 10 s in: 900 objects were already done (the ledger answered), 10 were ingested; 1,090 remain.
    const line = formatProgress(progress({ done: 910, listed: 2000, listingComplete: true, ingested: 10, alreadyDone: 900 }), 10_000);
    expect(line).toContain('· 1.0/s · ETA 18m10s');
    // Only objects already done so far: no rate to promise anything with.
    expect(formatProgress(progress({ done: 500, listed: 2000, listingComplete: true, alreadyDone: 500 }), 1_000)).not.toContain('ETA');
  });

  it('marks the total open and leaves out the ETA while still listing', () => {
    const line = formatProgress(progress({ done: 10, listed: 1000 }), 2_000);
    expect(line).toMatch(/^10\/1000\+ · /);
    expect(line).not.toContain('ETA');
  });

  it('writes long ETAs in minutes and hours', () => {
    expect(formatProgress(progress({ done: 1, ingested: 1, listed: 7202, listingComplete: true }), 1_000)).toContain('ETA 2h00m');
    expect(formatProgress(progress({ done: 1, ingested: 1, listed: 92, listingComplete: true }), 1_000)).toContain('ETA 1m31s');
  });
});

describe('iconikTargetFromEnv', () => {
  it('uses the emulator when no iconik variable is set', () => {
    expect(iconikTargetFromEnv({})).toBe('emulator');
  });

  it.each([
    [{ ICONIK_APP_ID: 'app' }, 'ICONIK_AUTH_TOKEN: is required for real iconik'],
    [{ ICONIK_AUTH_TOKEN: 'tok' }, 'ICONIK_APP_ID: is required for real iconik'],
    [{ ICONIK_APP_ID: '', ICONIK_AUTH_TOKEN: 'tok' }, 'ICONIK_APP_ID: is set but empty'],
    [{ ICONIK_APP_ID: 'app', ICONIK_AUTH_TOKEN: ' ' }, 'ICONIK_AUTH_TOKEN: is set but empty'],
    [{ ICONIK_URL: 'notaurl' }, 'ICONIK_URL: must be a URL'],
    [{ ICONIK_URL: 'https://eu.iconik.io' }, 'unset ICONIK_URL to use the emulator'],
  ])('refuses a half-configured real iconik instead of falling back to the emulator: %o', (env, problem) => {
    expect(() => iconikTargetFromEnv(env)).toThrow(ConfigError);
    expect(() => iconikTargetFromEnv(env)).toThrow(problem);
  });

  it('talks to real iconik (default host, or ICONIK_URL without a trailing slash) with both set', () => {
    expect(iconikTargetFromEnv({ ICONIK_APP_ID: 'app', ICONIK_AUTH_TOKEN: 'tok' })).toEqual({ url: 'https://app.iconik.io', appId: 'app', authToken: 'tok' });
    expect(iconikTargetFromEnv({ ICONIK_APP_ID: 'app', ICONIK_AUTH_TOKEN: 'tok', ICONIK_URL: 'https://eu.iconik.io/' })).toMatchObject({ url: 'https://eu.iconik.io' });
  });
});

describe('borrowFromStack', () => {
  const stack: StackState = {
    pid: 1,
    s3Url: 'http://127.0.0.1:1',
    dynamoUrl: 'http://127.0.0.1:2',
    sqsUrl: 'http://127.0.0.1:3',
    iconikUrl: 'http://127.0.0.1:4',
    webhookUrl: 'http://127.0.0.1:5/iconik/webhook',
    bucket: 'media',
    env: {
      ICONIK_URL: 'http://127.0.0.1:4',
      ICONIK_APP_ID: 'emulator-app-id',
      LEDGER_TABLE: 'local-ledger',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:2',
    },
    secrets: { ICONIK_AUTH_TOKEN: 'local', WEBHOOK_SECRET: 'local' },
  };
  const local = { ICONIK_AUTH_TOKEN: 'well-known', WEBHOOK_SECRET: 'well-known-too' };

  it('uses the stack for everything the environment lacks, its secrets from their well-known local values', () => {
    const decision = borrowFromStack(stack, { ICONIK_RATE_PER_SECOND: '10' }, local);
    expect(decision).toEqual({ use: 'stack', borrowed: { ...stack.env, ...local }, needFromEnvironment: [] });
  });

  it('takes nothing from the stack when the environment names its own iconik (production credentials, no ICONIK_URL)', () => {
    expect(borrowFromStack(stack, { ICONIK_APP_ID: 'prod-app', ICONIK_AUTH_TOKEN: 'prod-token' }, local)).toEqual({ use: 'environment', own: ['iconik'] });
  });

  it('takes nothing from the stack when the environment names its own ledger table', () => {
    expect(borrowFromStack(stack, { LEDGER_TABLE: 'prod-ledger' }, local)).toEqual({ use: 'environment', own: ['ledger'] });
  });

  it("still uses the stack when the environment only repeats the stack's iconik (another token for it is fine)", () => {
    const decision = borrowFromStack(stack, { ICONIK_URL: 'http://127.0.0.1:4/', ICONIK_AUTH_TOKEN: 'wrong' }, local);
    expect(decision.use).toBe('stack');
    expect(decision.use === 'stack' ? decision.borrowed : {}).not.toHaveProperty('ICONIK_AUTH_TOKEN');
  });

  it('asks for a secret the stack keeps in its environment (real iconik) instead of reading it from disk', () => {
    const real = { ...stack, secrets: { ICONIK_AUTH_TOKEN: 'environment' as const } };
    expect(borrowFromStack(real, {}, local)).toMatchObject({ use: 'stack', needFromEnvironment: ['ICONIK_AUTH_TOKEN'] });
  });
});

describe('--rate', () => {
  it('takes requests per second > 0', () => {
    expect(readRate(undefined)).toEqual({});
    expect(readRate('2.5')).toEqual({ rate: 2.5 });
    for (const bad of ['0', '-1', 'fast', '']) expect(() => readRate(bad)).toThrow(UsageError);
  });

  it("becomes this process's cap (ICONIK_RATE_CAP), never above the account's limit", () => {
    expect(capForRate(5, 50)).toBe('5');
    expect(() => capForRate(80, 50)).toThrow(/above the account's limit/);
  });
});
