import { InvalidEventError } from '../errors.js';

/**
 * Decodes an object key as S3 event notifications carry it: form-URL-encoded, so a space arrives as
 * `+` and every other reserved byte as `%XX` (a literal `+` arrives as `%2B`).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 *
 * @throws InvalidEventError when the key is not valid percent-encoding (e.g. `%E9` alone, `%zz`).
 */
export function decodeS3Key(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch (error) {
    throw new InvalidEventError(`object key is not valid URL encoding: ${JSON.stringify(encoded.slice(0, 200))}`, { cause: error });
  }
}
