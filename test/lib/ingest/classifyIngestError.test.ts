import { describe, expect, it } from 'vitest';
import { InvalidEventError } from '../../../lib/errors.js';
import { IconikAuthError, IconikHttpError, IconikNetworkError, IconikNotFoundError } from '../../../lib/iconik/index.js';
import { classifyIngestError } from '../../../lib/ingest/classifyIngestError.js';
import { IngestError, OutOfTimeError, UploadError } from '../../../lib/ingest/errors.js';
import { runPartPool } from '../../../lib/ingest/runPartPool.js';
import { LeaseLostError } from '../../../lib/ledger/errors.js';

const req = { method: 'POST', path: '/API/files/v1/assets/a/formats/' };

describe('classifyIngestError', () => {
  it.each([
    { name: 'an iconik 400', error: new IconikHttpError(400, req, ['bad']), retryable: false, reason: 'iconik-rejected' },
    { name: 'an iconik 404', error: new IconikNotFoundError(req, ['Asset does not exist']), retryable: false, reason: 'iconik-rejected' },
    { name: 'an iconik 503', error: new IconikHttpError(503, req, undefined), retryable: true, reason: 'iconik-unavailable' },
    { name: 'an iconik 401 (operator fixes the token)', error: new IconikAuthError(req, ['Token is invalid']), retryable: true, reason: 'iconik-auth' },
    { name: 'a network error', error: new IconikNetworkError(req, 'ECONNRESET', false), retryable: true, reason: 'iconik-error' },
    { name: 'running out of time', error: new OutOfTimeError('late'), retryable: true, reason: 'out-of-time' },
    { name: 'a missing object', error: new IngestError('gone', { retryable: false, reason: 'object-missing' }), retryable: false, reason: 'object-missing' },
    { name: 'an upload 403', error: new UploadError('403', { retryable: false, status: 403 }), retryable: false, reason: 'upload-failed' },
    { name: 'a lost lease', error: new LeaseLostError('lost'), retryable: true, reason: 'lease-lost' },
    { name: 'an invalid event', error: new InvalidEventError('bad'), retryable: false, reason: 'InvalidEventError' },
    { name: 'anything else', error: new TypeError('boom'), retryable: true, reason: 'unexpected' },
  ])('classifies $name as retryable=$retryable ($reason)', ({ error, retryable, reason }) => {
    expect(classifyIngestError(error)).toEqual({ retryable, reason });
  });
});

describe('runPartPool', () => {
  it('never runs more than the concurrency at once and runs every part', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];

    await runPartPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2));
      done.push(n);
      running--;
    });

    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('returns the parts not started once canStart says no', async () => {
    let allowed = 2;

    const { notStarted } = await runPartPool([1, 2, 3, 4], 1, async () => undefined, () => allowed-- > 0);

    expect(notStarted).toEqual([3, 4]);
  });

  it('stops starting parts after an error, lets the others finish, and rethrows it', async () => {
    const started: number[] = [];

    const act = runPartPool([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('part 2 failed');
      await new Promise((r) => setTimeout(r, 5));
    });

    await expect(act).rejects.toThrow('part 2 failed');
    expect(started.length).toBeLessThan(5);
  });
});
