import { describe, expect, it } from 'vitest';
import { compareSequencers, padSequencer } from '../../../lib/ledger/compareSequencers.js';
import { packParts, unpackParts } from '../../../lib/ledger/ingestCheckpoint.js';

describe('compareSequencers', () => {
  it.each([
    { a: '0055AED6DCD90281E5', b: '0055AED6DCD90281E6', sign: -1 },
    { a: 'FF', b: '0100', sign: -1 },
    { a: '617f08299329d189', b: '00617F08299329D189', sign: 0 },
    { a: '00617F08299329D18A', b: '617f08299329d189', sign: 1 },
  ])('compares $a with $b as $sign', ({ a, b, sign }) => {
    expect(Math.sign(compareSequencers(a, b))).toBe(sign);
  });

  it('pads to a fixed width so string order is numeric order', () => {
    expect(padSequencer('ab')).toHaveLength(32);
    expect(padSequencer('FF') < padSequencer('100')).toBe(true);
  });
});

describe('packParts', () => {
  it('round-trips MD5 ETags compactly and others as JSON', () => {
    const md5 = [
      { number: 1, etag: '"9b2cf535f27731c974343645a3985328"' },
      { number: 10_000, etag: '"0123456789abcdef0123456789abcdef"' },
    ];
    const other = [{ number: 2, etag: '"abc-3"' }];

    const packed = packParts(md5);

    expect(packed).toBeInstanceOf(Uint8Array);
    expect((packed as Uint8Array).length).toBe(36);
    expect(unpackParts(packed)).toEqual(md5);
    expect(unpackParts(packParts(other))).toEqual(other);
    expect(unpackParts(undefined)).toEqual([]);
  });
});
