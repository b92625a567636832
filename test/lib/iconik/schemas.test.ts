import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssetSchema, FileSchema, JobSchema, lambdaDeadline, StorageSchema, WebhookSchema } from '../../../lib/iconik/index.js';
import { logger } from '../../../lib/observability.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('iconik schemas', () => {
  it('accept unknown enum values, logging each new one once', () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);

    const jobs = ['DISCARDED', 'PENDING_USER', 'FROM_THE_FUTURE', 'FROM_THE_FUTURE'].map((status) => JobSchema.parse({ id: 'j', type: 'TRANSFER', status }));

    expect(jobs.map((j) => j.status)).toEqual(['DISCARDED', 'PENDING_USER', 'FROM_THE_FUTURE', 'FROM_THE_FUTURE']);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('iconik returned an unknown enum value', { enum: 'Job.status', value: 'FROM_THE_FUTURE' });
  });

  it.each([
    { name: 'AssetSchema', schema: AssetSchema, value: { id: 'a', title: 't', type: 'POST', status: 'ARCHIVED_SOMEHOW' } },
    { name: 'FileSchema', schema: FileSchema, value: { id: 'f', status: 'NEW_STATUS', type: 'SEQUENCE' } },
    { name: 'StorageSchema', schema: StorageSchema, value: { id: 's', name: 'n', method: 'WASABI', purpose: 'NEW', status: 'DEGRADED' } },
    { name: 'WebhookSchema', schema: WebhookSchema, value: { id: 'w', url: 'u', status: 'PAUSED' } },
  ])('$name keeps unknown enum values and extra fields', ({ schema, value }) => {
    vi.spyOn(logger, 'warn').mockImplementation(() => undefined);

    expect(schema.parse({ ...value, extra_field: 1 })).toEqual({ ...value, extra_field: 1 });
  });

  it('rejects a body without what the bridge relies on', () => {
    expect(AssetSchema.safeParse({ title: 'no id' }).success).toBe(false);
  });

  it('computes a Lambda deadline as now + remaining − margin', () => {
    expect(lambdaDeadline({ getRemainingTimeInMillis: () => 30_000 }, 5000, 1_000)).toBe(26_000);
    expect(lambdaDeadline({ getRemainingTimeInMillis: () => 1000 }, 5000, 1_000)).toBe(1_000);
  });
});
