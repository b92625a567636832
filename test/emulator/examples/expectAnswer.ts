import { expect } from 'vitest';
import { read, type ReplayAnswer, type ReplayStep } from './replayRequests.js';

/**
 * Asserts the emulator answered `step` as its client expects: the status (or, for a known gap, the
 * status it answers today), a JSON body when the client parses one, and every field the client reads.
 */
export function expectAnswer(step: ReplayStep, answer: ReplayAnswer): void {
  const detail = `${step.method} ${step.path} (${step.source}) → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, detail).toBe(step.status);
  if (step.parsesJson === true || (step.reads ?? []).length > 0) expect(answer.jsonError, detail).toBeUndefined();
  for (const at of step.reads ?? []) expect(read(answer, `body.${at}`), `${detail}: reads ${at}`).toBeDefined();
}
