import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeS3Key } from '../../../lib/events/decodeS3Key.js';
import { InvalidEventError } from '../../../lib/errors.js';
import { encodeS3Key } from '../../../lib/events/encodeS3Key.js';

describe('decodeS3Key', () => {
  it.each([
    { encoded: 'plain/key.mp4', decoded: 'plain/key.mp4' },
    { encoded: 'red+flower.jpg', decoded: 'red flower.jpg' },
    { encoded: 'c%2B%2B/notes+v2.txt', decoded: 'c++/notes v2.txt' },
    { encoded: 'caf%C3%A9/%E6%97%A5%E6%9C%AC.mov', decoded: 'café/日本.mov' },
    { encoded: '100%25+done.mxf', decoded: '100% done.mxf' },
    { encoded: 'a%2Fb', decoded: 'a/b' },
    { encoded: 'file%3Dname%26x%3F.wav', decoded: 'file=name&x?.wav' },
  ])('decodes $encoded to $decoded', ({ encoded, decoded }) => {
    expect(decodeS3Key(encoded)).toBe(decoded);
  });

  it.each(['bad%zz', 'half%E9', 'trailing%'])('rejects %s as an InvalidEventError', (encoded) => {
    expect(() => decodeS3Key(encoded)).toThrow(InvalidEventError);
  });

  it('inverts the encoding S3 applies, for any key', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, unit: 'grapheme' }), (key) => decodeS3Key(encodeS3Key(key)) === key));
  });
});
