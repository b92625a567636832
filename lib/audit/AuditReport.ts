import type { CollectedFindings } from './FindingCollector.js';
import type { AuditCheck, Finding, FindingKind, Severity } from './finding.js';

/** One repair kind's outcome in a run. */
export interface RepairOutcome {
  readonly repair: string;
  /** Items the repair was applied to. */
  readonly done: number;
  /** Items the repair was attempted on and failed. */
  readonly failed: number;
  /** A few ids (jobs, `s3://bucket/key`) repaired. */
  readonly sample: readonly string[];
  readonly errors: readonly string[];
}

/** What one audit run found, as written to `<prefix>/<check>/<timestamp>.json`. */
export interface AuditReport {
  readonly check: AuditCheck;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** True when no repair was enabled for this run. */
  readonly dryRun: boolean;
  readonly repairsEnabled: readonly string[];
  /** False when the run stopped at its deadline; `stoppedAt` is where the next run continues. */
  readonly complete: boolean;
  readonly resumedFrom?: unknown;
  readonly stoppedAt?: unknown;
  readonly counts: {
    readonly bySeverity: Record<Severity, number>;
    readonly byKind: Partial<Record<FindingKind, number>>;
  };
  /** The findings kept (worst first); `omitted` counts the rest per kind. */
  readonly findings: readonly Finding[];
  readonly omitted: Partial<Record<FindingKind, number>>;
  /** What was looked at: storages, job pages, webhooks, objects… */
  readonly scanned: Readonly<Record<string, number>>;
  readonly repairs: readonly RepairOutcome[];
  /** Problems that kept part of the check from running (a failed list call, a missing setting). */
  readonly errors: readonly string[];
  /** Things an operator should know that are not problems (a check part skipped by configuration). */
  readonly notes: readonly string[];
  /** Where the report was written, filled in once written. */
  readonly location?: { readonly json: string; readonly markdown: string };
  readonly alert?: { readonly published: boolean; readonly threshold: Severity };
}

export interface BuildReportInput {
  readonly check: AuditCheck;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly repairsEnabled: readonly string[];
  readonly collected: CollectedFindings;
  readonly scanned: Readonly<Record<string, number>>;
  readonly repairs: readonly RepairOutcome[];
  readonly errors: readonly string[];
  readonly notes?: readonly string[];
  readonly resumedFrom?: unknown;
  readonly stoppedAt?: unknown;
}

/** Assembles the report object (pure). */
export function buildReport(input: BuildReportInput): AuditReport {
  return {
    check: input.check,
    startedAt: new Date(input.startedAt).toISOString(),
    finishedAt: new Date(input.finishedAt).toISOString(),
    dryRun: input.repairsEnabled.length === 0,
    repairsEnabled: input.repairsEnabled,
    complete: input.stoppedAt === undefined,
    ...(input.resumedFrom !== undefined ? { resumedFrom: input.resumedFrom } : {}),
    ...(input.stoppedAt !== undefined ? { stoppedAt: input.stoppedAt } : {}),
    counts: { bySeverity: input.collected.bySeverity, byKind: input.collected.byKind },
    findings: input.collected.findings,
    omitted: input.collected.omitted,
    scanned: input.scanned,
    repairs: input.repairs,
    errors: input.errors,
    notes: input.notes ?? [],
  };
}
