/** S3's smallest part of a multipart upload, except the last one (AWS S3 quotas: 5 MiB). */
export const minPartBytes = 5 * 1024 * 1024;

/**
 * The first part a `CompleteMultipartUpload` body lists that S3 would refuse as too small (a part
 * other than the last under 5 MiB), or undefined. `sizeOf` gives the bytes an earlier UploadPart
 * stored (undefined when the proxy never saw that part: not judged). Pure.
 */
export function tooSmallPart(completeXml: string, sizeOf: (partNumber: number) => number | undefined): { partNumber: number; size: number } | undefined {
  const numbers = [...completeXml.matchAll(/<PartNumber>\s*(\d+)\s*<\/PartNumber>/g)].map((m) => Number(m[1]));
  for (const partNumber of numbers.slice(0, -1)) {
    const size = sizeOf(partNumber);
    if (size !== undefined && size < minPartBytes) return { partNumber, size };
  }
  return undefined;
}
