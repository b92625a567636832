import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// s3rver ships no types; its surface used here is small.
// @ts-expect-error -- no type declarations for s3rver
import S3rver from 's3rver';
import { allowDesForS3rver } from './allowDesForS3rver.js';

export interface S3Server {
  /** Endpoint for the AWS SDK (`AWS_ENDPOINT_URL_S3`), e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** s3rver's instance, for its in-process `event` emitter. */
  readonly instance: { on(event: 'event', listener: (e: unknown) => void): void };
  /** Where the objects are stored. */
  readonly directory: string;
  stop(): Promise<void>;
}

/**
 * Starts s3rver (a real S3-protocol server) on loopback with the given buckets. Its data lives in
 * `directory` (kept), or in a temporary directory removed on stop — and on any exit of the
 * process, a crash or a signal included. Clients talking to it need
 * `requestChecksumCalculation: 'WHEN_REQUIRED'` and `forcePathStyle: true` (see `lib/aws/clients.ts`);
 * paged ListObjectsV2 works without `--openssl-legacy-provider` (`allowDesForS3rver`).
 */
export async function startS3Server(options: { port?: number; buckets?: readonly string[]; directory?: string } = {}): Promise<S3Server> {
  allowDesForS3rver();
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 's3rver-')));
  const removeTemporary = () => rmSync(directory, { recursive: true, force: true });
  if (options.directory === undefined) process.once('exit', removeTemporary);
  const server = new S3rver({
    port: options.port ?? 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name })),
    allowMismatchedSignatures: true,
  });
  const address = (await server.run()) as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    instance: server,
    directory,
    async stop() {
      await server.close();
      if (options.directory === undefined) {
        process.off('exit', removeTemporary);
        await rm(directory, { recursive: true, force: true });
      }
    },
  };
}
