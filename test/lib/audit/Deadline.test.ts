import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../lib/audit/Deadline.js';

describe('Deadline', () => {
  it('has time for work that ends before it, on the injected clock', () => {
    let now = 1_000;
    const d = new Deadline(8_000, () => now);
    expect(d.hasTime()).toBe(true);
    now = 7_500;
    expect(d.hasTime(400)).toBe(true);
    expect(d.hasTime(600)).toBe(false);
    now = 8_000;
    expect(d.hasTime()).toBe(false);
  });
});
