import type { Command } from '../command.js';

export const setupCommand: Command = {
  name: 'setup',
  summary: 'make iconik ready for the bridge: metadata fields, view, category, webhook (idempotent)',
  usage: [
    'Usage: bridge setup [--json]',
    '',
    'Creates or updates, in iconik, the S3 provenance fields (METADATA_FIELD_PREFIX), the view',
    'METADATA_VIEW_NAME with them and the INGEST_METADATA_MAP / INGEST_PATH_RULES target fields, the view',
    "in the assets' category, and the webhook to WEBHOOK_URL (header WEBHOOK_SECRET_HEADER: WEBHOOK_SECRET).",
    'Reads first and writes only what differs: a second run changes nothing. Prints one line per item.',
    'Exit code 1 when a mapped target field is missing in iconik.',
    '  --json   print the result as JSON',
    '',
    'Settings come from the environment; with a local stack running, missing ones default to its settings.',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  async run({ values }) {
    const [{ loadCliConfig }, { runBridgeSetup }, { renderSetupResult }] = await Promise.all([import('../loadCliConfig.js'), import('../runBridgeSetup.js'), import('../../lib/setup/setupResult.js')]);
    const { config, aws } = await loadCliConfig({ command: 'setup', needsIconik: true });
    const result = await runBridgeSetup(config, { db: aws.dynamo });
    console.log(values.json === true ? JSON.stringify(result, null, 2) : renderSetupResult(result));
    return result.ok ? 0 : 1;
  },
};
