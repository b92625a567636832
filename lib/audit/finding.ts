/**
 * What an audit can find, and how bad each kind is. One table so the report, the metrics (one per
 * kind) and the alert threshold agree on every name.
 */

export const AUDIT_CHECKS = ['storages', 'jobs', 'webhooks', 'drift', 'agreement'] as const;
export type AuditCheck = (typeof AUDIT_CHECKS)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is worse. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

interface KindInfo {
  readonly check: AuditCheck;
  readonly severity: Severity;
  /** Column heading in the Markdown report. */
  readonly title: string;
}

export const FINDING_KINDS = {
  'storage-failing': { check: 'storages', severity: 'critical', title: 'Storage FAILING' },
  'storage-inactive': { check: 'storages', severity: 'warning', title: 'Storage INACTIVE' },
  'storage-status-unknown': { check: 'storages', severity: 'info', title: 'Storage status not recognised' },
  'storage-scanner-problem': { check: 'storages', severity: 'warning', title: 'Storage scanner reports a problem' },
  'storage-scan-stale': { check: 'storages', severity: 'warning', title: 'Storage not scanned recently' },
  'storage-matching-missing': { check: 'storages', severity: 'critical', title: 'No matching storage for a purpose' },
  'bucket-unreachable': { check: 'storages', severity: 'critical', title: 'Bridge bucket unreachable' },
  'jobs-failed': { check: 'jobs', severity: 'warning', title: 'Jobs FAILED in the window' },
  'job-stuck': { check: 'jobs', severity: 'warning', title: 'Job stuck' },
  'bridge-transfer-stale': { check: 'jobs', severity: 'warning', title: "Bridge's TRANSFER job left STARTED" },
  'webhook-missing': { check: 'webhooks', severity: 'critical', title: "Bridge's webhook missing" },
  'webhook-disabled': { check: 'webhooks', severity: 'critical', title: "Bridge's webhook DISABLED" },
  'webhook-failing': { check: 'webhooks', severity: 'critical', title: "Bridge's webhook FAILING" },
  'other-webhook-failing': { check: 'webhooks', severity: 'info', title: 'Other webhook FAILING' },
  'object-not-ingested': { check: 'drift', severity: 'warning', title: 'Object never ingested' },
  'ingest-failed': { check: 'drift', severity: 'warning', title: 'Ingest FAILED' },
  'object-deleted': { check: 'drift', severity: 'info', title: 'Ingested object since deleted' },
  'asset-missing': { check: 'drift', severity: 'warning', title: 'Asset gone from iconik' },
  'asset-deleted': { check: 'drift', severity: 'info', title: 'Asset deleted in iconik' },
  'missing-in-iconik': { check: 'agreement', severity: 'warning', title: "S3 object's asset gone, DELETED or without a CLOSED file" },
  'size-mismatch': { check: 'agreement', severity: 'critical', title: "iconik's current file differs in size" },
  'checksum-mismatch': { check: 'agreement', severity: 'critical', title: "iconik's current file differs in MD5" },
  'stale-version': { check: 'agreement', severity: 'warning', title: "iconik's current version is not S3's current object" },
  'flagged-deleted-but-present': { check: 'agreement', severity: 'warning', title: 'Flagged deleted, but the object exists' },
  'present-in-iconik-but-deleted-in-s3': { check: 'agreement', severity: 'warning', title: 'Object deleted in S3, asset not flagged' },
  'no-provenance': { check: 'agreement', severity: 'warning', title: 'Asset of a watched bucket without S3 provenance' },
} as const satisfies Record<string, KindInfo>;

export type FindingKind = keyof typeof FINDING_KINDS;

/** The kinds one check can report, in table order (the metrics emit one per kind, zeros included). */
export function kindsOf(check: AuditCheck): FindingKind[] {
  return (Object.keys(FINDING_KINDS) as FindingKind[]).filter((k) => FINDING_KINDS[k].check === check);
}

export type DetailValue = string | number | boolean | null | readonly string[];

/** One problem, named once. */
export interface Finding {
  readonly kind: FindingKind;
  readonly severity: Severity;
  /** What the problem is about: a storage/job/webhook id, a job type, `s3://bucket/key`. */
  readonly subject: string;
  /** One line an operator can act on. */
  readonly message: string;
  readonly details?: Readonly<Record<string, DetailValue>>;
  /** Orders findings of one severity, larger first (minutes stuck, jobs failed…). */
  readonly weight?: number;
}

/** Builds a finding with the kind's default severity. */
export function finding(kind: FindingKind, subject: string, message: string, extra: { details?: Record<string, DetailValue>; weight?: number; severity?: Severity } = {}): Finding {
  return {
    kind,
    severity: extra.severity ?? FINDING_KINDS[kind].severity,
    subject,
    message,
    ...(extra.details !== undefined ? { details: extra.details } : {}),
    ...(extra.weight !== undefined ? { weight: extra.weight } : {}),
  };
}

/** Worst first: severity, then weight, then subject (stable output for reports and tests). */
export function compareFindings(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || (b.weight ?? 0) - (a.weight ?? 0) || a.kind.localeCompare(b.kind) || a.subject.localeCompare(b.subject);
}
