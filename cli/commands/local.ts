import type { LocalStack } from '../../local/startLocalStack.js';
import { CliError, UsageError, type Command } from '../command.js';

export const localCommand: Command = {
  name: 'local',
  summary: 'run the whole bridge on loopback with a demo (what `npm start` runs)',
  usage: [
    'Usage: bridge local [--no-demo] [--fresh] [--audit-interval <seconds>] [--verbose]',
    '',
    'Starts s3rver, dynalite, the local SQS queues, the iconik emulator (or real iconik when',
    "ICONIK_APP_ID and ICONIK_AUTH_TOKEN are set; ICONIK_URL picks the host) and the bridge's handlers",
    'wired as on AWS; runs `setup`, then a short demo (uploads, ingest, a metadata change written back',
    'to S3, the audits), then keeps running and prints one line per ingest, write-back and audit.',
    'State (S3 objects, the ledger, queued messages, the emulator) is kept in .local-stack/, so a',
    'restart resumes; --fresh starts clean. Other commands (`bridge put`, `bridge audit` …) find the',
    'stack through .local-stack/stack.json, which holds no secret.',
    '  --no-demo           skip the demo',
    '  --fresh             delete the kept state first',
    '  --audit-interval    seconds between audit rounds (default 300; 0 = off)',
    "  --verbose           the handlers' JSON logs at INFO (default: WARN)",
    'Ctrl-C (or SIGTERM, SIGHUP, a closed output pipe) stops everything and removes .local-stack/stack.json.',
  ].join('\n'),
  options: { 'no-demo': { type: 'boolean' }, fresh: { type: 'boolean' }, 'audit-interval': { type: 'string' }, verbose: { type: 'boolean' } },
  async run({ values }) {
    const intervalText = (values['audit-interval'] as string | undefined) ?? '300';
    const auditSeconds = Number(intervalText);
    if (intervalText.trim() === '' || !Number.isFinite(auditSeconds) || auditSeconds < 0) throw new UsageError(`--audit-interval takes seconds ≥ 0, got "${intervalText}"`);
    const startedAt = Date.now() - process.uptime() * 1000; // from the process start: what the user waits for
    const [{ iconikTargetFromEnv }, { readStackState, defaultStackStatePath }] = await Promise.all([import('../../local/iconikTargetFromEnv.js'), import('../../local/stackState.js')]);
    const target = iconikTargetFromEnv(process.env); // a half-configured real iconik is refused here (exit code 78)
    const running = await readStackState();
    if (running !== undefined) throw new CliError(`a local stack is already running (pid ${running.pid}, S3 at ${running.s3Url}): stop it first (Ctrl-C in its terminal)`);
    const [{ loadConfig }, iconikModule, { renderSetupResult }, { DEMO_FIELD, demoEnv, runLocalDemo }, { startLocalStack }, { prepareStateDir }, { runBridgeSetup }] = await Promise.all([
      import('../../lib/config.js'),
      import('../../lib/iconik/index.js'),
      import('../../lib/setup/setupResult.js'),
      import('../../local/demo.js'),
      import('../../local/startLocalStack.js'),
      import('../../local/prepareStateDir.js'),
      import('../runBridgeSetup.js'),
    ]);

    const stateDir = await prepareStateDir(defaultStackStatePath, target === 'emulator' ? 'emulator' : target.url, { fresh: values.fresh === true });

    // Stopping: on Ctrl-C, SIGTERM, SIGHUP (terminal closed) or a closed stdout (`… | tee log` ended),
    // whatever is running (start, setup, demo) is abandoned quietly and everything is stopped.
    let stopRequested = false;
    let stack: LocalStack | undefined;
    let stopping: Promise<void> | undefined;
    let onStopped: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (onStopped = resolve));
    let outputClosed = false;
    const write = (line: string) => {
      if (!outputClosed && process.stdout.writable) process.stdout.write(`${line}\n`);
    };
    const print = (line: string) => {
      if (!stopRequested) write(line);
    };
    const stamp = (line: string) => print(`${new Date().toISOString().slice(11, 19)}  ${line}`);
    const stop = () => (stopping ??= (stack?.stop() ?? Promise.resolve()).then(onStopped));
    const requestStop = (quiet: boolean) => {
      if (stopRequested) return;
      if (!quiet) write('\nStopping…');
      stopRequested = true;
      if (stack !== undefined) void stop();
    };
    const onSignal = () => requestStop(false);
    // Stays attached until the process ends: a write already on its way may still fail with EPIPE.
    const onOutputError = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') return;
      outputClosed = true;
      requestStop(true);
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal).on('SIGHUP', onSignal);
    process.stdout.on('error', onOutputError);
    const cleanUp = () => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('SIGHUP', onSignal);
    };

    try {
      stack = await startLocalStack({ onLine: stamp, verbose: values.verbose === true, auditIntervalMs: auditSeconds * 1000, env: demoEnv(process.env), iconik: target, stateDir });
      if (stopRequested) void stop();
      else {
        // The handlers' settings (the stack does not write them into this process's environment).
        const config = loadConfig(stack.settings, { needsIconik: true });
        const client = iconikModule.IconikClient.fromConfig(config, {}, { db: stack.db });
        let viewId: string | undefined;
        try {
          if (stack.emulator !== undefined) await ensureDemoField(iconikModule, client, DEMO_FIELD);
          const setup = await runBridgeSetup(config, { client });
          // The view is the demo's (it sets a value through it); write-back keeps its own default.
          viewId = setup.items.find((i) => i.kind === 'view')?.id;
          const counts = setup.items.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.outcome]: (acc[i.outcome] ?? 0) + 1 }), {});
          if (values.verbose === true) print(renderSetupResult(setup));
          print(`Local stack ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
          print(`  iconik   ${stack.iconikUrl}${stack.emulator !== undefined ? ' (emulator)' : ''}`);
          print(`  S3       ${stack.s3Url}  watched bucket "${stack.bucket}", reports in "${stack.reportBucket}"`);
          print(`  ledger   ${stack.env.LEDGER_TABLE} at ${stack.dynamoUrl}`);
          print(`  webhook  ${stack.webhookUrl}`);
          print(`  state    ${stateDir} (kept across restarts; --fresh starts clean)`);
          print(
            `  setup    ${Object.entries(counts)
              .map(([k, v]) => `${v} ${k}`)
              .join(', ')}${setup.ok ? '' : ' (see `npx bridge setup`)'}`,
          );
        } finally {
          await client.close();
        }
        if (values['no-demo'] !== true && !stopRequested) {
          await runLocalDemo(stack, { viewId, print });
          print('Demo done.');
        }
        print(`Running. Add files with \`npx bridge put <file>\` (or any S3 client at ${stack.s3Url}, bucket "${stack.bucket}"). Ctrl-C stops.`);
      }
    } catch (error) {
      // After a stop request, what was running fails against closed servers: that is the stop, not an error.
      if (!stopRequested) {
        stopRequested = true;
        await stop().catch(() => undefined);
        cleanUp();
        throw error;
      }
      void stop();
    }
    await stopped;
    cleanUp();
    write('Stopped.');
    return 0;
  },
};

/** The demo's field (in the emulator only): created once, so setup puts it in the view. */
async function ensureDemoField(iconik: typeof import('../../lib/iconik/index.js'), client: InstanceType<typeof iconik.IconikClient>, name: string): Promise<void> {
  try {
    await iconik.createMetadataField(client, { name, label: 'Review status', field_type: 'string' });
  } catch (error) {
    if (!(error instanceof iconik.IconikHttpError && error.status === 400)) throw error;
  }
}
