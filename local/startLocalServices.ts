import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator, EmulatorOptions } from '../emulator/index.js';
import { ensureLedgerTable } from '../lib/ledger/table.js';
import { type LocalAwsClients, localAwsClients, localCredentials } from './localAwsClients.js';
import { type DynamoServer, startDynamoServer } from './startDynamoServer.js';
import { type S3Server, startS3Server } from './startS3Server.js';
import { type SqsServer, startSqsServer } from './startSqsServer.js';
import { Stoppers } from './Stoppers.js';

export interface LocalServicesOptions {
  /** Buckets s3rver starts with (the emulator's files bucket is added when it runs). */
  readonly buckets?: readonly string[];
  /** The ledger table created in dynalite. @default 'ledger' */
  readonly ledgerTable?: string;
  /** Keep the state here (`s3/`, `ledger/`, `queues.json`) so a restart resumes. Default: in memory. */
  readonly stateDir?: string;
  /** s3rver's objects in this directory (a test that edits them on disk). Default: `<stateDir>/s3`, or a temporary one. */
  readonly s3Directory?: string;
  /**
   * Start the iconik emulator, its S3 FILES storage in s3rver's `filesBucket` (created; `false`:
   * none, the emulator's default FILES storage is then its GCS-style one). Without `emulator` (the
   * default) no emulator runs: real iconik, or a test that starts its own.
   */
  readonly emulator?: Omit<EmulatorOptions, 's3'> & { readonly filesBucket?: string | false; readonly s3?: Partial<NonNullable<EmulatorOptions['s3']>> };
}

export interface LocalServices {
  readonly s3Server: S3Server;
  readonly dynamoServer: DynamoServer;
  readonly sqsServer: SqsServer;
  /** The one set of clients for these servers; pass them to the builders (`buildIngestDeps(config, services.aws)`). */
  readonly aws: LocalAwsClients;
  readonly ledgerTable: string;
  /** Runs `stop` first when the services stop (last added, first run): pollers, handlers' own clients. */
  onStop(stop: () => Promise<unknown> | unknown): void;
  /** Stops what was added with `onStop`, then the emulator, the clients and the servers; a failing step does not keep the others running. */
  stop(): Promise<void>;
}

/** The services with the emulator running (`options.emulator` given). */
export type LocalServicesWithEmulator = LocalServices & { readonly emulator: Emulator };

/** The emulator's files bucket when none is named. */
export const EMULATOR_FILES_BUCKET = 'iconik-files';

/**
 * The loopback AWS of the local stack, the benchmarks and the end-to-end tests: s3rver, dynalite
 * and the local SQS server, one set of clients for them, the ledger table, and (when asked) the
 * iconik emulator storing files in s3rver. Nothing is read from or written to `process.env`.
 */
export async function startLocalServices(options: LocalServicesOptions & { readonly emulator: NonNullable<LocalServicesOptions['emulator']> }): Promise<LocalServicesWithEmulator>;
export async function startLocalServices(options?: LocalServicesOptions): Promise<LocalServices & { readonly emulator: Emulator | undefined }>;
export async function startLocalServices(options: LocalServicesOptions = {}): Promise<LocalServices & { readonly emulator: Emulator | undefined }> {
  const stoppers = new Stoppers();
  const stop = () => stoppers.stopAll();
  try {
    const { stateDir } = options;
    const s3Directory = options.s3Directory ?? (stateDir !== undefined ? join(stateDir, 's3') : undefined);
    if (s3Directory !== undefined) await mkdir(s3Directory, { recursive: true });
    const filesBucket = options.emulator?.filesBucket ?? EMULATOR_FILES_BUCKET;
    const buckets = [...new Set([...(options.buckets ?? []), ...(options.emulator !== undefined && filesBucket !== false ? [filesBucket] : [])])];
    const [s3Server, dynamoServer, sqsServer] = await Promise.all([
      startS3Server({ buckets, ...(s3Directory !== undefined ? { directory: s3Directory } : {}) }),
      startDynamoServer(stateDir !== undefined ? { path: join(stateDir, 'ledger') } : {}),
      startSqsServer(stateDir !== undefined ? { statePath: join(stateDir, 'queues.json') } : {}),
    ]);
    stoppers.add(
      () => s3Server.stop(),
      () => dynamoServer.stop(),
      () => sqsServer.stop(),
    );
    const aws = localAwsClients({ s3: s3Server.url, dynamo: dynamoServer.url, sqs: sqsServer.url });
    stoppers.add(() => aws.destroy());
    const ledgerTable = options.ledgerTable ?? 'ledger';
    await ensureLedgerTable(aws.dynamoBase, ledgerTable);

    let emulator: Emulator | undefined;
    if (options.emulator !== undefined) {
      const { filesBucket: _bucket, s3, ...emulatorOptions } = options.emulator;
      // Imported only when asked: a stack on real iconik loads none of the emulator.
      const { startEmulator } = await import('../emulator/index.js');
      const files = filesBucket === false ? {} : { s3: { endpoint: s3Server.url, bucket: filesBucket, ...localCredentials, ...s3 } };
      const started = await startEmulator({ port: 0, ...emulatorOptions, ...files });
      emulator = started;
      stoppers.add(() => started.stop());
    }
    return { s3Server, dynamoServer, sqsServer, aws, ledgerTable, emulator, onStop: (step) => stoppers.add(step), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
