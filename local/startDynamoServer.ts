import type { AddressInfo } from 'node:net';
// @ts-expect-error -- dynalite ships no type declarations
import dynalite from 'dynalite';

export interface DynamoServer {
  /** Endpoint for the AWS SDK (`AWS_ENDPOINT_URL_DYNAMODB`). */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts dynalite (a real DynamoDB-protocol server) on loopback: in memory, or in a LevelDB
 * directory at `path` that a restart reads again.
 */
export async function startDynamoServer(options: { port?: number; path?: string } = {}): Promise<DynamoServer> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.path !== undefined ? { path: options.path } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
