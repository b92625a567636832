import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf, IngestLedger, ingestPkOf } from '../../../lib/ledger/IngestLedger.js';
import { LeaseLostError, LedgerItemError } from '../../../lib/ledger/errors.js';
import { ensureLedgerTable } from '../../../lib/ledger/table.js';
import { startDynamoServer, type DynamoServer } from '../../../local/startDynamoServer.js';

let server: DynamoServer;
let db: DynamoDBDocumentClient;
let clock = 1_000_000;
let ledger: IngestLedger;
let n = 0;
const object = () => ({ bucket: 'media', key: `k${++n}.mov`, eTag: 'abc' });

beforeAll(async () => {
  server = await startDynamoServer();
  const base = new DynamoDBClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await ensureLedgerTable(base, 'ledger');
  db = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  ledger = new IngestLedger({ db, tableName: 'ledger', now: () => clock });
});
afterAll(async () => {
  await server.stop();
});

describe('IngestLedger', () => {
  it('lets one claim win while its lease runs, and the next one after it expires, with the checkpoint', async () => {
    const o = object();
    const first = await ledger.claim(o, 60_000);
    if (first.status !== 'claimed') throw new Error('expected a claim');
    await ledger.checkpoint(first.lease, { assetId: 'a1', formatId: 'f1' }, 60_000);

    const second = await ledger.claim(o, 60_000);
    clock += 120_001;
    const third = await ledger.claim(o, 60_000);

    expect(second.status).toBe('busy');
    expect(third).toMatchObject({ status: 'claimed', checkpoint: { assetId: 'a1', formatId: 'f1' }, attempts: 2 });
  });

  it('fences a writer whose lease was taken over', async () => {
    const o = object();
    const first = await ledger.claim(o, 1_000);
    clock += 2_000;
    const second = await ledger.claim(o, 1_000);
    if (first.status !== 'claimed' || second.status !== 'claimed') throw new Error('expected claims');

    await expect(ledger.checkpoint(first.lease, { assetId: 'stale' }, 1_000)).rejects.toBeInstanceOf(LeaseLostError);
    await ledger.checkpoint(second.lease, { assetId: 'fresh' }, 1_000);
  });

  it('extends the lease when parts are saved with a lease time (heartbeat of a long copy)', async () => {
    const o = object();
    const claim = await ledger.claim(o, 1_000);
    if (claim.status !== 'claimed') throw new Error('expected a claim');

    clock += 900;
    await ledger.saveParts(claim.lease, [{ number: 1, etag: '"0123456789abcdef0123456789abcdef"' }], 1_000);
    clock += 900;

    expect((await ledger.claim(o, 1_000)).status).toBe('busy');
  });

  it('answers done with the asset id once complete, and writes the asset and object items', async () => {
    const o = object();
    const claim = await ledger.claim(o, 60_000);
    if (claim.status !== 'claimed') throw new Error('expected a claim');

    await ledger.complete(claim.lease, o, 'asset-1');
    clock += 10_000_000;

    expect(await ledger.claim(o, 60_000)).toEqual({ status: 'done', assetId: 'asset-1' });
    expect(await ledger.read(o)).toMatchObject({ status: 'DONE', assetId: 'asset-1' });
  });

  it('releases a lease at once on a retryable failure, and records FAILED on the final one', async () => {
    const o = object();
    const claim = await ledger.claim(o, 60_000);
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    await ledger.saveParts(claim.lease, [{ number: 1, etag: '"0123456789abcdef0123456789abcdef"' }]);

    await ledger.release(claim.lease, 'iconik 503', false);
    const again = await ledger.claim(o, 60_000);
    if (again.status !== 'claimed') throw new Error('expected a claim');
    await ledger.release(again.lease, 'iconik said no', true);

    expect(again.parts).toEqual([{ number: 1, etag: '"0123456789abcdef0123456789abcdef"' }]);
    expect(await ledger.read(o)).toMatchObject({ status: 'FAILED', lastError: 'iconik said no' });
  });

  it('drops events older than the newest sequencer seen for a key', async () => {
    expect(await ledger.observeSequencer('media', 'seq.mov', '0055AED6DCD90281E5')).toBe('current');
    expect(await ledger.observeSequencer('media', 'seq.mov', '0055AED6DCD90281E5')).toBe('current');
    expect(await ledger.observeSequencer('media', 'seq.mov', 'FF')).toBe('stale');
    expect(await ledger.observeSequencer('media', 'seq.mov', '0055AED6DCD90281E6')).toBe('current');
  });

  it('names a write by its version id, else its sequencer (unversioned, or version null), never by its content alone', () => {
    const base = { bucket: 'media', key: 'k.mov', eTag: 'abc' };
    expect(identityOf({ ...base, versionId: 'v1', sequencer: '0A' })).toBe('v1');
    expect(identityOf({ ...base, versionId: 'null', sequencer: '0A' })).toBe(`seq:${'0A'.padStart(32, '0')}`);
    expect(identityOf({ ...base, sequencer: '0A' })).not.toBe(identityOf({ ...base, sequencer: '0B' }));
    expect(identityOf(base)).toBe('etag:abc');
  });

  it('gives the key lock to one write at a time; a write whose holder stopped takes it over and learns it was left half-done', async () => {
    const key = `lock${++n}.mov`;
    const first = { bucket: 'media', key, eTag: 'a', sequencer: '01' };
    const second = { bucket: 'media', key, eTag: 'b', sequencer: '02' };
    const one = await ledger.claim(first, 1_000);
    const two = await ledger.claim(second, 1_000);
    if (one.status !== 'claimed' || two.status !== 'claimed') throw new Error('expected claims');
    await ledger.checkpoint(one.lease, { assetId: 'a1' }, 1_000);

    const firstLock = await ledger.lockKey(first);
    const whileAlive = await ledger.lockKey(second);
    await ledger.release(one.lease, 'crashed', false);
    const afterRelease = await ledger.lockKey(second);

    expect(firstLock).toEqual({ status: 'locked' });
    expect(whileAlive).toMatchObject({ status: 'busy' });
    expect(afterRelease).toMatchObject({ status: 'taken-over', halfDone: true, checkpoint: { assetId: 'a1' } });
    expect(await ledger.keyHolder('media', key)).toMatchObject({ alive: true, halfDone: false });
    await ledger.complete(two.lease, second, 'a2', { size: 5 });
    expect(await ledger.readKey('media', key)).toMatchObject({ assetId: 'a2', eTag: 'b', size: 5, activeIngest: undefined });
  });

  it('keeps a superseded write from ever being claimed again, and frees the key lock it held', async () => {
    const o = { bucket: 'media', key: `sup${++n}.mov`, eTag: 'a', sequencer: '01' };
    const claim = await ledger.claim(o, 1_000);
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    await ledger.lockKey(o);

    await ledger.supersede(claim.lease, o, 'overwritten');
    clock += 5_000;

    expect(await ledger.claim(o, 1_000)).toEqual({ status: 'superseded' });
    expect((await ledger.readKey('media', o.key))?.activeIngest).toBeUndefined();
  });

  it('refuses to resume from a malformed checkpoint (it would make a second asset) with a LedgerItemError naming the item', async () => {
    // Prepare: an expired claim whose checkpoint an older bridge wrote with a numeric asset id.
    const o = object();
    const pk = ingestPkOf(o);
    await db.send(new PutCommand({ TableName: 'ledger', Item: { pk, status: 'IN_PROGRESS', leaseId: 'old', leaseUntil: 0, attempts: 1, checkpoint: { assetId: 42 } } }));

    // Act
    const claim = ledger.claim(o, 60_000);

    // Assess
    await expect(claim).rejects.toBeInstanceOf(LedgerItemError);
    await expect(claim).rejects.toMatchObject({ kind: 'ingest', pk, message: expect.stringContaining('checkpoint.assetId:') });
  });

  it('reads an ingest item typed, and reports one with an unknown status', async () => {
    const o = object();
    await db.send(new PutCommand({ TableName: 'ledger', Item: { pk: ingestPkOf(o), status: 'CLAIMED' } }));

    await expect(ledger.read(o)).rejects.toMatchObject({ name: 'LedgerItemError', message: expect.stringContaining('status:') });
    await expect(ledger.readItems([ingestPkOf(o)])).rejects.toBeInstanceOf(LedgerItemError);
    await expect(ledger.readItems(['ingest#none'])).resolves.toEqual(new Map());
  });
});
