/**
 * Seconds a failed SQS message stays hidden before its next delivery: the `delays` entry for this
 * delivery (1st failure → delays[0], …, the last entry for every later one), times a jitter in
 * [0.8, 1.2) so messages that failed together do not all come back together. Pure.
 *
 * Without it a failed message waits the queue's whole visibility timeout (ingest: 90 minutes),
 * which must be long enough for the slowest successful attempt, not for a retry.
 */
export function redeliveryDelay(receiveCount: number, delays: readonly number[], random: number): number {
  if (delays.length === 0) return 0;
  const base = delays[Math.min(Math.max(1, receiveCount), delays.length) - 1] ?? 0;
  // SQS accepts 0–43,200 s (12 hours).
  return Math.min(43_200, Math.max(0, Math.round(base * (0.8 + 0.4 * random))));
}

/**
 * The queue URL of an SQS event source ARN (`arn:<partition>:sqs:<region>:<account>:<name>`), in
 * the form SQS itself uses; with a custom SQS endpoint (`AWS_ENDPOINT_URL_SQS`, the local stack)
 * the queue lives under that endpoint as the local server names it. `undefined` for anything else.
 */
export function queueUrlFromArn(arn: string, endpoint?: string): string | undefined {
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sqs') return undefined;
  const [, partition, , region, account, name] = parts as [string, string, string, string, string, string];
  if (endpoint !== undefined) return `${endpoint.replace(/\/+$/, '')}/${account}/${name}`;
  const domain = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${domain}/${account}/${name}`;
}
