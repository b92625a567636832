import type { Command } from '../command.js';
import { parseS3Uri } from '../parseS3Uri.js';
import { rateOption, readRate } from '../rateOption.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'ingest one S3 object now (through the ledger: an ingested object is not ingested twice)',
  usage: [
    'Usage: bridge ingest <s3://bucket/key> [--rate <requests/s>]',
    '',
    'Ingests the object with the same code and ledger as the ingest function: filters, mode',
    '(INGEST_MODE), metadata, tagging. An object already ingested is reported, not ingested again; a',
    'half-done one resumes. Prints the outcome and the iconik calls made. Exit code 1 when it fails.',
    '  --rate   at most this many iconik requests per second (default: what the shared budget allows)',
    '',
    'Settings come from the environment; with a local stack running, missing ones default to its settings.',
  ].join('\n'),
  args: [{ name: '<s3://bucket/key>' }],
  options: { rate: rateOption },
  async run({ positionals, values }) {
    const { bucket, key } = parseS3Uri(positionals[0]);
    const rate = readRate(values.rate);
    const [{ loadCliConfig }, { buildIngestDeps }, { describeOutcome, ingestOne, isSuccess, manualEvent }] = await Promise.all([
      import('../loadCliConfig.js'),
      import('../../lib/ingest/buildIngestDeps.js'),
      import('../ingestOne.js'),
    ]);
    const { config, aws } = await loadCliConfig({ command: 'ingest', needsIconik: true, require: ['LEDGER_TABLE'], ...rate });
    const { ingest } = buildIngestDeps(config, aws);
    try {
      const outcome = await ingestOne(ingest, manualEvent(bucket, key));
      console.log(`s3://${bucket}/${key}: ${describeOutcome(outcome)} [${ingest.iconik.stats().requests} iconik calls]`);
      return isSuccess(outcome) ? 0 : 1;
    } finally {
      await ingest.iconik.close();
    }
  },
};
