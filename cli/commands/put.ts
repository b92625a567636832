import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readStackState } from '../../local/stackState.js';
import { CliError, UsageError, type Command } from '../command.js';

export const putCommand: Command = {
  name: 'put',
  summary: "upload a file into the local stack's bucket (it is then ingested like any S3 upload)",
  usage: [
    'Usage: bridge put <file> [--key <key>] [--bucket <bucket>] [--meta name=value ...]',
    '',
    'Uploads <file> to the running local stack (`npm start`). The object key defaults to the file name.',
    '  --key      object key (default: the file name)',
    "  --bucket   bucket (default: the stack's watched bucket)",
    '  --meta     S3 user metadata (x-amz-meta-<name>), repeatable',
  ].join('\n'),
  args: [{ name: '<file>' }],
  options: { key: { type: 'string' }, bucket: { type: 'string' }, meta: { type: 'string', multiple: true } },
  async run({ positionals, values }) {
    const file = positionals[0] as string;
    const stack = await readStackState();
    if (stack === undefined) throw new CliError('no local stack is running: start one with `npm start` first');
    const info = await stat(file).catch(() => undefined);
    if (info === undefined || !info.isFile()) throw new CliError(`"${file}" is not a readable file`);
    const metadata: Record<string, string> = {};
    for (const pair of (values.meta as string[] | undefined) ?? []) {
      const at = pair.indexOf('=');
      if (at <= 0) throw new UsageError(`--meta takes name=value, got "${pair}"`);
      metadata[pair.slice(0, at)] = pair.slice(at + 1);
    }
    const bucket = (values.bucket as string | undefined) ?? stack.bucket;
    const key = (values.key as string | undefined) ?? basename(file);
    const [{ HeadBucketCommand, PutObjectCommand, S3Client }, { s3ClientOptions }] = await Promise.all([import('@aws-sdk/client-s3'), import('../../lib/aws/clients.js')]);
    const s3 = new S3Client({ ...s3ClientOptions(stack.s3Url), credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      // Checked first: a streamed upload into a missing bucket makes the SDK print a line of its own.
      await s3.send(new HeadBucketCommand({ Bucket: bucket })).catch((error: unknown) => {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        throw status === 404 ? new CliError(`no bucket "${bucket}" in the local stack (its watched bucket is "${stack.bucket}")`, 1, { cause: error }) : error;
      });
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(file), ContentLength: info.size, Metadata: metadata }));
    } finally {
      s3.destroy();
    }
    console.log(`uploaded s3://${bucket}/${key} (${info.size} bytes)`);
    return 0;
  },
};
