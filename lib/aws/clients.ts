import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * AWS SDK clients, created once per container and shared by every invocation (as Powertools and the AWS SDK docs advise: clients outside the handler).
 * Endpoints come from the SDK's own standard variables (`AWS_ENDPOINT_URL_S3`, …), so the same code
 * talks to AWS when deployed and to s3rver/dynalite locally.
 */

const region = () => process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';

/**
 * Options every S3 client of the bridge uses. `WHEN_REQUIRED` checksums: streamed bodies with the
 * SDK's default CRC trailer are stored with chunk framing by S3-compatible servers (docs/architecture.md, toolchain facts);
 * path style when a custom endpoint is set (local servers have no virtual-host DNS).
 */
export function s3ClientOptions(endpoint: string | undefined) {
  return {
    region: region(),
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
    forcePathStyle: endpoint !== undefined,
    ...(endpoint !== undefined ? { endpoint } : {}),
  };
}

let s3: S3Client | undefined;
let dynamo: DynamoDBDocumentClient | undefined;
let sqs: SQSClient | undefined;
let sns: SNSClient | undefined;

export function getS3Client(): S3Client {
  s3 ??= new S3Client(s3ClientOptions(process.env.AWS_ENDPOINT_URL_S3));
  return s3;
}

export function getDynamoClient(): DynamoDBDocumentClient {
  dynamo ??= DynamoDBDocumentClient.from(new DynamoDBClient({ region: region() }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return dynamo;
}

export function getSqsClient(): SQSClient {
  sqs ??= new SQSClient({ region: region() });
  return sqs;
}

export function getSnsClient(): SNSClient {
  sns ??= new SNSClient({ region: region() });
  return sns;
}

/**
 * The AWS clients a function's dependencies are built with. Deployed: `sharedAwsClients()`; the
 * local stack, the benchmarks and the end-to-end tests pass their own, pointed at loopback servers,
 * so nothing is configured through `process.env`.
 */
export interface AwsClients {
  readonly s3: S3Client;
  /** Document client; `removeUndefinedValues` on, as the ledger's writes expect. */
  readonly dynamo: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
  /** A custom SQS endpoint (local servers): queue URLs derived from ARNs are put under it. */
  readonly sqsEndpoint?: string | undefined;
  /** The region the audits report and check against. @default the SDK's (`AWS_REGION`) */
  readonly region?: string | undefined;
}

/** The process's shared clients (endpoints from the SDK's standard variables): what a deployed function uses. */
export function sharedAwsClients(): AwsClients {
  return { s3: getS3Client(), dynamo: getDynamoClient(), sqs: getSqsClient(), sns: getSnsClient(), sqsEndpoint: process.env.AWS_ENDPOINT_URL_SQS };
}

/**
 * Clients configured from a settings map rather than the process's environment: the CLI uses it for
 * the settings it borrowed from a running local stack (endpoints, its local credentials), so it
 * never writes them into `process.env`. A setting the map lacks falls back to the SDK's defaults.
 */
export function awsClientsFrom(settings: Readonly<Record<string, string | undefined>>): AwsClients {
  const value = (name: string) => (settings[name] !== undefined && settings[name] !== '' ? settings[name] : undefined);
  const region = value('AWS_REGION') ?? value('AWS_DEFAULT_REGION') ?? 'us-east-1';
  const accessKeyId = value('AWS_ACCESS_KEY_ID');
  const secretAccessKey = value('AWS_SECRET_ACCESS_KEY');
  const sessionToken = value('AWS_SESSION_TOKEN');
  const credentials = accessKeyId !== undefined && secretAccessKey !== undefined ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken !== undefined ? { sessionToken } : {}) } } : {};
  const endpoint = (service: string) => value(`AWS_ENDPOINT_URL_${service}`) ?? value('AWS_ENDPOINT_URL');
  const at = (service: string) => {
    const url = endpoint(service);
    return url !== undefined ? { endpoint: url } : {};
  };
  return {
    s3: new S3Client({ ...s3ClientOptions(endpoint('S3')), region, ...credentials }),
    dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ region, ...at('DYNAMODB'), ...credentials }), { marshallOptions: { removeUndefinedValues: true } }),
    sqs: new SQSClient({ region, ...at('SQS'), ...credentials }),
    sns: new SNSClient({ region, ...at('SNS'), ...credentials }),
    sqsEndpoint: endpoint('SQS'),
    region,
  };
}
