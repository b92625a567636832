import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { GetObjectCommand, NoSuchKey, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { logger, metrics } from '../observability.js';
import { EnrichError } from './errors.js';
import type { FieldValue, FieldValues } from './fieldValues.js';
import { MAX_SIDECAR_BYTES, parseSidecar } from './parseSidecar.js';
import { sidecarKeysFor } from './sidecarKeys.js';

/** What the sidecars of one media object contributed. */
export interface SidecarOutcome {
  /** Values of the well-formed sidecars, later patterns overriding earlier ones on the same field. */
  readonly values: FieldValues;
  /** Sidecar keys applied / reported malformed (with the reason). */
  readonly applied: readonly string[];
  readonly malformed: readonly { readonly key: string; readonly reason: string }[];
  /** The value of the sidecar status field, or `undefined` when there is no sidecar at all. */
  readonly status: string | undefined;
}

/**
 * Reads every sidecar of `mediaKey` that exists (`INGEST_SIDECAR_PATTERNS`, in order) and parses it.
 * A malformed sidecar is reported (warning log, `SidecarMalformed` metric, the status text) and
 * skipped, never thrown: the media's ingest goes on. S3 errors other than "no such key" are thrown
 * (retryable) since the redelivery may read it.
 */
export async function readSidecars(s3: S3Client, bucket: string, mediaKey: string, patterns: readonly string[], signal?: AbortSignal): Promise<SidecarOutcome> {
  const values: Record<string, readonly FieldValue[]> = {};
  const applied: string[] = [];
  const malformed: { key: string; reason: string }[] = [];
  for (const key of sidecarKeysFor(mediaKey, patterns)) {
    const text = await readSidecarText(s3, bucket, key, signal);
    if (text === undefined) continue;
    const parsed = 'tooLarge' in text ? ({ ok: false, reason: `larger than ${MAX_SIDECAR_BYTES} bytes` } as const) : parseSidecar(text.text);
    if (parsed.ok) {
      Object.assign(values, parsed.values);
      applied.push(key);
    } else {
      malformed.push({ key, reason: parsed.reason });
      logger.warn('malformed sidecar skipped', { bucket, sidecarKey: key, mediaKey, reason: parsed.reason });
      metrics.addMetric('SidecarMalformed', MetricUnit.Count, 1);
    }
  }
  const parts = [...applied.map((k) => `applied: ${k}`), ...malformed.map((m) => `malformed: ${m.key}: ${m.reason}`)];
  return { values, applied, malformed, status: parts.length > 0 ? parts.join('; ') : undefined };
}

async function readSidecarText(s3: S3Client, bucket: string, key: string, signal?: AbortSignal): Promise<{ text: string } | { tooLarge: true } | undefined> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), signal ? { abortSignal: signal } : {});
    if (Number(out.ContentLength ?? 0) > MAX_SIDECAR_BYTES) {
      (out.Body as { destroy?: () => void } | undefined)?.destroy?.();
      return { tooLarge: true };
    }
    return { text: (await out.Body?.transformToString('utf-8')) ?? '' };
  } catch (error) {
    if (error instanceof NoSuchKey || (error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404))) return undefined;
    throw new EnrichError(`reading sidecar s3://${bucket}/${key} failed`, { cause: error, retryable: true });
  }
}
