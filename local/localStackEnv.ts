/**
 * The environment the local stack runs the handlers with: loopback AWS endpoints, fake AWS
 * credentials, the iconik connection (emulator or real), and the bridge settings that point at the
 * local queues, table and buckets. Pure: the stack assigns it to `process.env` before the first
 * invocation (handlers read their config lazily) and publishes it in `.local-stack/stack.json`, so
 * the CLI's other commands default to it.
 */
export interface LocalStackEnvInput {
  readonly s3Url: string;
  readonly dynamoUrl: string;
  readonly sqsUrl: string;
  readonly iconik: { readonly url: string; readonly appId: string; readonly authToken: string };
  readonly ledgerTable: string;
  readonly ingestQueueUrl: string;
  readonly writebackQueueUrl: string;
  readonly bucket: string;
  readonly reportBucket: string;
  /** Registered in iconik by setup; unset for real iconik unless the user gives one (iconik cannot reach loopback). */
  readonly webhookUrl: string | undefined;
  readonly webhookSecret: string;
}

/** Settings the stack always decides (the user's environment may add others, e.g. INGEST_MODE). */
export function localStackEnv(input: LocalStackEnvInput): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_S3: input.s3Url,
    AWS_ENDPOINT_URL_DYNAMODB: input.dynamoUrl,
    AWS_ENDPOINT_URL_SQS: input.sqsUrl,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ICONIK_URL: input.iconik.url,
    ICONIK_APP_ID: input.iconik.appId,
    ICONIK_AUTH_TOKEN: input.iconik.authToken,
    LEDGER_TABLE: input.ledgerTable,
    INGEST_QUEUE_URL: input.ingestQueueUrl,
    WRITEBACK_QUEUE_URL: input.writebackQueueUrl,
    WATCH_BUCKETS: input.bucket,
    AUDIT_REPORT_BUCKET: input.reportBucket,
    WEBHOOK_SECRET: input.webhookSecret,
    ...(input.webhookUrl !== undefined ? { WEBHOOK_URL: input.webhookUrl } : {}),
  };
}
