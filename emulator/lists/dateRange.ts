import { badRequest } from '../errors.js';

/**
 * Parses iconik's date filter: one timestamp, or two separated by `;`, each ISO 8601 or epoch
 * **milliseconds**, either side `*` for open-ended (jobs spec `date_created`/`date_modified`
 * description [C]). Returns inclusive bounds in epoch ms; a single timestamp means exactly that
 * instant [I]. The spec's own example `*;1544450400` is in seconds, contradicting its text; the
 * emulator follows the text (README divergences). Unparseable → 400 naming `field`.
 */
export function dateRange(field: string, value: string): { from: number; to: number } {
  const parts = value.split(';');
  if (parts.length > 2) throw badRequest({ [field]: 'Not a valid date range.' });
  const bound = (text: string | undefined, open: number): number => {
    const t = (text ?? '').trim();
    if (t === '*') return open;
    const ms = /^-?[0-9]+$/.test(t) ? Number(t) : Date.parse(t);
    if (!Number.isFinite(ms)) throw badRequest({ [field]: 'Not a valid datetime.' });
    return ms;
  };
  if (parts.length === 1) {
    const at = bound(parts[0], Number.NaN);
    return { from: at, to: at };
  }
  return { from: bound(parts[0], Number.NEGATIVE_INFINITY), to: bound(parts[1], Number.POSITIVE_INFINITY) };
}
