import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CHECKS } from '../../lib/audit/finding.js';
import { loadConfig, settings } from '../../lib/config.js';
import { LEDGER_PARTITION_KEY, LEDGER_TTL_ATTRIBUTE } from '../../lib/ledger/table.js';
import { evaluateCondition, resolveIntrinsics, type CloudFormationTemplate } from './resolveIntrinsics.js';

/**
 * Builds the bundles and packages serverless.yml (offline, no AWS credentials) in a temporary copy
 * of the repository, twice: once with a new bucket and secrets by Secrets Manager name, once with
 * an existing bucket, the token in SSM and the webhook secret by ARN. Then reads the CloudFormation
 * templates serverless would deploy.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const FUNCTIONS = ['ingest', 'webhook', 'writeback', 'audit'] as const;
const ACCOUNT_RATE_PER_SECOND = 50;
const BUCKET = 'test-media';
const STAGE = 'test';

let workDir = '';
let template: CloudFormationTemplate;
let existingBucketTemplate: CloudFormationTemplate;
let missingParamOutput = '';

beforeAll(() => {
  const missing = FUNCTIONS.filter((name) => !existsSync(join(repoRoot, 'functions', `${name}.ts`)));
  if (missing.length > 0) {
    throw new Error(`serverless.yml deploys functions/${missing.join('.ts, functions/')}.ts, which do not exist yet`);
  }
  workDir = mkdtempSync(join(tmpdir(), 'bridge-deploy-'));
  const skip = new Set(['node_modules', 'dist', '.serverless', '.git', 'test', 'bench', 'coverage', '.local-stack']);
  cpSync(repoRoot, workDir, { recursive: true, filter: (src) => !skip.has(src.slice(repoRoot.length).split('/')[0] ?? '') });
  symlinkSync(join(repoRoot, 'node_modules'), join(workDir, 'node_modules'), 'dir');

  const env = { PATH: process.env.PATH, HOME: workDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: workDir, env, stdio: 'pipe', timeout: 170_000 });
  // No `node build.mjs` here: packaging must build dist/ itself (the build hook), or nothing is there to package.
  const serverless = join('node_modules', 'osls', 'bin', 'serverless.js');
  try {
    run([serverless, 'package', '--stage', STAGE, '--region', 'us-east-1', '--param=iconikAppId=app-123', '--package', 'out-missing']);
  } catch (error) {
    missingParamOutput = String((error as { stderr?: Buffer }).stderr ?? '') + String((error as { stdout?: Buffer }).stdout ?? '');
  }
  const common = ['package', '--stage', STAGE, '--region', 'us-east-1', `--param=bucket=${BUCKET}`, '--param=iconikAppId=app-123'];
  run([serverless, ...common, '--package', 'out-new']);
  run([
    serverless,
    ...common,
    '--package',
    'out-existing',
    '--param=existingBucket=true',
    '--param=iconikTokenSecret=/bridge/iconik-token',
    '--param=webhookSecretName=arn:aws:secretsmanager:eu-west-1:123456789012:secret:hook-AbCdEf',
    '--param=alertEmail=ops@example.com',
    '--param=iconikSystemDomainId=domain-1',
  ]);
  const read = (dir: string) => JSON.parse(readFileSync(join(workDir, dir, 'cloudformation-template-update-stack.json'), 'utf8'));
  template = read('out-new');
  existingBucketTemplate = read('out-existing');
}, 400_000);

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

const logicalName = (fn: string) => `${fn[0]!.toUpperCase()}${fn.slice(1)}`;
const resource = (t: CloudFormationTemplate, name: string) => {
  const r = t.Resources[name];
  if (r === undefined) throw new Error(`template has no resource ${name}`);
  return r;
};
const resolved = (value: unknown, t = template) => resolveIntrinsics(t, value) as any;
const ofType = (type: string, t = template) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);
const functionProps = (fn: string) => resource(template, `${logicalName(fn)}LambdaFunction`).Properties;
const functionEnv = (fn: string): Record<string, string> => resolved(functionProps(fn).Environment.Variables);
const sqsMapping = (fn: string) => ofType('AWS::Lambda::EventSourceMapping').find(([, r]) => resolved(r.Properties.FunctionName) === `${logicalName(fn)}LambdaFunction.Arn`)?.[1].Properties;
const auditRules = () => ofType('AWS::Events::Rule').filter(([, r]) => resolved(r.Properties.Targets[0].Arn) === 'AuditLambdaFunction.Arn');
const secondsOfRate = (rate: string) => {
  const m = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(rate);
  if (m === null) throw new Error(`not a rate expression: ${rate}`);
  return Number(m[1]) * { minute: 60, hour: 3600, day: 86_400 }[m[2] as 'minute' | 'hour' | 'day'];
};

/** Reads the names of the entries of a zip file from its central directory. */
function zipEntryNames(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

describe('functions', () => {
  it.each([
    { fn: 'ingest', memory: 2048, timeout: 900 },
    { fn: 'webhook', memory: 256, timeout: 10 },
    { fn: 'writeback', memory: 512, timeout: 120 },
    { fn: 'audit', memory: 1024, timeout: 900 },
  ])('deploys $fn on nodejs22.x arm64 with $memory MiB and $timeout s under its own role', ({ fn, memory, timeout }) => {
    const props = functionProps(fn);

    expect(props).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler', MemorySize: memory, Timeout: timeout });
    expect(resolved(props.Role)).toBe(`${logicalName(fn)}Role.Arn`);
    expect(props.Code.S3Key).toMatch(new RegExp(`/${fn}\\.zip$`));
  });

  it.each(FUNCTIONS.map((fn) => ({ fn })))('deploys the build zip of $fn, with index.mjs at its root', ({ fn }) => {
    const state = JSON.parse(readFileSync(join(workDir, 'out-new', 'serverless-state.json'), 'utf8'));
    const artifact = state.service.functions[fn].package.artifact;

    expect(artifact).toBe(`dist/${fn}.zip`);
    const entries = zipEntryNames(readFileSync(join(workDir, artifact)));
    // The handler at the root, and only the chunks it imports (code split by esbuild), each with its source map.
    expect(entries).toContain('index.mjs');
    expect(entries).toContain('index.mjs.map');
    expect(entries.filter((e) => !e.startsWith('index.mjs')).every((e) => /^chunks\/[\w-]+\.mjs(\.map)?$/.test(e))).toBe(true);
    expect(entries.filter((e) => e.startsWith('chunks/')).sort()).toEqual(
      readdirSync(join(workDir, 'dist', fn, 'chunks'))
        .map((c) => `chunks/${c}`)
        .sort(),
    );
    for (const code of entries.filter((e) => e.endsWith('.mjs'))) expect(entries, code).toContain(`${code}.map`);
  });

  it('creates no shared default role', () => {
    expect(template.Resources.IamRoleLambdaExecution).toBeUndefined();
    expect(
      ofType('AWS::IAM::Role')
        .map(([name]) => name)
        .sort(),
    ).toEqual(['AuditRole', 'IngestRole', 'WebhookRole', 'WritebackRole']);
  });

  it.each(FUNCTIONS.map((fn) => ({ fn })))('gives $fn only variables lib/config.ts knows, with values it accepts', ({ fn }) => {
    const env = functionEnv(fn);
    const known = new Set([...Object.keys(settings), 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'NODE_OPTIONS']);

    expect(Object.keys(env).filter((name) => !known.has(name))).toEqual([]);
    expect(() => loadConfig(env, { needsIconik: fn !== 'webhook', require: ['LEDGER_TABLE'] })).not.toThrow();
  });

  it('passes secrets by name only, each to the functions that read it', () => {
    const secretValues = Object.entries(settings)
      .filter(([, s]) => 'secret' in s && s.secret)
      .map(([name]) => name);
    const holders = (name: string) => FUNCTIONS.filter((fn) => name in functionEnv(fn));

    expect(secretValues.sort()).toEqual(['ICONIK_AUTH_TOKEN', 'WEBHOOK_SECRET', 'WEBHOOK_SECRET_PREVIOUS']);
    for (const name of secretValues) expect(holders(name)).toEqual([]);
    expect(holders('ICONIK_AUTH_TOKEN_SECRET')).toEqual(['ingest', 'writeback', 'audit']);
    expect(holders('WEBHOOK_SECRET_NAME')).toEqual(['webhook']);
    expect(functionEnv('ingest').ICONIK_AUTH_TOKEN_SECRET).toBe(`iconik-s3-bridge/${STAGE}/iconik-token`);
  });

  it('wires each function to the resources it uses', () => {
    expect(functionEnv('ingest')).toMatchObject({ LEDGER_TABLE: 'ref:LedgerTable', INGEST_QUEUE_URL: 'ref:IngestQueue', WATCH_BUCKETS: BUCKET });
    expect(functionEnv('webhook')).toMatchObject({ LEDGER_TABLE: 'ref:LedgerTable', WRITEBACK_QUEUE_URL: 'ref:WritebackQueue', WEBHOOK_SYSTEM_DOMAIN_ID: '' });
    expect(functionEnv('audit')).toMatchObject({
      INGEST_QUEUE_URL: 'ref:IngestQueue',
      AUDIT_REPORT_BUCKET: 'ref:ReportsBucket',
      AUDIT_ALERT_TOPIC_ARN: 'ref:AlertsTopic',
      WATCH_BUCKETS: BUCKET,
      WEBHOOK_URL: 'https://ref-httpapi.execute-api.us-east-1.amazonaws.com/iconik/webhook',
    });
    // The last delivery must be the one that fails the ingest cleanly before SQS dead-letters it.
    expect(functionEnv('ingest').INGEST_MAX_RECEIVES).toBe(String(resource(template, 'IngestQueue').Properties.RedrivePolicy.maxReceiveCount));
  });

  it('gives every function the same behaviour settings, empty (lib/config.ts defaults) unless given', () => {
    const behaviour = ['INGEST_MODE', 'INGEST_INCLUDE', 'INGEST_EXCLUDE', 'INGEST_SIDECAR_PATTERNS', 'METADATA_VIEW_NAME', 'WRITEBACK_TAG_FIELDS', 'WRITEBACK_VIEW_ID'];

    for (const fn of ['ingest', 'webhook', 'writeback', 'audit']) {
      for (const name of behaviour) expect(functionEnv(fn)[name], `${fn} ${name}`).toBe('');
    }
  });

  it('passes the iconik system domain to the webhook receiver when one is given', () => {
    const env = resolveIntrinsics(existingBucketTemplate, resource(existingBucketTemplate, 'WebhookLambdaFunction').Properties.Environment.Variables);

    expect(env).toMatchObject({ WEBHOOK_SYSTEM_DOMAIN_ID: 'domain-1' });
  });

  it("keeps the ingest claim longer than the ingest function's timeout", () => {
    expect(Number(functionEnv('ingest').INGEST_LEASE_SECONDS)).toBeGreaterThan(functionProps('ingest').Timeout);
  });
});

describe('event sources', () => {
  it.each([
    { fn: 'ingest', queue: 'IngestQueue', concurrency: 10, batch: 1 },
    { fn: 'writeback', queue: 'WritebackQueue', concurrency: 5, batch: 10 },
  ])('feeds $fn from $queue with maximumConcurrency $concurrency and partial batch failures', ({ fn, queue, concurrency, batch }) => {
    const mapping = sqsMapping(fn);

    expect(resolved(mapping.EventSourceArn)).toBe(`${queue}.Arn`);
    expect(mapping).toMatchObject({
      BatchSize: batch,
      ScalingConfig: { MaximumConcurrency: concurrency },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('routes POST /iconik/webhook to the webhook function (payload 2.0) and nothing else', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    const integration = resource(template, 'HttpApiIntegrationWebhook').Properties;

    expect(routes).toEqual(['POST /iconik/webhook']);
    expect(resolved(integration.IntegrationUri)).toBe('WebhookLambdaFunction.Arn');
    expect(integration.PayloadFormatVersion).toBe('2.0');
    expect(resolved(template.Outputs?.WebhookUrl?.Value)).toBe('HttpApi.ApiEndpoint/iconik/webhook');
  });

  it('schedules each audit check on its own rule with input {check}, no more often than the timeout', () => {
    const rules = auditRules().map(([, r]) => ({ rate: r.Properties.ScheduleExpression, input: JSON.parse(r.Properties.Targets[0].Input) }));

    expect(rules.map((r) => r.input.check).sort()).toEqual([...AUDIT_CHECKS].sort());
    for (const rule of rules) {
      expect(Object.keys(rule.input)).toEqual(['check']);
      expect(secondsOfRate(rule.rate)).toBeGreaterThanOrEqual(functionProps('audit').Timeout);
    }
  });

  it('does not retry a failed audit run (the next scheduled run is the retry)', () => {
    expect(resource(template, 'AuditLambdaEvConf').Properties.MaximumRetryAttempts).toBe(0);
  });

  it("keeps the fleet within 80 % of iconik's account rate limit", () => {
    const share = (fn: string) => Number(functionEnv(fn).ICONIK_RATE_SHARE);
    const fleet = {
      ingest: sqsMapping('ingest').ScalingConfig.MaximumConcurrency * share('ingest'),
      writeback: sqsMapping('writeback').ScalingConfig.MaximumConcurrency * share('writeback'),
      audit: auditRules().length * share('audit'),
    };
    const total = fleet.ingest + fleet.writeback + fleet.audit;

    expect(fleet).toEqual({ ingest: expect.closeTo(0.5), writeback: expect.closeTo(0.15), audit: expect.closeTo(0.1) });
    expect(total * ACCOUNT_RATE_PER_SECOND).toBeLessThanOrEqual(0.8 * ACCOUNT_RATE_PER_SECOND);
    expect(functionEnv('webhook').ICONIK_RATE_SHARE).toBeUndefined();
  });
});

describe('queues', () => {
  it.each([
    { queue: 'IngestQueue', dlq: 'IngestDeadLetterQueue', fn: 'ingest' },
    { queue: 'WritebackQueue', dlq: 'WritebackDeadLetterQueue', fn: 'writeback' },
  ])('redrives $queue to $dlq and hides messages for ≥ 6 × the $fn timeout', ({ queue, dlq, fn }) => {
    const props = resolved(resource(template, queue).Properties);
    const dlqProps = resource(template, dlq).Properties;

    expect(props.RedrivePolicy).toEqual({ deadLetterTargetArn: `${dlq}.Arn`, maxReceiveCount: 5 });
    expect(props.VisibilityTimeout).toBeGreaterThanOrEqual(6 * functionProps(fn).Timeout);
    expect(props.VisibilityTimeout).toBeLessThanOrEqual(43_200);
    expect(dlqProps.MessageRetentionPeriod).toBeGreaterThanOrEqual(props.MessageRetentionPeriod);
    expect(props.SqsManagedSseEnabled).toBe(true);
  });

  it('lets only S3, from the watched bucket in this account, send to the ingest queue', () => {
    const [statement, ...others] = resolved(resource(template, 'IngestQueuePolicy').Properties.PolicyDocument.Statement);

    expect(others).toEqual([]);
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: 'IngestQueue.Arn',
      Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${BUCKET}` }, StringEquals: { 'aws:SourceAccount': '123456789012' } },
    });
  });
});

describe('buckets', () => {
  it('creates the watched bucket, notifying the ingest queue of creations and removals, by default', () => {
    const bucket = resource(template, 'WatchedBucket');

    expect(evaluateCondition(template, bucket.Condition!)).toBe(true);
    expect(bucket.Properties.BucketName).toBe(BUCKET);
    expect([bucket.DependsOn].flat()).toContain('IngestQueuePolicy');
    expect(resolved(bucket.Properties.NotificationConfiguration.QueueConfigurations)).toEqual([
      { Event: 's3:ObjectCreated:*', Queue: 'IngestQueue.Arn' },
      { Event: 's3:ObjectRemoved:*', Queue: 'IngestQueue.Arn' },
    ]);
    expect(resource(template, 'WatchedBucket')).toMatchObject({ DeletionPolicy: 'Retain' });
  });

  it('leaves an existing bucket alone but still lets it notify the queue', () => {
    const bucket = resource(existingBucketTemplate, 'WatchedBucket');
    const policy = resolved(resource(existingBucketTemplate, 'IngestQueuePolicy').Properties.PolicyDocument, existingBucketTemplate);

    expect(evaluateCondition(existingBucketTemplate, bucket.Condition!)).toBe(false);
    expect(policy.Statement[0].Condition.ArnLike['aws:SourceArn']).toBe(`arn:aws:s3:::${BUCKET}`);
  });

  it('keeps audit reports in their own bucket, expiring them', () => {
    const reports = resource(template, 'ReportsBucket').Properties;

    expect(reports.LifecycleConfiguration.Rules[0]).toMatchObject({ Status: 'Enabled', ExpirationInDays: 90 });
    expect(functionEnv('audit').AUDIT_REPORT_PREFIX).toBe('bridge-audits');
  });
});

describe('ledger', () => {
  it('is on demand, keyed by the string pk, with TTL on expiresAt and point-in-time recovery', () => {
    const props = resource(template, 'LedgerTable').Properties;

    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.KeySchema).toEqual([{ AttributeName: LEDGER_PARTITION_KEY, KeyType: 'HASH' }]);
    expect(props.AttributeDefinitions).toEqual([{ AttributeName: LEDGER_PARTITION_KEY, AttributeType: 'S' }]);
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: LEDGER_TTL_ATTRIBUTE, Enabled: true });
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });
});

describe('alerts', () => {
  const alarms = () => Object.fromEntries(ofType('AWS::CloudWatch::Alarm').map(([name, r]) => [name, resolved(r.Properties)]));

  it('has the planned alarms, each on the metric it names', () => {
    const metrics = Object.fromEntries(Object.entries(alarms()).map(([name, a]) => [name, `${a.Namespace} ${a.MetricName} ${a.Dimensions.map((d: any) => `${d.Name}=${d.Value}`).join(',')}`]));

    expect(metrics).toEqual({
      IngestDeadLetterQueueAlarm: 'AWS/SQS ApproximateNumberOfMessagesVisible QueueName=IngestDeadLetterQueue.QueueName',
      WritebackDeadLetterQueueAlarm: 'AWS/SQS ApproximateNumberOfMessagesVisible QueueName=WritebackDeadLetterQueue.QueueName',
      IngestQueueAgeAlarm: 'AWS/SQS ApproximateAgeOfOldestMessage QueueName=IngestQueue.QueueName',
      WritebackQueueAgeAlarm: 'AWS/SQS ApproximateAgeOfOldestMessage QueueName=WritebackQueue.QueueName',
      IngestErrorsAlarm: 'AWS/Lambda Errors FunctionName=ref:IngestLambdaFunction',
      WebhookErrorsAlarm: 'AWS/Lambda Errors FunctionName=ref:WebhookLambdaFunction',
      WritebackErrorsAlarm: 'AWS/Lambda Errors FunctionName=ref:WritebackLambdaFunction',
      AuditErrorsAlarm: 'AWS/Lambda Errors FunctionName=ref:AuditLambdaFunction',
      IconikRateLimitedAlarm: 'IconikS3Bridge IconikRateLimited service=iconik-s3-bridge',
    });
  });

  it('alarms on the first dead-lettered message', () => {
    for (const name of ['IngestDeadLetterQueueAlarm', 'WritebackDeadLetterQueueAlarm']) {
      expect(alarms()[name]).toMatchObject({ Statistic: 'Maximum', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  it('reads the 429 metric in the namespace and service the functions emit with, tolerating a few', () => {
    const alarm = alarms().IconikRateLimitedAlarm;

    expect(alarm).toMatchObject({ Statistic: 'Sum', Period: 300, EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 25 });

    for (const fn of FUNCTIONS) {
      expect(functionEnv(fn)).toMatchObject({ POWERTOOLS_METRICS_NAMESPACE: alarm.Namespace, POWERTOOLS_SERVICE_NAME: alarm.Dimensions[0].Value });
    }
  });

  it('sends every alarm, and its recovery, to the alerts topic', () => {
    for (const alarm of Object.values(alarms())) {
      expect(alarm.AlarmActions).toEqual(['ref:AlertsTopic']);
      expect(alarm.OKActions).toEqual(['ref:AlertsTopic']);
      expect(alarm.TreatMissingData).toBe('notBreaching');
      expect(alarm.Period).toBe(300);
    }
    expect(resource(template, 'AlertsTopic').Type).toBe('AWS::SNS::Topic');
  });

  it('subscribes the alert email only when one is given', () => {
    const subscription = resource(existingBucketTemplate, 'AlertsEmailSubscription');

    expect(evaluateCondition(template, subscription.Condition!)).toBe(false);
    expect(evaluateCondition(existingBucketTemplate, subscription.Condition!)).toBe(true);
    expect(subscription.Properties).toMatchObject({ Protocol: 'email', Endpoint: 'ops@example.com' });
  });
});

describe('IAM', () => {
  const arn = (service: string, resourcePart: string) => `arn:aws:${service}:us-east-1:123456789012:${resourcePart}`;
  const logs = (fn: string) => arn('logs', `log-group:/aws/lambda/iconik-s3-bridge-${STAGE}-${fn}:*`);
  const bucketArn = `arn:aws:s3:::${BUCKET}`;
  const tokenArn = arn('secretsmanager', `secret:iconik-s3-bridge/${STAGE}/iconik-token-??????`);
  const secretRead = ['secretsmanager:GetSecretValue', 'ssm:GetParameter'];
  const statements = (t: CloudFormationTemplate, role: string) =>
    Object.fromEntries(
      resolved(resource(t, role).Properties.Policies, t)
        .flatMap((p: any) => p.PolicyDocument.Statement)
        .map((s: any) => [s.Sid, { actions: s.Action, resource: s.Resource, effect: s.Effect, ...(s.Condition ? { condition: s.Condition } : {}) }]),
    );
  const allow = (actions: string[], resourceName: string, condition?: object) => ({
    actions,
    resource: resourceName,
    effect: 'Allow',
    ...(condition ? { condition } : {}),
  });

  // Deny statements may use wildcards (serverless denies non-TLS access to its deployment bucket
  // with `s3:*`): they only take rights away.
  it('has no wildcard action and no wildcard resource in any Allow statement of the template', () => {
    const found: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`));
      if (value === null || typeof value !== 'object') return;
      const statement = value as Record<string, unknown>;
      if (statement.Effect === 'Allow') {
        if ('NotAction' in statement || 'NotResource' in statement) found.push(`${path} uses NotAction/NotResource`);
        if ([statement.Action].flat().some((a) => typeof a === 'string' && a.includes('*'))) found.push(`${path}.Action`);
        if ([statement.Resource].flat().some((r) => r === '*')) found.push(`${path}.Resource`);
      }
      for (const [k, v] of Object.entries(statement)) walk(v, `${path}.${k}`);
    };
    walk(template.Resources, 'Resources');

    expect(found).toEqual([]);
  });

  it('lets each role be assumed by Lambda only', () => {
    for (const fn of FUNCTIONS) {
      expect(resource(template, `${logicalName(fn)}Role`).Properties.AssumeRolePolicyDocument.Statement).toEqual([
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]);
    }
  });

  it('grants ingest exactly what it uses', () => {
    expect(statements(template, 'IngestRole')).toEqual({
      Logs: allow(['logs:CreateLogStream', 'logs:PutLogEvents'], logs('ingest')),
      ConsumeIngestQueue: allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'], 'IngestQueue.Arn'),
      ListWatchedBucket: allow(['s3:ListBucket'], bucketArn),
      ReadAndTagObjects: allow(['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging', 's3:PutObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObjectVersionTagging'], `${bucketArn}/*`),
      Ledger: allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], 'LedgerTable.Arn'),
      IconikToken: allow(secretRead, tokenArn),
    });
  });

  it('grants webhook exactly what it uses', () => {
    expect(statements(template, 'WebhookRole')).toEqual({
      Logs: allow(['logs:CreateLogStream', 'logs:PutLogEvents'], logs('webhook')),
      Dedupe: allow(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], 'LedgerTable.Arn', {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['webhook#*'] },
      }),
      EnqueueWriteback: allow(['sqs:SendMessage'], 'WritebackQueue.Arn'),
      WebhookSecret: allow(secretRead, arn('secretsmanager', `secret:iconik-s3-bridge/${STAGE}/webhook-secret-??????`)),
    });
  });

  it('grants writeback exactly what it uses', () => {
    expect(statements(template, 'WritebackRole')).toEqual({
      Logs: allow(['logs:CreateLogStream', 'logs:PutLogEvents'], logs('writeback')),
      ConsumeWritebackQueue: allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'], 'WritebackQueue.Arn'),
      ListWatchedBucket: allow(['s3:ListBucket'], bucketArn),
      TagsAndSidecars: allow(
        ['s3:GetObject', 's3:PutObject', 's3:GetObjectTagging', 's3:PutObjectTagging', 's3:GetObjectVersion', 's3:GetObjectVersionTagging', 's3:PutObjectVersionTagging'],
        `${bucketArn}/*`,
      ),
      Ledger: allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], 'LedgerTable.Arn', {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['asset#*', 'ingest#*', 'object#*', 'collection#*', 'budget#*'] },
      }),
      IconikToken: allow(secretRead, tokenArn),
    });
  });

  it('grants writeback its own sidecar bucket only when one is given', () => {
    const withSidecarBucket = { ...template, Conditions: { ...template.Conditions, HasSidecarBucket: true } } as CloudFormationTemplate;
    expect(statements(template, 'WritebackRole').SidecarBucket).toBeUndefined();
    expect(statements(withSidecarBucket, 'WritebackRole').SidecarBucket).toMatchObject({ actions: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], effect: 'Allow' });
  });

  it('grants audit exactly what it uses', () => {
    expect(statements(template, 'AuditRole')).toEqual({
      Logs: allow(['logs:CreateLogStream', 'logs:PutLogEvents'], logs('audit')),
      ListWatchedBucket: allow(['s3:ListBucket'], bucketArn),
      ReadWatchedObjects: allow(['s3:GetObject', 's3:GetObjectVersion'], `${bucketArn}/*`),
      TagWatchedObjects: allow(['s3:GetObjectTagging', 's3:PutObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObjectVersionTagging'], `${bucketArn}/*`),
      WriteReports: allow(['s3:PutObject'], 'ReportsBucket.Arn/bridge-audits/*'),
      Ledger: allow(['dynamodb:Scan', 'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem'], 'LedgerTable.Arn'),
      LedgerRepairs: allow(['dynamodb:UpdateItem'], 'LedgerTable.Arn', {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['asset#*', 'ingest#*', 'object#*', 'collection#*'] },
      }),
      RateBudget: allow(['dynamodb:GetItem', 'dynamodb:UpdateItem'], 'LedgerTable.Arn', { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['budget#*'] } }),
      ReenqueueMissing: allow(['sqs:SendMessage'], 'IngestQueue.Arn'),
      Alerts: allow(['sns:Publish'], 'ref:AlertsTopic'),
      IconikToken: allow(secretRead, tokenArn),
    });
  });

  it('grants the secret by SSM path or by ARN when the parameter is given that way', () => {
    expect(statements(existingBucketTemplate, 'IngestRole').IconikToken.resource).toBe(arn('ssm', 'parameter/bridge/iconik-token'));
    expect(statements(existingBucketTemplate, 'AuditRole').IconikToken.resource).toBe(arn('ssm', 'parameter/bridge/iconik-token'));
    expect(statements(existingBucketTemplate, 'WebhookRole').WebhookSecret.resource).toBe('arn:aws:secretsmanager:eu-west-1:123456789012:secret:hook-AbCdEf');
  });
});

