import * as z from 'zod';
import { InvalidEventError } from '../errors.js';
import { AUDIT_CHECKS, type AuditCheck } from './finding.js';

const checkSchema = z.enum(AUDIT_CHECKS);

/**
 * Reads which check to run from a scheduled invocation. Accepted shapes:
 * - the schedule's constant input `{ "check": "jobs" }` (EventBridge rule target input, Scheduler);
 * - an EventBridge event carrying it in `detail` (`{ "detail-type": "Scheduled Event", "detail": { "check": "jobs" } }`).
 *
 * @throws InvalidEventError naming the accepted checks, never echoing more than the bad value.
 */
export function parseAuditEvent(event: unknown): AuditCheck {
  const record = typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : {};
  const detail = typeof record.detail === 'object' && record.detail !== null ? (record.detail as Record<string, unknown>) : {};
  const raw = record.check ?? detail.check;
  const parsed = checkSchema.safeParse(raw);
  if (!parsed.success) {
    const got = raw === undefined ? 'no "check"' : `"check": ${JSON.stringify(raw).slice(0, 60)}`;
    throw new InvalidEventError(`audit event must name a check (${AUDIT_CHECKS.join(', ')}); got ${got}`);
  }
  return parsed.data;
}
