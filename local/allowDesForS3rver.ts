import crypto from 'node:crypto';

let installed = false;

/**
 * s3rver encrypts its ListObjectsV2 continuation tokens with single DES (`des`, i.e. DES-CBC),
 * which OpenSSL 3 keeps in its legacy provider: without `--openssl-legacy-provider` every paged
 * listing fails with an InternalError 500. Triple DES with the key repeated three times (K1 = K2 =
 * K3) is exactly single DES, and OpenSSL 3's default provider has it, so `des` is mapped to
 * `des-ede3-cbc` here: the same bytes, no flag, whichever way the process was started. Only
 * the `des` name is touched, and only when OpenSSL refuses it.
 */
export function allowDesForS3rver(): void {
  if (installed) return;
  installed = true;
  try {
    crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return; // the legacy provider is loaded: nothing to do
  } catch {
    // unsupported: map it below
  }
  const { createCipheriv, createDecipheriv } = crypto;
  const tripled = (key: crypto.CipherKey) => Buffer.concat([Buffer.from(key as Buffer), Buffer.from(key as Buffer), Buffer.from(key as Buffer)]);
  const patched = crypto as unknown as Record<'createCipheriv' | 'createDecipheriv', (algorithm: string, key: crypto.CipherKey, iv: crypto.BinaryLike | null, options?: unknown) => unknown>;
  patched.createCipheriv = (algorithm, key, iv, options) =>
    algorithm.toLowerCase() === 'des' ? createCipheriv('des-ede3-cbc', tripled(key), iv, options as never) : createCipheriv(algorithm, key, iv, options as never);
  patched.createDecipheriv = (algorithm, key, iv, options) =>
    algorithm.toLowerCase() === 'des' ? createDecipheriv('des-ede3-cbc', tripled(key), iv, options as never) : createDecipheriv(algorithm, key, iv, options as never);
}
