/**
 * Encodes an object key the way S3 event notifications carry it (form-URL-encoding: a space becomes
 * `+`, other reserved bytes `%XX`, `/` kept), the inverse of `decodeS3Key`. Used wherever the bridge
 * or its local stack produces a notification itself (audit re-enqueue, s3rver forwarding), so the
 * ingest handler decodes it exactly as it decodes one from S3.
 */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((part) =>
      encodeURIComponent(part)
        .replace(/%20/g, '+')
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}