describe('deploy', () => {
  it('builds dist/ as part of packaging, so a deploy cannot ship an old build', () => {
    // beforeAll never ran build.mjs: the zips exist because `serverless package` built them.
    for (const fn of FUNCTIONS) expect(existsSync(join(workDir, 'dist', `${fn}.zip`)), fn).toBe(true);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    expect(pkg.scripts.deploy).toMatch(/^serverless deploy\b/);
  });

  it('names a missing required parameter in one line', () => {
    const lines = missingParamOutput.split('\n').filter((l) => l.includes('Cannot resolve variable'));
    expect(lines).toEqual(['  - Cannot resolve variable at "custom.required.bucket": Value not found at "param" source']);
  });

  it('pins the framework version to the osls of package.json and keeps no function versions', () => {
    const pinned = /^frameworkVersion: '([^']+)'$/m.exec(readFileSync(join(repoRoot, 'serverless.yml'), 'utf8'))?.[1];
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    expect(pinned).toBe(pkg.devDependencies.osls);
    expect(ofType('AWS::Lambda::Version')).toEqual([]);
  });

  it('builds for the Lambda runtime and runs with source maps', () => {
    const target = /target: 'node(\d+)'/.exec(readFileSync(join(repoRoot, 'build.mjs'), 'utf8'))?.[1];
    for (const fn of FUNCTIONS) {
      expect(functionProps(fn).Runtime).toBe(`nodejs${target}.x`);
      expect(functionEnv(fn).NODE_OPTIONS).toBe('--enable-source-maps');
    }
  });
});

