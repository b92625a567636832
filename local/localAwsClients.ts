import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type AwsClients, s3ClientOptions } from '../lib/aws/clients.js';

/** The credentials s3rver, dynalite and the local SQS server accept (any would do; these are s3rver's own). */
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

const region = 'us-east-1';

/** The clients of a local stack, and the plain DynamoDB client `ensureLedgerTable` takes. */
export interface LocalAwsClients extends AwsClients {
  readonly dynamoBase: DynamoDBClient;
  /** Closes every client's sockets. */
  destroy(): void;
}

/**
 * One set of AWS clients pointed at loopback servers, configured as the deployed ones are
 * (`s3ClientOptions`, a document client that drops undefined values) but from arguments, never
 * from `process.env`. SNS has no local server: audits publish alerts only when a topic is set.
 */
export function localAwsClients(endpoints: { readonly s3: string; readonly dynamo: string; readonly sqs: string }): LocalAwsClients {
  const credentials = { ...localCredentials };
  const s3 = new S3Client({ ...s3ClientOptions(endpoints.s3), region, credentials });
  const dynamoBase = new DynamoDBClient({ endpoint: endpoints.dynamo, region, credentials });
  const dynamo = DynamoDBDocumentClient.from(dynamoBase, { marshallOptions: { removeUndefinedValues: true } });
  const sqs = new SQSClient({ endpoint: endpoints.sqs, region, credentials });
  const sns = new SNSClient({ region, credentials });
  return {
    s3,
    dynamo,
    dynamoBase,
    sqs,
    sns,
    sqsEndpoint: endpoints.sqs,
    region,
    destroy() {
      s3.destroy();
      dynamoBase.destroy();
      sqs.destroy();
      sns.destroy();
    },
  };
}
