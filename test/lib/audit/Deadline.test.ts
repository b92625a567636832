import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../lib/audit/Deadline.js';

describe('Deadline', () => {
  it('keeps the margin back from the remaining time', () => {
    let now = 1_000;
    const d = Deadline.fromRemaining(10_000, 3_000, () => now);
    expect(d.at).toBe(8_000);
    expect(d.hasTime()).toBe(true);
    now = 7_500;
    expect(d.hasTime(400)).toBe(true);
    expect(d.hasTime(600)).toBe(false);
    now = 8_000;
    expect(d.hasTime()).toBe(false);
  });

  it('never lies in the past when the margin exceeds the remaining time', () => {
    expect(Deadline.fromRemaining(1_000, 5_000, () => 50).at).toBe(50);
  });
});
