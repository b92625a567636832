/** Width S3 sequencers are padded to before comparing (S3 sends up to ~20 hex digits). */
export const SEQUENCER_WIDTH = 32;

/**
 * A sequencer as a fixed-width upper-case hex string, so string order (also DynamoDB's, in a
 * ConditionExpression) equals numeric order. S3 documents: "compare as strings, padding the shorter
 * one with leading zeros". https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 */
export function padSequencer(sequencer: string): string {
  return sequencer.trim().toUpperCase().padStart(SEQUENCER_WIDTH, '0');
}

/** < 0 when `a` is older than `b`, 0 when equal, > 0 when newer. */
export function compareSequencers(a: string, b: string): number {
  const pa = padSequencer(a);
  const pb = padSequencer(b);
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}
