import * as z from 'zod';

/**
 * Where an unfinished run stopped, per check (stored in the ledger's `audit#<check>` item). Each run
 * validates what it reads: a cursor from an older layout is dropped and the check starts over.
 */

export const storagesCursorSchema = z.object({
  phase: z.enum(['list', 'matching']),
  /** Next page of `GET /storages/` to read. */
  page: z.number().int().min(1),
});
export type StoragesCursor = z.infer<typeof storagesCursorSchema>;

/** Keyset position in a `date_modified`-sorted job listing. */
export const jobsCursorSchema = z.object({
  /** Index into the job phases (FAILED window, then STARTED, READY, WAITING). */
  phase: z.number().int().min(0),
  /** Lower bound (epoch ms, inclusive) of `date_modified` for the next page. */
  afterMs: z.number(),
  /** Ids already handled whose `date_modified` equals `afterMs` (the inclusive bound returns them again). */
  seenAtAfter: z.array(z.string()).max(1000),
  /** Page within the block of jobs sharing `afterMs`, when the block is longer than a page. */
  page: z.number().int().min(1),
  /** Upper bounds fixed when the run series began, so a resumed run reads the same snapshot. */
  failedFromMs: z.number(),
  untilMs: z.number(),
});
export type JobsCursor = z.infer<typeof jobsCursorSchema>;

export const driftCursorSchema = z.object({
  phase: z.enum(['bucket', 'ledger']),
  bucketIndex: z.number().int().min(0),
  continuationToken: z.string().optional(),
  /** DynamoDB `LastEvaluatedKey` of the ledger scan. */
  startKey: z.record(z.string(), z.unknown()).optional(),
});
export type DriftCursor = z.infer<typeof driftCursorSchema>;

/**
 * Where an `agreement` run stopped. Bucket phase: the last key handled (the next listing starts
 * after it, so a run can stop in the middle of a page). Ledger and storage phases: the page being
 * read and how many of its entries were handled.
 */
export const agreementCursorSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('bucket'), bucketIndex: z.number().int().min(0), startAfter: z.string().optional() }),
  z.object({ phase: z.literal('ledger'), startKey: z.record(z.string(), z.unknown()).optional(), skip: z.number().int().min(0) }),
  z.object({ phase: z.literal('storage'), storageId: z.string().optional(), page: z.number().int().min(1), skip: z.number().int().min(0) }),
]);
export type AgreementCursor = z.infer<typeof agreementCursorSchema>;
