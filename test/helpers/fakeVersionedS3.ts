import { GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectTaggingCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { createHash, randomUUID } from 'node:crypto';

type Versioning = 'Unversioned' | 'Enabled' | 'Suspended';

interface StoredVersion {
  readonly versionId: string;
  readonly body: Buffer;
  readonly eTag: string;
  readonly lastModified: Date;
  readonly deleteMarker: boolean;
  tags: { Key: string; Value: string }[];
}

/**
 * A source bucket with S3's versioning semantics, for what s3rver lacks (it answers NotImplemented to
 * `?versioning`): Enabled (every write a new version id), Suspended (every write replaces the
 * version `null`), Unversioned (no version ids). Serves the calls ingest makes of a source object
 * (HEAD, ranged GET, Get/PutObjectTagging) through `S3Client.send`, as the SDK would answer them, so
 * the ingest runs against real-shaped answers with `VersionId`s; the bytes go to the emulator's
 * storage on real s3rver as usual. Semantics from the S3 user guide, "Working with objects in a
 * versioning-enabled bucket" and "...versioning-suspended bucket".
 */
export class FakeVersionedS3 {
  readonly #keys = new Map<string, StoredVersion[]>();

  constructor(
    readonly bucket: string,
    public versioning: Versioning,
  ) {}

  /** PutObject: returns what its event carries (version id, ETag, size). */
  put(key: string, body: Buffer): { versionId: string | undefined; eTag: string; size: number } {
    const versionId = this.versioning === 'Enabled' ? randomUUID().replace(/-/g, '') : this.versioning === 'Suspended' ? 'null' : undefined;
    const stored: StoredVersion = { versionId: versionId ?? 'null', body, eTag: createHash('md5').update(body).digest('hex'), lastModified: new Date(), deleteMarker: false, tags: [] };
    const list = (this.#keys.get(key) ?? []).filter((v) => this.versioning === 'Enabled' || v.versionId !== 'null');
    this.#keys.set(key, [...list, stored]);
    return { versionId, eTag: stored.eTag, size: body.length };
  }

  /** DeleteObject without a version id: a delete marker (Enabled/Suspended) or the object gone. */
  remove(key: string): void {
    if (this.versioning === 'Unversioned') return void this.#keys.delete(key);
    const marker: StoredVersion = {
      versionId: this.versioning === 'Enabled' ? randomUUID().replace(/-/g, '') : 'null',
      body: Buffer.alloc(0),
      eTag: '',
      lastModified: new Date(),
      deleteMarker: true,
      tags: [],
    };
    const list = (this.#keys.get(key) ?? []).filter((v) => this.versioning === 'Enabled' || v.versionId !== 'null');
    this.#keys.set(key, [...list, marker]);
  }

  /** The S3 client the bridge gets: only `send` is used. */
  client(): S3Client {
    return { send: (command: unknown) => this.#send(command), config: {} } as unknown as S3Client;
  }

  async #send(command: unknown): Promise<unknown> {
    if (command instanceof HeadObjectCommand) {
      const v = this.#find(command.input.Key!, command.input.VersionId, 'head');
      return {
        ContentLength: v.body.length,
        ETag: `"${v.eTag}"`,
        VersionId: this.versioning === 'Unversioned' ? undefined : v.versionId,
        LastModified: v.lastModified,
        ContentType: 'video/quicktime',
        Metadata: {},
      };
    }
    if (command instanceof GetObjectCommand) {
      const v = this.#find(command.input.Key!, command.input.VersionId, 'get');
      const ifMatch = command.input.IfMatch?.replace(/"/g, '');
      if (ifMatch !== undefined && ifMatch !== v.eTag)
        throw new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', $metadata: { httpStatusCode: 412 }, message: 'At least one of the pre-conditions you specified did not hold' });
      const [start, end] = parseRange(command.input.Range, v.body.length);
      const bytes = v.body.subarray(start, end + 1);
      return {
        Body: (async function* () {
          yield bytes;
        })(),
        ContentLength: bytes.length,
        ETag: `"${v.eTag}"`,
        VersionId: v.versionId,
      };
    }
    if (command instanceof GetObjectTaggingCommand) return { TagSet: this.#find(command.input.Key!, command.input.VersionId, 'get').tags };
    if (command instanceof PutObjectTaggingCommand) {
      this.#find(command.input.Key!, command.input.VersionId, 'get').tags = [...(command.input.Tagging?.TagSet ?? [])] as { Key: string; Value: string }[];
      return {};
    }
    throw new Error(`FakeVersionedS3 does not serve ${(command as object).constructor.name}`);
  }

  #find(key: string, versionId: string | undefined, op: 'head' | 'get'): StoredVersion {
    const list = this.#keys.get(key) ?? [];
    const v = versionId !== undefined ? list.find((x) => x.versionId === versionId) : list.at(-1);
    if (v === undefined || v.deleteMarker) {
      const meta = { $metadata: { httpStatusCode: 404 }, message: 'Not Found' };
      throw op === 'head' ? new NotFound(meta) : new NoSuchKey(meta);
    }
    return v;
  }
}

function parseRange(range: string | undefined, size: number): [number, number] {
  const m = /^bytes=(\d+)-(\d*)$/.exec(range ?? '');
  if (m === null) return [0, size - 1];
  return [Number(m[1]), m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)];
}
