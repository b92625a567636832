import { loadConfig } from '../../lib/config.js';
import { IconikClient, IconikHttpError, createMetadataField } from '../../lib/iconik/index.js';
import { renderSetupResult } from '../../lib/setup/setupResult.js';
import { DEMO_FIELD, demoEnv, runLocalDemo } from '../../local/demo.js';
import { readStackState } from '../../local/stackState.js';
import { startLocalStack } from '../../local/startLocalStack.js';
import { CliError, type Command } from '../command.js';
import { runBridgeSetup } from '../runBridgeSetup.js';

export const localCommand: Command = {
  name: 'local',
  summary: 'run the whole bridge on loopback with a demo (what `npm start` runs)',
  usage: [
    'Usage: bridge local [--no-demo] [--audit-interval <seconds>] [--verbose]',
    '',
    'Starts s3rver, dynalite, the local SQS queues, the iconik emulator (or real iconik when',
    'ICONIK_APP_ID and ICONIK_AUTH_TOKEN are set; ICONIK_URL picks the host) and the bridge\'s handlers',
    'wired as on AWS; runs `setup`, then a short demo (uploads, ingest, a metadata change written back',
    'to S3, the audits), then keeps running and prints one line per ingest, write-back and audit.',
    'Other commands (`bridge put`, `bridge audit` …) find it through .local-stack/stack.json.',
    '  --no-demo           skip the demo',
    '  --audit-interval    seconds between audit rounds (default 300; 0 = off)',
    '  --verbose           the handlers\' JSON logs at INFO (default: WARN)',
    'Ctrl-C stops everything and removes .local-stack/stack.json.',
  ].join('\n'),
  options: { 'no-demo': { type: 'boolean' }, 'audit-interval': { type: 'string' }, verbose: { type: 'boolean' } },
  async run({ values }) {
    const intervalText = (values['audit-interval'] as string | undefined) ?? '300';
    const auditSeconds = Number(intervalText);
    if (!Number.isFinite(auditSeconds) || auditSeconds < 0) throw new CliError(`--audit-interval takes seconds ≥ 0, got "${intervalText}"`, 2);
    const startedAt = Date.now() - process.uptime() * 1000; // from the process start: what the user waits for
    const print = (line: string) => console.log(line);
    const stamp = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)}  ${line}`);

    const running = await readStackState();
    if (running !== undefined) throw new CliError(`a local stack is already running (pid ${running.pid}, S3 at ${running.s3Url}): stop it first (Ctrl-C in its terminal)`);
    const stack = await startLocalStack({
      onLine: stamp,
      verbose: values.verbose === true,
      auditIntervalMs: auditSeconds * 1000,
      env: demoEnv(process.env),
    });
    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= stack.stop());
    const stopped = new Promise<void>((resolve) => {
      const onSignal = () => {
        print('\nStopping…');
        void stop().then(resolve);
      };
      process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    });

    try {
      const config = loadConfig(process.env, { needsIconik: true });
      const client = IconikClient.fromConfig(config);
      if (stack.emulator !== undefined) await ensureDemoField(client);
      const setup = await runBridgeSetup(config, client);
      const viewId = setup.items.find((i) => i.kind === 'view')?.id;
      if (viewId !== undefined && process.env.WRITEBACK_VIEW_ID === undefined) await stack.setEnv({ WRITEBACK_VIEW_ID: viewId });
      await client.close();
      const counts = setup.items.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.outcome]: (acc[i.outcome] ?? 0) + 1 }), {});
      if (values.verbose === true) print(renderSetupResult(setup));

      print(`Local stack ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      print(`  iconik   ${stack.iconikUrl}${stack.emulator !== undefined ? ' (emulator)' : ''}`);
      print(`  S3       ${stack.s3Url}  watched bucket "${stack.bucket}", reports in "${stack.reportBucket}"`);
      print(`  webhook  ${stack.webhookUrl}`);
      print(`  setup    ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}${setup.ok ? '' : ' (see `npx bridge setup`)'}`);

      if (values['no-demo'] !== true) {
        await runLocalDemo(stack, { viewId, print });
        print('Demo done.');
      }
      print(`Running. Add files with \`npx bridge put <file>\` (or any S3 client at ${stack.s3Url}, bucket "${stack.bucket}"). Ctrl-C stops.`);
    } catch (error) {
      await stop();
      throw error;
    }
    await stopped;
    print('Stopped.');
    return 0;
  },
};

/** The demo's field (in the emulator only): created once, so setup puts it in the view. */
async function ensureDemoField(client: IconikClient): Promise<void> {
  try {
    await createMetadataField(client, { name: DEMO_FIELD, label: 'Review status', field_type: 'string' });
  } catch (error) {
    if (!(error instanceof IconikHttpError && error.status === 400)) throw error;
  }
}