describe('flood protection', () => {
  // iconik delivers webhooks as changes happen; its API allows an account 50 requests/s.
  const ICONIK_ACCOUNT_RATE = ACCOUNT_RATE_PER_SECOND;

  it('throttles the HTTP API stage well above what iconik can deliver', () => {
    const stage = resource(template, 'HttpApiStage').Properties;
    expect(stage.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThanOrEqual(2 * ICONIK_ACCOUNT_RATE);
    expect(stage.DefaultRouteSettings.ThrottlingRateLimit).toBeLessThanOrEqual(1000);
    expect(stage.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThanOrEqual(stage.DefaultRouteSettings.ThrottlingRateLimit);
  });

  it('caps the webhook function so a flood cannot take the concurrency ingest and write-back need', () => {
    const reserved = functionProps('webhook').ReservedConcurrentExecutions;
    const rate = resource(template, 'HttpApiStage').Properties.DefaultRouteSettings.ThrottlingRateLimit;
    // Enough for the throttled rate at ~100 ms per request, far below the default account limit of 1,000.
    expect(reserved).toBeGreaterThanOrEqual(Math.ceil(rate * 0.1));
    expect(reserved).toBeLessThanOrEqual(50);
  });
});

describe('dashboard', () => {
  const body = () => JSON.parse(resolved(resource(template, 'Dashboard').Properties.DashboardBody)) as { widgets: Array<{ properties: { title: string; metrics: unknown[] } }> };
  const metricsOf = (title: RegExp) => JSON.stringify(body().widgets.find((w) => title.test(w.properties.title))?.properties.metrics ?? null);

  it('is valid dashboard JSON, its URL in the outputs', () => {
    expect(body().widgets.length).toBeGreaterThanOrEqual(8);
    expect(resolved(template.Outputs?.DashboardUrl?.Value)).toBe('https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=ref-dashboard');
  });

  it('shows ingest rate and latency, iconik 429s, queue depth and age, the DLQs, write-back and audit findings', () => {
    expect(metricsOf(/^Ingest outcomes/)).toContain('"IngestSucceeded","service","iconik-s3-bridge"');
    expect(metricsOf(/^Ingest duration/)).toContain('"Duration","FunctionName","ref-ingestlambdafunction"');
    expect(metricsOf(/429/)).toContain('"IconikS3Bridge","IconikRateLimited","service","iconik-s3-bridge"');
    expect(metricsOf(/^Queue depth/)).toContain('"ApproximateNumberOfMessagesVisible","QueueName","IngestQueue.QueueName"');
    expect(metricsOf(/^Queue depth/)).toContain('"WritebackQueue.QueueName"');
    expect(metricsOf(/^Oldest message age/)).toContain('"ApproximateAgeOfOldestMessage","QueueName","IngestQueue.QueueName"');
    expect(metricsOf(/^Dead-letter/)).toContain('IngestDeadLetterQueue.QueueName');
    expect(metricsOf(/^Dead-letter/)).toContain('WritebackDeadLetterQueue.QueueName');
    expect(metricsOf(/write-back/)).toContain('"WritebackWritten"');
    expect(metricsOf(/^Audit findings/)).toContain('MetricName=\\"audit-\\"');
  });
});
