/**
 * Prints the configuration table in docs/configuration.md from `lib/config.ts` (`npx tsx scripts/configTable.ts`).
 * The docs test fails when the two drift apart.
 */
import { settings } from '../lib/config.js';

const rows = Object.entries(settings).map(([name, s]) => {
  const parsed = s.schema.safeParse(undefined);
  const dflt = parsed.success && parsed.data !== undefined ? `\`${JSON.stringify(parsed.data)}\`` : '—';
  const doc = s.doc.replaceAll('|', '\\|');
  return `| \`${name}\` | ${dflt} | ${doc} |`;
});
console.log(['| Variable | Default | Meaning |', '|---|---|---|', ...rows].join('\n'));
