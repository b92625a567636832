import { CliError } from './command.js';

/**
 * `s3://bucket/key` → its parts. The key is taken as typed (not percent-decoded: S3 keys may hold
 * `%`); quote it in the shell when it has spaces. `allowEmptyKey` for prefixes (`s3://bucket/`).
 */
export function parseS3Uri(uri: string | undefined, options: { allowEmptyKey?: boolean } = {}): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri ?? '');
  if (match === null || match[1] === undefined) throw new CliError(`expected an s3://bucket/key URI, got "${uri ?? ''}"`, 2);
  const key = match[2] ?? '';
  if (key === '' && options.allowEmptyKey !== true) throw new CliError(`"${uri ?? ''}" names no object (s3://bucket/key)`, 2);
  return { bucket: match[1], key };
}
