import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyWebhookEvent } from '../../../lib/webhook/classifyWebhookEvent.js';
import { webhookEnvelopeSchema } from '../../../lib/webhook/webhookEnvelopeSchema.js';
import { writebackMessageSchema } from '../../../lib/webhook/writebackMessageSchema.js';

const fixture = (name: string) => webhookEnvelopeSchema.parse(JSON.parse(readFileSync(new URL(`../../fixtures/webhooks/${name}`, import.meta.url), 'utf8')));
const at = new Date('2026-01-02T03:04:05Z');

describe('classifyWebhookEvent', () => {
  it('enqueues a metadata update with the asset id and the changed field names', () => {
    const decision = classifyWebhookEvent(fixture('metadata-update.json'), at);
    expect(decision).toEqual({
      action: 'enqueue',
      message: {
        v: 1,
        requestId: '90762250227cb0d5e0a7a37b806b3a04',
        assetId: '6ce31914-eddf-11ea-b571-0af7c14f78f9',
        change: 'metadata',
        realm: 'metadata',
        operation: 'update',
        systemDomainId: 'YOUR-SYSTEM-DOMAIN-ID',
        receivedAt: '2026-01-02T03:04:05.000Z',
        changedFields: ['first_name'],
      },
    });
    if (decision.action === 'enqueue') expect(writebackMessageSchema.parse(decision.message)).toEqual(decision.message);
  });

  it('marks entity deletes as deleted and carries the external id', () => {
    const decision = classifyWebhookEvent(fixture('entity-delete.json'), at);
    expect(decision).toMatchObject({ action: 'enqueue', message: { change: 'deleted', assetId: '1cca7690-7f3b-11eb-9b5c-0a580a3c0d2e', externalId: 's3://media-in/projects/a/clip.mov' } });
  });

  it('treats entity updates and restores as asset changes, case-insensitively', () => {
    const envelope = { ...fixture('entity-delete.json'), operation: 'RESTORE', realm: 'Entity' };
    expect(classifyWebhookEvent(envelope, at)).toMatchObject({ action: 'enqueue', message: { change: 'asset' } });
  });

  it('sends entity creates to enrichment (change created)', () => {
    const envelope = { ...fixture('entity-delete.json'), operation: 'create', data: { external_id: null } };
    const decision = classifyWebhookEvent(envelope, at);
    expect(decision).toMatchObject({ action: 'enqueue', message: { change: 'created', assetId: '1cca7690-7f3b-11eb-9b5c-0a580a3c0d2e' } });
    if (decision.action === 'enqueue') expect(writebackMessageSchema.parse(decision.message)).toEqual(decision.message);
  });

  const fileEvent = (operation: string, data: Record<string, unknown>) => ({
    ...fixture('entity-delete.json'),
    realm: 'files',
    operation,
    object_id: 'file-1',
    data: { id: 'file-1', asset_id: 'asset-9', storage_id: 'st-1', directory_path: 'a', name: 'b.mov', ...data },
  });

  it.each(['create', 'UPDATE'])('sends a CLOSED file %s to enrichment with the asset id from data', (operation) => {
    const decision = classifyWebhookEvent(fileEvent(operation, { status: 'CLOSED' }), at);
    expect(decision).toMatchObject({ action: 'enqueue', message: { change: 'file', assetId: 'asset-9', fileId: 'file-1', realm: 'files' } });
    if (decision.action === 'enqueue') expect(writebackMessageSchema.parse(decision.message)).toEqual(decision.message);
  });

  it.each([
    ['an open file', fileEvent('create', { status: 'OPEN' }), 'file OPEN'],
    ['a deleted file', fileEvent('delete', { status: 'DELETED' }), 'file delete'],
  ])('ignores %s', (_what, envelope, reason) => {
    expect(classifyWebhookEvent(envelope, at)).toEqual({ action: 'ignore', reason });
  });

  it('ignores a file event without data.asset_id with a warning (a guess about the payload that did not hold)', () => {
    expect(classifyWebhookEvent(fileEvent('create', { status: 'CLOSED', asset_id: null }), at)).toEqual({
      action: 'ignore',
      reason: 'file without asset',
      warning: expect.stringContaining('asset_id'),
    });
  });

  it('enqueues a file event without a status (the worker re-reads the files), without a warning', () => {
    const envelope = fileEvent('update', {});
    delete (envelope.data as Record<string, unknown>).status;
    const decision = classifyWebhookEvent(envelope, at);
    expect(decision).toMatchObject({ action: 'enqueue', message: { change: 'file', assetId: 'asset-9' } });
    expect(decision.warning).toBeUndefined();
  });

  it("takes an entity event's asset from data.id, and warns when object_id names something else", () => {
    const same = { ...fixture('entity-delete.json'), operation: 'create', data: { id: '1cca7690-7f3b-11eb-9b5c-0a580a3c0d2e' } };
    expect(classifyWebhookEvent(same, at)).not.toHaveProperty('warning');
    const differs = { ...same, object_id: 'something-else' };
    const decision = classifyWebhookEvent(differs, at);
    expect(decision).toMatchObject({ action: 'enqueue', message: { assetId: '1cca7690-7f3b-11eb-9b5c-0a580a3c0d2e' }, warning: expect.stringContaining('data.id') });
  });

  it.each([
    ['shares', { ...fixture('share-create.json') }],
    ['collections', { ...fixture('metadata-update.json'), event_type: 'collections' }],
    ['metadata of collections', { ...fixture('metadata-update.json'), data: { object_type: 'collections', object_id: 'c1' } }],
  ])('ignores %s', (_name, envelope) => {
    expect(classifyWebhookEvent(envelope, at).action).toBe('ignore');
  });

  it('bounds the changed field names it carries', () => {
    const values = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, { field_values: [] }]));
    const envelope = { ...fixture('metadata-update.json'), data: { object_type: 'assets', metadata_values: values } };
    const decision = classifyWebhookEvent(envelope, at);
    expect(decision.action === 'enqueue' && decision.message.changedFields?.length).toBe(100);
  });
});
