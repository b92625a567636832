import * as z from 'zod';
import { logger } from '../../observability.js';

const reported = new Set<string>();

/**
 * A string enum that accepts values it does not know. iconik's enums drift (2026 added job statuses
 * `DISCARDED` and `PENDING_USER`, asset type `POST`…), so an unknown value is logged once per
 * (enum, value) and passed through instead of failing the parse.
 */
export function lenientEnum<const T extends readonly [string, ...string[]]>(name: string, values: T) {
  const known = new Set<string>(values);
  return z.string().transform((value): T[number] | (string & {}) => {
    if (!known.has(value)) {
      const key = `${name}\u0000${value}`;
      if (!reported.has(key)) {
        reported.add(key);
        logger.warn('iconik returned an unknown enum value', { enum: name, value: value.slice(0, 64) });
      }
    }
    return value;
  });
}
