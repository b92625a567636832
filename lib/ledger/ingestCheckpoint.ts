import * as z from 'zod';

/**
 * What an ingest has created so far, written to the ledger after each step so a redelivery resumes
 * instead of creating a second asset. Multipart parts are kept apart (`packParts`), they can be many.
 */
export const ingestCheckpointSchema = z.object({
  mode: z.enum(['upload', 'register']).optional(),
  storageId: z.string().optional(),
  assetId: z.string().optional(),
  versionId: z.string().optional(),
  formatId: z.string().optional(),
  fileSetId: z.string().optional(),
  fileId: z.string().optional(),
  /** The file entry a final failure left FAILED: a redrive deletes it before creating the new file. */
  failedFileId: z.string().optional(),
  jobId: z.string().optional(),
  /** A final failure set the TRANSFER job FAILED: a redrive restarts that job instead of adding one. */
  jobFailed: z.boolean().optional(),
  /** Upload method iconik chose for the file: `s3-multipart`, `gcs-resumable`, `azure-blocks`. */
  uploadMethod: z.string().optional(),
  /** S3 multipart upload id (or a GCS session URL) of the byte copy in progress. */
  uploadId: z.string().optional(),
  bytesDone: z.boolean().optional(),
  /** MD5 (hex) of the bytes copied, hashed as they streamed; set on the file when it is closed. */
  checksum: z.string().optional(),
  closed: z.boolean().optional(),
  keyframesRequested: z.boolean().optional(),
  enriched: z.boolean().optional(),
  /** The asset existed (a new S3 version of an ingested key): `versionId` is the iconik version added for it. */
  addedVersion: z.boolean().optional(),
  jobFinished: z.boolean().optional(),
  /**
   * The write carries exactly the bytes of the key's current iconik version (same ETag and size): no
   * version, job or file is made; only the provenance is refreshed (`enrich`) and the write becomes current.
   */
  unchanged: z.boolean().optional(),
  tagged: z.boolean().optional(),
});

export type IngestCheckpoint = z.infer<typeof ingestCheckpointSchema>;

/** A finished part of a multipart upload. */
export interface PartDone {
  readonly number: number;
  readonly etag: string;
}

/**
 * Packs finished parts for the ledger item (400 KB limit: 10,000 quoted ETags do not fit as JSON).
 * MD5-hex ETags take 18 bytes each (2 for the number, 16 for the hash); other ETags fall back to JSON.
 */
export function packParts(parts: readonly PartDone[]): Uint8Array | string {
  const plain = parts.map((p) => ({ number: p.number, etag: p.etag.replace(/^"|"$/g, '') }));
  if (!plain.every((p) => /^[0-9a-f]{32}$/i.test(p.etag) && p.number >= 1 && p.number <= 0xffff)) return JSON.stringify(plain);
  const buf = Buffer.alloc(plain.length * 18);
  plain.forEach((p, i) => {
    buf.writeUInt16BE(p.number, i * 18);
    Buffer.from(p.etag, 'hex').copy(buf, i * 18 + 2);
  });
  return new Uint8Array(buf);
}

/** Inverse of `packParts`; ETags come back quoted, as S3 returns them. */
export function unpackParts(packed: Uint8Array | string | undefined): PartDone[] {
  if (packed === undefined) return [];
  if (typeof packed === 'string') {
    return (JSON.parse(packed) as PartDone[]).map((p) => ({ number: p.number, etag: `"${p.etag}"` }));
  }
  const buf = Buffer.from(packed);
  const parts: PartDone[] = [];
  for (let off = 0; off + 18 <= buf.length; off += 18) {
    parts.push({ number: buf.readUInt16BE(off), etag: `"${buf.subarray(off + 2, off + 18).toString('hex')}"` });
  }
  return parts;
}
