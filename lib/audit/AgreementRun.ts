import { filterObject } from '../ingest/filterObject.js';
import type { AgreementCursor } from './auditCursors.js';
import { CallBudget } from './CallBudget.js';
import { describeError, type AuditRepair, type CheckContext } from './CheckContext.js';
import type { AuditRepairs, PortCallOptions } from './ports.js';

export type BucketCursor = Extract<AgreementCursor, { phase: 'bucket' }>;
export type LedgerCursor = Extract<AgreementCursor, { phase: 'ledger' }>;
export type StorageCursor = Extract<AgreementCursor, { phase: 'storage' }>;

/**
 * iconik requests a repair through the enrichment code may need (the view, the values read and
 * written, the asset and its files, a storage); it starts only when they still fit the budget.
 */
const REPAIR_CALLS = 8;

/**
 * One `agreement` run, shared by its three phases: the check's context, the iconik call budget
 * (`AUDIT_AGREEMENT_MAX_CALLS`), and the assets already looked at.
 */
export class AgreementRun {
  readonly budget: CallBudget;
  /** Assets the storage phase has handled this run (one asset may have many files). */
  readonly checkedAssets = new Set<string>();

  constructor(readonly ctx: CheckContext) {
    this.budget = new CallBudget(() => ctx.iconik.requestsMade(), ctx.settings.agreement.maxCalls);
  }

  get call(): PortCallOptions {
    return { deadline: this.ctx.deadline.at };
  }

  /** Whether a unit needing `reserve` iconik requests may start (time and budget). */
  canStart(reserve: number): boolean {
    if (!this.ctx.deadline.hasTime()) return false;
    if (this.budget.allows(reserve)) return true;
    this.ctx.log.note(`Stopped at the iconik call budget (AUDIT_AGREEMENT_MAX_CALLS=${this.budget.max}); the next run continues from the cursor.`);
    return false;
  }

  /** Whether ingest would take the object (`size` unknown: the key rules only). */
  wanted(key: string, size: number | undefined): boolean {
    return filterObject({ key, size }, this.ctx.settings.ingestFilter) === undefined;
  }

  /** Runs one repair through the enrichment code, within the budget; the finding stays either way. */
  async repair(repair: AuditRepair, id: string, apply: (repairs: AuditRepairs) => Promise<string>): Promise<void> {
    const { ctx } = this;
    if (ctx.repairs === undefined) {
      ctx.log.repairFailed(repair, id, 'this run has no enrichment wired (repairs port missing)');
      return;
    }
    if (!this.budget.allows(REPAIR_CALLS) || !ctx.deadline.hasTime()) {
      ctx.log.repairFailed(repair, id, 'left to the next run: the iconik call budget or the time is spent');
      return;
    }
    try {
      const outcome = await apply(ctx.repairs);
      if (outcome.startsWith('ignored')) ctx.log.repairFailed(repair, id, outcome);
      else ctx.log.repaired(repair, id);
    } catch (error) {
      ctx.log.repairFailed(repair, id, describeError(error));
    }
  }
}
