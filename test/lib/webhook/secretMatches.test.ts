import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const { secretMatches } = await import('../../../lib/webhook/secretMatches.js');

describe('secretMatches', () => {
  afterEach(() => vi.mocked(crypto.timingSafeEqual).mockClear());

  it('matches the current or the previous secret, nothing else', () => {
    expect(secretMatches('a', ['a', 'b'])).toBe(true);
    expect(secretMatches('b', ['a', 'b'])).toBe(true);
    expect(secretMatches('c', ['a', 'b'])).toBe(false);
    expect(secretMatches('', ['a'])).toBe(false);
    expect(secretMatches(undefined, ['a'])).toBe(false);
    expect(secretMatches('', [''])).toBe(false);
    expect(secretMatches('a', [])).toBe(false);
  });

  it('compares equal-length SHA-256 digests with timingSafeEqual, every secret every time', () => {
    secretMatches('short', ['a-much-longer-secret-value', 'short']);
    secretMatches('a-much-longer-secret-value', ['a-much-longer-secret-value', 'short']);
    const calls = vi.mocked(crypto.timingSafeEqual).mock.calls;
    // Both secrets are compared even when the first one matches.
    expect(calls).toHaveLength(4);
    for (const [a, b] of calls) {
      expect((a as Buffer).length).toBe(32);
      expect((b as Buffer).length).toBe(32);
    }
  });
});
