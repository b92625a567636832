import { finding, type Finding } from './finding.js';

/** The storage fields the audit reads (iconik `StorageReadSchema`); everything else is ignored. */
export interface AuditedStorage {
  readonly id: string;
  readonly name?: string | null | undefined;
  readonly method?: string | null | undefined;
  readonly purpose?: string | null | undefined;
  readonly status?: string | null | undefined;
  readonly status_message?: string | null | undefined;
  readonly scanner_status?: string | null | undefined;
  readonly last_scanned?: string | null | undefined;
  readonly settings?: Readonly<Record<string, unknown>> | null | undefined;
}

export interface ClassifyStorageOptions {
  readonly now: number;
  readonly scanStaleHours: number;
}

/**
 * `scanner_status` is a free string in iconik's spec (values never enumerated), so a problem is
 * recognised by words that only appear in bad states.
 */
const SCANNER_PROBLEM = /fail|error|abort|stuck|denied|invalid|unreachable|timeout|timed.?out/i;

function label(s: AuditedStorage): string {
  return s.name ? `${s.name} (${s.id})` : s.id;
}

/** Whether the storage scans its files (S3-like `settings.scan`, or a gateway's scan interval). */
export function storageScans(s: AuditedStorage): boolean {
  const settings = s.settings ?? {};
  return settings.scan === true || (typeof settings.scan_interval_seconds === 'number' && settings.scan_interval_seconds > 0);
}

/** The health problems one storage shows by itself (status, scanner, staleness). */
export function classifyStorage(s: AuditedStorage, options: ClassifyStorageOptions): Finding[] {
  const out: Finding[] = [];
  const details = {
    name: s.name ?? null,
    method: s.method ?? null,
    purpose: s.purpose ?? null,
    status: s.status ?? null,
    status_message: s.status_message ?? null,
  };
  const why = s.status_message ? `: ${s.status_message}` : '';
  if (s.status === 'FAILING') {
    out.push(finding('storage-failing', s.id, `Storage ${label(s)} is FAILING${why}`, { details }));
  } else if (s.status === 'INACTIVE') {
    out.push(finding('storage-inactive', s.id, `Storage ${label(s)} is INACTIVE${why}`, { details }));
  } else if (s.status !== 'ACTIVE') {
    out.push(finding('storage-status-unknown', s.id, `Storage ${label(s)} has status ${JSON.stringify(s.status ?? null)}${why}`, { details }));
  }
  if (s.scanner_status && SCANNER_PROBLEM.test(s.scanner_status)) {
    out.push(
      finding('storage-scanner-problem', s.id, `Storage ${label(s)} scanner reports ${JSON.stringify(s.scanner_status)}`, {
        details: { ...details, scanner_status: s.scanner_status },
      }),
    );
  }
  // A storage that scans but never has is not judged: `settings.scan` is also a mere permission,
  // so only a scan history that stopped is evidence of a scanner problem.
  const last = s.last_scanned ? Date.parse(s.last_scanned) : Number.NaN;
  if (storageScans(s) && !Number.isNaN(last)) {
    const ageHours = (options.now - last) / 3_600_000;
    if (ageHours > options.scanStaleHours) {
      out.push(
        finding('storage-scan-stale', s.id, `Storage ${label(s)} scans but was last scanned ${Math.floor(ageHours)} h ago (limit ${options.scanStaleHours} h)`, {
          details: { ...details, last_scanned: s.last_scanned ?? null },
          weight: Math.floor(ageHours),
        }),
      );
    }
  }
  return out;
}

/** The purposes the bridge needs a matching storage for. */
export const REQUIRED_PURPOSES = ['FILES', 'KEYFRAMES', 'PROXIES'] as const;

/** A purpose with no matching storage: FILES breaks uploads (critical); no proxies/keyframes only degrades. */
export function missingMatchingStorage(purpose: string): Finding {
  return finding('storage-matching-missing', purpose, `No storage matches purpose ${purpose} (matching/${purpose} returned 404)`, {
    severity: purpose === 'FILES' ? 'critical' : 'warning',
    details: { purpose },
  });
}

/** The S3 bucket of one of the bridge's storages cannot be reached with the bridge's credentials. */
export function unreachableBucket(s: AuditedStorage, bucket: string, reason: string): Finding {
  return finding('bucket-unreachable', `s3://${bucket}`, `Bucket ${bucket} of storage ${label(s)} is unreachable: ${reason}`, {
    details: { storage_id: s.id, bucket, reason },
  });
}

/** The bucket name of an S3 storage whose bucket the bridge watches, else undefined. */
export function watchedBucketOf(s: AuditedStorage, watchBuckets: readonly string[]): string | undefined {
  const bucket = s.settings?.bucket;
  return s.method === 'S3' && typeof bucket === 'string' && watchBuckets.includes(bucket) ? bucket : undefined;
}
