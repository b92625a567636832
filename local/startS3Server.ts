import { rmSync } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
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
  answerNoSuchUpload(server);
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

/** s3rver's store, as far as `answerNoSuchUpload` touches it. */
interface MultipartStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putObjectMultipart(bucket: string, uploadId: string, parts: unknown): Promise<unknown>;
}

/**
 * Real S3 answers a CompleteMultipartUpload for an upload that is already completed (or aborted, or
 * never existed) with 404 `NoSuchUpload`; s3rver answers 500 `InternalError` (its upload folder is
 * gone). A resume after a crash inside CompleteMultipartUpload meets exactly that answer, so the
 * local S3 gives the real one (listed in emulator/README.md's divergences).
 */
function answerNoSuchUpload(server: { store: MultipartStore }): void {
  const S3Error = createRequire(import.meta.url)('s3rver/lib/models/error.js') as new (code: string, message: string, detail?: Record<string, string>) => Error;
  const store = server.store;
  const complete = store.putObjectMultipart.bind(store);
  store.putObjectMultipart = async (bucket, uploadId, parts) => {
    try {
      await access(join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId));
    } catch {
      throw new S3Error('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', { UploadId: uploadId });
    }
    return complete(bucket, uploadId, parts);
  };
}
