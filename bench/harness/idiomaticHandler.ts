/** For each AWS package a function may load at start: the client it builds and one command it sends. */
const clients: Record<string, { imports: string; setup: string; call: string }> = {
  '@aws-sdk/client-s3': { imports: 'S3Client, GetObjectCommand', setup: 'const s3 = new S3Client({});', call: 'await s3.send(new GetObjectCommand({ Bucket: e.bucket, Key: e.key }));' },
  '@aws-sdk/client-dynamodb': {
    imports: 'DynamoDBClient, GetItemCommand',
    setup: 'const dynamo = new DynamoDBClient({});',
    call: 'await dynamo.send(new GetItemCommand({ TableName: e.table, Key: { pk: { S: e.key } } }));',
  },
  '@aws-sdk/lib-dynamodb': {
    imports: 'DynamoDBDocumentClient, GetCommand',
    setup: 'const doc = DynamoDBDocumentClient.from(dynamo);',
    call: 'await doc.send(new GetCommand({ TableName: e.table, Key: { pk: e.key } }));',
  },
  '@aws-sdk/client-sqs': {
    imports: 'SQSClient, SendMessageCommand',
    setup: 'const sqs = new SQSClient({});',
    call: 'await sqs.send(new SendMessageCommand({ QueueUrl: e.queue, MessageBody: e.key }));',
  },
  '@aws-sdk/client-sns': { imports: 'SNSClient, PublishCommand', setup: 'const sns = new SNSClient({});', call: 'await sns.send(new PublishCommand({ TopicArn: e.topic, Message: e.key }));' },
  '@aws-sdk/client-secrets-manager': {
    imports: 'SecretsManagerClient, GetSecretValueCommand',
    setup: 'const secrets = new SecretsManagerClient({});',
    call: 'await secrets.send(new GetSecretValueCommand({ SecretId: e.key }));',
  },
  '@aws-sdk/client-ssm': { imports: 'SSMClient, GetParameterCommand', setup: 'const ssm = new SSMClient({});', call: 'await ssm.send(new GetParameterCommand({ Name: e.key }));' },
};

/** The packages the comparison handler bundles when the function loads them at start. */
export const comparedPackages = /^(@aws-sdk\/(client-[a-z0-9-]+|lib-dynamodb)|undici|zod)$/;

/**
 * Source of the handler a developer would write with the same dependencies (cold-start comparison,
 * issue #15): the AWS clients built once at module scope, each sending one command; zod validating
 * the event; undici's `request` for HTTP. `packages` are npm package names (from `packagesAtStart`);
 * only those matching `comparedPackages` are used. An AWS client without an entry above is refused,
 * so a new client cannot silently fall out of the comparison.
 */
export function idiomaticHandlerSource(packages: readonly string[]): string {
  const used = [...new Set(packages.filter((p) => comparedPackages.test(p)))];
  // The document client wraps the DynamoDB client: it needs it even when only lib-dynamodb shows.
  if (used.includes('@aws-sdk/lib-dynamodb') && !used.includes('@aws-sdk/client-dynamodb')) used.push('@aws-sdk/client-dynamodb');
  const order = (p: string) => (p === '@aws-sdk/lib-dynamodb' ? 1 : 0);
  used.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const lines: string[] = [];
  const setup: string[] = [];
  const calls: string[] = [];
  for (const p of used) {
    if (p === 'undici' || p === 'zod') continue;
    const c = clients[p];
    if (c === undefined) throw new Error(`no idiomatic use of ${p} is defined for the cold-start comparison`);
    lines.push(`import { ${c.imports} } from '${p}';`);
    setup.push(c.setup);
    calls.push(c.call);
  }
  if (used.includes('undici')) {
    lines.push("import { request } from 'undici';");
    calls.push('await (await request(e.url)).body.text();');
  }
  const zod = used.includes('zod');
  if (zod) lines.push("import * as z from 'zod';"); // as zod 4's documentation writes it (and as lib/ does)
  const parse = zod ? 'const e = Event.parse(event);' : 'const e = event;';
  return [
    ...lines,
    ...(zod ? ['const Event = z.object({ bucket: z.string(), key: z.string(), table: z.string(), queue: z.string(), topic: z.string(), url: z.string() });'] : []),
    ...setup,
    'export const handler = async (event) => {',
    `  ${parse}`,
    ...calls.map((c) => `  ${c}`),
    '  return { ok: true };',
    '};',
    '',
  ].join('\n');
}
