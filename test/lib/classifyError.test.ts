import { describe, expect, it } from 'vitest';
import { classifyError } from '../../lib/classifyError.js';
import { InvalidEventError } from '../../lib/errors.js';
import { IconikAuthError, IconikHttpError, IconikNetworkError, IconikNotFoundError } from '../../lib/iconik/index.js';
import { IngestError, OutOfTimeError, UploadError } from '../../lib/ingest/errors.js';
import { LeaseLostError, LedgerError, LedgerItemError } from '../../lib/ledger/errors.js';

const req = { method: 'POST', path: '/API/files/v1/assets/a/formats/' };
const awsError = (name: string, status: number, extra: object = {}) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status }, ...extra });
const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });

describe('classifyError', () => {
  it.each([
    { name: 'an iconik 400', error: new IconikHttpError(400, req, ['bad']), retryable: false, reason: 'iconik-rejected' },
    { name: 'an iconik 404', error: new IconikNotFoundError(req, ['Asset does not exist']), retryable: false, reason: 'iconik-rejected' },
    { name: 'an iconik 503', error: new IconikHttpError(503, req, undefined), retryable: true, reason: 'iconik-unavailable' },
    { name: 'an iconik 401 (an operator fixes the token)', error: new IconikAuthError(req, ['Token is invalid']), retryable: true, reason: 'iconik-auth' },
    { name: 'an iconik network error', error: new IconikNetworkError(req, 'ECONNRESET', false), retryable: true, reason: 'iconik-error' },
    { name: 'running out of time', error: new OutOfTimeError('late'), retryable: true, reason: 'out-of-time' },
    { name: 'a missing object', error: new IngestError('gone', { retryable: false, reason: 'object-missing' }), retryable: false, reason: 'object-missing' },
    { name: 'an upload 403', error: new UploadError('403', { retryable: false, status: 403 }), retryable: false, reason: 'upload-failed' },
    { name: 'a lost lease', error: new LeaseLostError('lost'), retryable: true, reason: 'lease-lost' },
    { name: 'a ledger outage', error: new LedgerError('down'), retryable: true, reason: 'ledger' },
    {
      name: 'a malformed ledger item (an operator fixes it; the DLQ keeps the record)',
      error: new LedgerItemError('ingest', 'ingest#b#k#v', ['status: invalid']),
      retryable: true,
      reason: 'ledger-item-malformed',
    },
    { name: 'an invalid event', error: new InvalidEventError('bad'), retryable: false, reason: 'InvalidEventError' },
    { name: 'an S3 AccessDenied (an IAM fix makes it work)', error: awsError('AccessDenied', 403), retryable: true, reason: 'aws-access-denied' },
    { name: 'an S3 PreconditionFailed (the object changed)', error: awsError('PreconditionFailed', 412), retryable: true, reason: 'aws-precondition-failed' },
    { name: 'an S3 InvalidRequest', error: awsError('InvalidRequest', 400), retryable: false, reason: 'aws-rejected' },
    { name: 'an S3 error mapped for ingest (access denied)', error: new IngestError('denied', { retryable: true, reason: 'access-denied' }), retryable: true, reason: 'access-denied' },
    { name: 'an S3 NoSuchKey', error: awsError('NoSuchKey', 404), retryable: false, reason: 'aws-rejected' },
    { name: 'an S3 SlowDown', error: awsError('SlowDown', 503), retryable: true, reason: 'aws-unavailable' },
    { name: 'a DynamoDB throttle', error: awsError('ProvisionedThroughputExceededException', 400, { $retryable: { throttling: true } }), retryable: true, reason: 'aws-throttled' },
    { name: 'an abort', error: abort, retryable: true, reason: 'aborted' },
    { name: 'a reset socket', error: new Error('ECONNRESET'), retryable: true, reason: 'unexpected' },
    { name: 'a thrown string', error: 'boom', retryable: true, reason: 'unexpected' },
  ])('classifies $name as retryable=$retryable ($reason)', ({ error, retryable, reason }) => {
    expect(classifyError(error)).toEqual({ retryable, reason });
  });
});
