import { describe, expect, it } from 'vitest';
import { Store } from '../../../emulator/index.js';
import { ChangeFeed } from '../../../emulator/webhooks/ChangeFeed.js';

describe('ChangeFeed', () => {
  it('reports creates, in-place updates, soft deletes and removals once each, and when they were seen', () => {
    const store = new Store();
    store.put('assets', { id: 'old', title: 'kept' });
    let now = 1000;
    const feed = new ChangeFeed(store, ['assets'], () => now);

    const a = store.put('assets', { id: 'a', title: 'x', status: 'ACTIVE' });
    now = 2000;
    const created = feed.sweep();
    a.title = 'y';
    const updated = feed.sweep();
    a.status = 'DELETED';
    const softDeleted = feed.sweep();
    store.table('assets').delete('a');
    const removed = feed.sweep();

    expect(created.map((c) => [c.op, c.id, c.after?.title])).toEqual([['create', 'a', 'x']]);
    expect(updated.map((c) => [c.op, c.before?.title, c.after?.title])).toEqual([['update', 'x', 'y']]);
    expect(softDeleted.map((c) => c.op)).toEqual(['delete']);
    expect(removed.map((c) => [c.op, c.after])).toEqual([['delete', undefined]]);
    expect(feed.sweep()).toEqual([]);
    expect(feed.lastChange('assets', 'a')).toBe(2000);
    expect(feed.lastChange('assets', 'old')).toBeUndefined();
  });
});
