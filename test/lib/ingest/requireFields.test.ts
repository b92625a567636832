import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyError } from '../../../lib/classifyError.js';
import { CheckpointIncompleteError, IngestError } from '../../../lib/ingest/errors.js';
import { requireFields } from '../../../lib/ingest/requireFields.js';
import type { IngestCheckpoint } from '../../../lib/ledger/ingestCheckpoint.js';

const ids = ['assetId', 'formatId', 'fileSetId', 'fileId', 'jobId'] as const;

describe('requireFields', () => {
  it('returns the checkpoint itself when every needed field is there', () => {
    const checkpoint: IngestCheckpoint = { assetId: 'a', formatId: 'f', closed: false };
    const narrowed = requireFields(checkpoint, ['assetId', 'formatId'], 'fileSet');
    expect(narrowed).toBe(checkpoint);
    // Typed non-optional: usable as a string with no assertion.
    expect(narrowed.formatId.length).toBe(1);
  });

  it('throws a CheckpointIncompleteError naming the step and every missing field', () => {
    const error = (() => {
      try {
        requireFields({ assetId: 'a' }, ['assetId', 'formatId', 'fileSetId'], 'file');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CheckpointIncompleteError);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ retryable: true, reason: 'checkpoint-incomplete', step: 'file', missing: ['formatId', 'fileSetId'] });
    expect((error as Error).message).toBe('the ingest checkpoint lacks formatId, fileSetId, which step file needs (a corrupt ledger item or steps run out of order)');
  });

  it('fails exactly when a needed field is missing, for any checkpoint and any needs', () => {
    const checkpoint = fc.record({ assetId: fc.string(), formatId: fc.string(), fileSetId: fc.string(), fileId: fc.string(), jobId: fc.string() }, { requiredKeys: [] });
    fc.assert(
      fc.property(checkpoint, fc.subarray([...ids]), (cp, needs) => {
        const missing = needs.filter((field) => cp[field] === undefined);
        if (missing.length === 0) expect(requireFields(cp, needs, 'x')).toBe(cp);
        else expect(() => requireFields(cp, needs, 'x')).toThrow(expect.objectContaining({ missing }));
      }),
    );
  });

  it('is retried with its own reason, so the message reaches the DLQ for an operator instead of being dropped', () => {
    const error = new CheckpointIncompleteError('close', ['fileId']);
    expect(classifyError(error)).toEqual({ retryable: true, reason: 'checkpoint-incomplete' });
  });
});
