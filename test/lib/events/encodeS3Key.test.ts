import { describe, expect, it } from 'vitest';
import { encodeS3Key } from '../../../lib/events/encodeS3Key.js';

describe('encodeS3Key', () => {
  it.each([
    ['folder/my file.mov', 'folder/my+file.mov'],
    ['a+b.mp4', 'a%2Bb.mp4'],
    ['clips/été (1).mxf', 'clips/%C3%A9t%C3%A9+%281%29.mxf'],
    ['100%.wav', '100%25.wav'],
  ])('encodes %s as S3 notifications do', (raw, encoded) => {
    expect(encodeS3Key(raw)).toBe(encoded);
  });
});
