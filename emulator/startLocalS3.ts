import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// s3rver ships no types.
// @ts-expect-error -- no type declarations for s3rver
import S3rver from 's3rver';

/**
 * Starts s3rver on loopback with one bucket, data in a temporary directory removed on stop. The
 * emulator CLI uses it when no S3 endpoint is given; the emulator keeps its own copy of this (and
 * does not use `local/startS3Server.ts`) so it stays self-contained.
 */
export async function startLocalS3(bucket: string, port = 0): Promise<{ url: string; stop(): Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'emulator-s3-'));
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }], allowMismatchedSignatures: true });
  const address = (await server.run()) as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
