import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether `presented` equals one of the accepted secrets, in constant time: both sides are hashed
 * to 32-byte SHA-256 digests first (so `timingSafeEqual` always compares equal lengths and the
 * secret's length does not leak), and every accepted secret is compared even after a match (so the
 * time does not tell which one matched). Two secrets are accepted during a rotation.
 */
export function secretMatches(presented: string | undefined, accepted: readonly string[]): boolean {
  const candidate = digest(presented ?? '');
  let matched = false;
  for (const secret of accepted) {
    // An empty configured secret never authenticates anything.
    const equal = timingSafeEqual(candidate, digest(secret)) && secret.length > 0;
    matched = matched || equal;
  }
  return matched && presented !== undefined;
}
