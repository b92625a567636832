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
export function s3ClientOptions(endpoint = process.env.AWS_ENDPOINT_URL_S3) {
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
  s3 ??= new S3Client(s3ClientOptions());
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
