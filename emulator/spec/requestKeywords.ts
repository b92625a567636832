import type { Ajv, SchemaValidateFunction } from 'ajv';
import { iconikTimestamp } from '../runtime.js';

/** The data context ajv hands a `validate` keyword (`DataValidationCxt`, not exported by ajv). */
type DataCxt = Parameters<SchemaValidateFunction>[3];

/**
 * The request-side date-time format. iconik is a marshmallow service (its error bodies are
 * marshmallow's `{"errors": {field: message}}`), and marshmallow's `DateTime` parses ISO 8601 with
 * this expression (marshmallow 3 `utils._iso8601_datetime_re`, from Django): the offset is optional,
 * seconds and fractions too, `T` or a space between date and time. The seed's upload example sends
 * `datetime.datetime.now().isoformat()` (no offset) as `file_date_created`, and pythonik's asset and
 * collection creates do the same for `date_created`: a naive timestamp is what iconik's own example
 * sends, so it is accepted.
 */
export const requestDateTimeFormat = 'request-date-time';

const isoDateTime = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,6})\d{0,6})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Epoch ms of a marshmallow-parsable ISO timestamp (a naive one is read as UTC [I]), or undefined. */
export function parseRequestDateTime(value: string): number | undefined {
  const m = isoDateTime.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '0', tz = 'Z'] = m;
  const parts = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = parts;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(Number(`0.${frac}`) * 1000));
  if (new Date(utc).getUTCDate() !== day) return undefined; // 2024-02-30
  return utc - offsetMinutes(tz) * 60_000;
}

function offsetMinutes(tz: string): number {
  if (tz === 'Z') return 0;
  const sign = tz.startsWith('-') ? -1 : 1;
  const digits = tz.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/** Keyword on a request date-time: the value is stored as iconik renders dates (UTC, `+00:00`). */
export const normaliseDateTimeKeyword = 'x-normalise-date-time';

/** Keyword on a request property the spec marks `readOnly`: the value is dropped before the route. */
export const ignoreReadOnlyKeyword = 'x-ignore-read-only';

/**
 * Adds the request-side format and the two modifying keywords to `ajv`.
 *
 * - `x-ignore-read-only`: iconik's schemas mark server-set fields `readOnly` (marshmallow
 *   `dump_only`), and its own example sends one anyway: the seed's view create sends
 *   `"mapped_field_name": null` (readOnly, and not nullable). A dump-only field in a load is
 *   ignored, not checked [I from the seed], so the emulator neither validates nor keeps it.
 * - `x-normalise-date-time`: a valid request timestamp is rewritten to iconik's rendering, so a naive
 *   one the route stores comes back with an offset like every iconik date (notes §1 [C] for the
 *   rendering; reading a naive time as UTC is [I]).
 */
export function addRequestKeywords(ajv: Ajv): void {
  ajv.addFormat(requestDateTimeFormat, { type: 'string', validate: (v: string) => parseRequestDateTime(v) !== undefined });
  ajv.addKeyword({
    keyword: normaliseDateTimeKeyword,
    modifying: true,
    schemaType: 'boolean',
    validate: (_schema: boolean, data: unknown, _parent?: unknown, cxt?: DataCxt) => {
      if (typeof data !== 'string' || cxt?.parentData === undefined) return true;
      const ms = parseRequestDateTime(data);
      if (ms !== undefined) (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty] = iconikTimestamp(ms);
      return true;
    },
  });
  ajv.addKeyword({
    keyword: ignoreReadOnlyKeyword,
    modifying: true,
    schemaType: 'boolean',
    validate: (_schema: boolean, _data: unknown, _parent?: unknown, cxt?: DataCxt) => {
      if (cxt?.parentData !== undefined && typeof cxt.parentData === 'object') delete (cxt.parentData as Record<string | number, unknown>)[cxt.parentDataProperty];
      return true;
    },
  });
}
