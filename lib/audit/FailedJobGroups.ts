import type { AuditedJob } from './decideStuckJob.js';
import { finding, type Finding } from './finding.js';

interface Group {
  count: number;
  sampleIds: string[];
  messages: string[];
  newest: string | undefined;
}

/**
 * Groups FAILED jobs by type with a count, a few sample ids and distinct messages: one finding per
 * type, however many jobs failed. Memory is bounded by `maxGroups` × samples.
 */
export class FailedJobGroups {
  readonly #groups = new Map<string, Group>();
  readonly #sampleIds: number;
  readonly #sampleMessages: number;
  readonly #maxGroups: number;

  constructor(options: { sampleIds?: number; sampleMessages?: number; maxGroups?: number } = {}) {
    this.#sampleIds = options.sampleIds ?? 5;
    this.#sampleMessages = options.sampleMessages ?? 3;
    this.#maxGroups = options.maxGroups ?? 100;
  }

  add(job: AuditedJob): void {
    let type = job.type ?? 'UNKNOWN';
    // Unknown types are accepted (iconik's enum drifts), but they must not grow memory without end.
    if (!this.#groups.has(type) && this.#groups.size >= this.#maxGroups) type = 'OTHER';
    const g = this.#groups.get(type) ?? { count: 0, sampleIds: [], messages: [], newest: undefined };
    g.count += 1;
    if (g.sampleIds.length < this.#sampleIds) g.sampleIds.push(job.id);
    const message = (job.error_message ?? job.message ?? '').trim().slice(0, 300);
    if (message && g.messages.length < this.#sampleMessages && !g.messages.includes(message)) g.messages.push(message);
    if (job.date_modified && (g.newest === undefined || job.date_modified > g.newest)) g.newest = job.date_modified;
    this.#groups.set(type, g);
  }

  findings(windowHours: number): Finding[] {
    return [...this.#groups].map(([type, g]) =>
      finding('jobs-failed', type, `${g.count} ${type} job${g.count === 1 ? '' : 's'} FAILED in the last ${windowHours} h`, {
        details: { type, count: g.count, sample_ids: g.sampleIds, sample_messages: g.messages, newest: g.newest ?? null },
        weight: g.count,
      }),
    );
  }
}
