/** What setup did to one iconik object. */
export type SetupOutcome = 'created' | 'updated' | 'deleted' | 'unchanged' | 'skipped' | 'missing';

/** One line of setup's report. */
export interface SetupItem {
  readonly kind: 'field' | 'view' | 'category' | 'webhook' | 'target-field';
  readonly name: string;
  readonly outcome: SetupOutcome;
  /** Why (skipped/missing) or what changed (updated), short and secret-free. */
  readonly detail?: string;
  readonly id?: string;
}

/** Setup's report: every item, and whether anything was written. */
export interface SetupResult {
  readonly items: readonly SetupItem[];
  /** Number of created + updated + deleted items (0 on a second run). */
  readonly changed: number;
  /** False when an item is `missing` (e.g. a mapped target field that does not exist in iconik). */
  readonly ok: boolean;
}

export function summariseSetup(items: readonly SetupItem[]): SetupResult {
  return {
    items,
    changed: items.filter((i) => i.outcome === 'created' || i.outcome === 'updated' || i.outcome === 'deleted').length,
    ok: items.every((i) => i.outcome !== 'missing'),
  };
}

/**
 * Renders the report as the text `bridge setup` prints: one line per item, then a summary.
 * @example
 * field     s3_bucket               created
 * view      S3 Source               unchanged
 */
export function renderSetupResult(result: SetupResult): string {
  const width = Math.max(4, ...result.items.map((i) => i.name.length));
  const lines = result.items.map((i) => `${i.kind.padEnd(12)} ${i.name.padEnd(width)} ${i.outcome}${i.detail !== undefined ? ` (${i.detail})` : ''}`);
  lines.push(result.changed === 0 ? 'Nothing to change: iconik is set up.' : `${result.changed} change${result.changed === 1 ? '' : 's'} made.`);
  if (!result.ok) lines.push('Some items are missing: fix them (see above) and run setup again.');
  return lines.join('\n');
}
