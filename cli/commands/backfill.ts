import { UsageError, type Command } from '../command.js';
import { parseS3Uri } from '../parseS3Uri.js';
import { rateOption, readRate } from '../rateOption.js';

const positiveInt = (name: string, text: string | undefined, dflt: number | undefined): number | undefined => {
  if (text === undefined) return dflt;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a whole number ≥ 1, got "${text}"`);
  return n;
};

export const backfillCommand: Command = {
  name: 'backfill',
  summary: 'ingest every object under an S3 prefix (resumable: ingested objects are skipped)',
  usage: [
    'Usage: bridge backfill <s3://bucket/prefix> [--concurrency <n>] [--limit <n>] [--every <n>] [--rate <requests/s>]',
    '',
    'Lists the prefix and ingests each object through the same ledger-protected path as the ingest',
    "function, paced by the account's shared rate budget (ICONIK_RATE_*, docs/client.md). Resumable:",
    'run it again after an interruption and the objects already ingested are skipped (no duplicates).',
    'Progress (count, rate, ETA) goes to stderr: updated in place on a terminal, else every --every objects.',
    '  --concurrency   objects ingested at once (default 4)',
    '  --limit         stop after this many objects (the rest is left for the next run)',
    '  --every         progress line every n objects when stderr is not a terminal (default 100)',
    '  --rate          at most this many iconik requests per second (default: what the shared budget allows)',
    'Ctrl-C stops taking new objects, lets the ones in flight finish, and exits 130.',
    '25 failures in a row stop the run (a systemic problem: setup not run, iconik unreachable).',
    'Exit code 1 when an object failed.',
    '',
    'Settings come from the environment; with a local stack running, missing ones default to its settings.',
  ].join('\n'),
  args: [{ name: '<s3://bucket/prefix>' }],
  options: { concurrency: { type: 'string' }, limit: { type: 'string' }, every: { type: 'string' }, rate: rateOption },
  async run({ positionals, values }) {
    const { bucket, key: prefix } = parseS3Uri(positionals[0], { allowEmptyKey: true });
    const concurrency = positiveInt('concurrency', values.concurrency as string | undefined, 4) as number;
    const limit = positiveInt('limit', values.limit as string | undefined, undefined);
    const every = positiveInt('every', values.every as string | undefined, 100) as number;
    const rate = readRate(values.rate);
    const [{ loadCliConfig }, { buildIngestDeps }, { formatProgress, runBackfill }] = await Promise.all([
      import('../loadCliConfig.js'),
      import('../../lib/ingest/buildIngestDeps.js'),
      import('../runBackfill.js'),
    ]);
    const { config, aws } = await loadCliConfig({ command: 'backfill', needsIconik: true, require: ['LEDGER_TABLE'], ...rate });
    const { ingest } = buildIngestDeps(config, aws);
    const { s3 } = aws;
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    const tty = process.stderr.isTTY === true;
    const show = (line: string, final = false) => {
      if (tty) process.stderr.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
      else process.stderr.write(`${line}\n`);
    };
    let lastDrawn = 0;
    let lastShownDone = -1;
    try {
      const progress = await runBackfill({
        s3,
        ingest,
        bucket,
        prefix,
        concurrency,
        ...(limit !== undefined ? { limit } : {}),
        signal: abort.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (tty ? now - lastDrawn >= 100 : p.done % every === 0) {
            lastDrawn = now;
            lastShownDone = p.done;
            show(`backfill ${formatProgress(p, now)}`);
          }
        },
      });
      if (tty || lastShownDone !== progress.done) show(`backfill ${formatProgress(progress, Date.now())}`, true);
      for (const failure of progress.failures) console.error(`  failed: ${failure}`);
      if (progress.gaveUp !== undefined) console.error(`bridge backfill: stopped: ${progress.gaveUp}. Fix the cause and run the same command again.`);
      const stoppedEarly = abort.signal.aborted || progress.gaveUp !== undefined || (limit !== undefined && progress.done >= limit && !(progress.listingComplete && progress.done >= progress.listed));
      console.log(
        `${abort.signal.aborted ? 'interrupted' : progress.gaveUp !== undefined ? 'gave up' : stoppedEarly ? 'stopped at --limit' : 'done'}: ${progress.done} objects under s3://${bucket}/${prefix}, ` +
          `${progress.ingested} ingested, ${progress.alreadyDone} already done, ${progress.skipped} skipped, ${progress.failed} failed, ${ingest.iconik.stats().requests} iconik calls` +
          (stoppedEarly ? ' (run the same command again to continue)' : ''),
      );
      if (abort.signal.aborted) return 130;
      return progress.failed > 0 ? 1 : 0;
    } finally {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      s3.destroy();
      await ingest.iconik.close();
    }
  },
};
