import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { s3ClientOptions } from '../../lib/aws/clients.js';
import { startS3Server } from '../../local/startS3Server.js';
import { repoRoot } from '../cli/runBridge.js';

describe('startS3Server', () => {
  it('pages ListObjectsV2 without --openssl-legacy-provider (this process runs without it)', async () => {
    expect(process.execArgv.join(' ') + (process.env.NODE_OPTIONS ?? '')).not.toContain('openssl-legacy-provider');
    const server = await startS3Server({ buckets: ['paged'] });
    const s3 = new S3Client({ ...s3ClientOptions(server.url), credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      for (const key of ['a', 'b', 'c']) await s3.send(new PutObjectCommand({ Bucket: 'paged', Key: key, Body: key }));
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: 'paged', MaxKeys: 1, ...(token !== undefined ? { ContinuationToken: token } : {}) }));
        keys.push(...(page.Contents ?? []).map((o) => o.Key as string));
        token = page.NextContinuationToken;
      } while (token !== undefined);
      expect(keys).toEqual(['a', 'b', 'c']);
    } finally {
      s3.destroy();
      await server.stop();
    }
  });

  it('removes its temporary directory on stop, and when the process exits without stopping it', async () => {
    const server = await startS3Server();
    expect(existsSync(server.directory)).toBe(true);
    await server.stop();
    expect(existsSync(server.directory)).toBe(false);

    const script = `
      const { startS3Server } = await import(${JSON.stringify(pathToFileURL(join(repoRoot, 'local', 'startS3Server.ts')).href)});
      const server = await startS3Server();
      console.log(server.directory);
      process.exit(3); // a crash: no stop()
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(child.status).toBe(3);
    const directory = child.stdout.trim();
    expect(directory).toMatch(/s3rver-/);
    expect(existsSync(directory)).toBe(false);
  });
});
