import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { buildApp } from '../../stacks/app';
import { ENVIRONMENTS } from '../../stacks/config/environments';
import { ARCHIVE_BUCKETS, LOG_BUCKETS } from '../../stacks/config/names';
import { pipelineFailureRules } from '../../stacks/constructs/pipeline-failure-alerts';
import { IntelligenceStack } from '../../stacks/intelligence-stack';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-intelligence-'));
buildApp(ENVIRONMENTS, { outdir }).synth();
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

const json = (stack: string) =>
  JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as Json;
const all = (stack: string, type: string, kind = 'resource') =>
  Object.entries((json(stack)[kind]?.[type] ?? {}) as Json).map(([id, body]) => ({ id, ...body })) as Json[];
const one = (stack: string, type: string) => {
  const found = all(stack, type);
  expect(found).toHaveLength(1);
  return found[0];
};
const document = (stack: string, pathEnd: string) =>
  all(stack, 'aws_iam_policy_document', 'data').find((d) => d['//'].metadata.path.endsWith(pathEnd))!;
const ref = (type: string, id: string, attribute: string) => `\${${type}.${id}.${attribute}}`;

/**
 * The part of EventBridge pattern matching the failure rules use: each pattern field lists exact values or
 * `{ prefix }`, and an object nests into the event's object of that name. Anything else fails the test.
 */
function matches(pattern: Json, event: Json): boolean {
  return Object.entries(pattern).every(([key, want]) => {
    const value = event?.[key];
    if (!Array.isArray(want)) return typeof value === 'object' && value !== null && matches(want as Json, value);
    return (want as unknown[]).some((option) => {
      if (typeof option !== 'object' || option === null) return option === value;
      const keys = Object.keys(option);
      if (keys.length !== 1 || keys[0] !== 'prefix') throw new Error(`unsupported pattern ${JSON.stringify(option)}`);
      return typeof value === 'string' && value.startsWith((option as { prefix: string }).prefix);
    });
  });
}

describe('log-archive notifications', () => {
  const stack = 'prod-log-archive';
  /** A reference to an attribute of the archive bucket of one purpose. */
  const bucket = (purpose: string, attribute: string) => {
    const found = all(stack, 'aws_s3_bucket').find((b) => b.bucket === `logfed-prod-${purpose}-222222222222`)!;
    return ref('aws_s3_bucket', found.id, attribute);
  };

  it('sends every bucket to EventBridge and every log bucket to log-events', () => {
    const topic = one(stack, 'aws_sns_topic');
    expect(topic.name).toBe('logfed-prod-log-events');
    expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
    const notifications = all(stack, 'aws_s3_bucket_notification');
    expect(notifications).toHaveLength(ARCHIVE_BUCKETS.length);
    expect(notifications.every((n) => n.eventbridge === true)).toBe(true);
    const notifying = notifications.filter((n) => n.topic).map((n) => n.bucket);
    expect(notifying.sort()).toEqual(LOG_BUCKETS.map((b) => bucket(b, 'id')).sort());
    for (const n of notifications.filter((n) => n.topic)) {
      expect(n.topic).toEqual([{ topic_arn: ref('aws_sns_topic', topic.id, 'arn'), events: ['s3:ObjectCreated:*'] }]);
    }
  });

  it('lets S3 publish only for the log buckets of this account', () => {
    const [statement] = document(stack, 'notifications/topic-policy-document').statement;
    expect(statement.principals).toEqual([{ type: 'Service', identifiers: ['s3.amazonaws.com'] }]);
    expect(statement.condition).toEqual([
      {
        test: 'ArnEquals',
        variable: 'aws:SourceArn',
        values: LOG_BUCKETS.map((b) => bucket(b, 'arn')),
      },
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['222222222222'] },
    ]);
  });
});

describe('intelligence stack', () => {
  const stack = 'prod-intelligence';

  it('creates the 14 CIS metric filters with the reference patterns, byte for byte', () => {
    const reference = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'reference', 'cis-cloudwatch-metric-filters.json'), 'utf8'),
    ) as { controls: { filterPattern: string }[] };
    const filters = all(stack, 'aws_cloudwatch_log_metric_filter');
    expect(filters.map((f) => f.pattern).sort()).toEqual(reference.controls.map((c) => c.filterPattern).sort());
    for (const filter of filters) {
      expect(filter.log_group_name).toBe('/aws/cloudtrail/logfed-prod-management');
      expect(filter.metric_transformation).toEqual({ name: filter.name, namespace: 'LogMetrics', value: '1' });
    }
  });

  it('gives every alarm an action: the alerts topic', () => {
    const topic = all(stack, 'aws_sns_topic').find((t) => t.name === 'logfed-prod-alerts')!;
    const alarms = all(stack, 'aws_cloudwatch_metric_alarm');
    expect(alarms).toHaveLength(14 + 5 + 2);
    for (const alarm of alarms) expect(alarm.alarm_actions).toEqual([ref('aws_sns_topic', topic.id, 'arn')]);
    const cis = alarms.filter((a) => a.namespace === 'LogMetrics');
    expect(cis.every((a) => a.threshold === 1 && a.comparison_operator === 'GreaterThanOrEqualToThreshold')).toBe(true);
    expect(alarms.map((a) => a.alarm_name)).toEqual(
      expect.arrayContaining([
        'logfed-prod-alarm-log-intelligence-errors',
        'logfed-prod-alarm-log-intelligence-throttles',
        'logfed-prod-alarm-log-intelligence-dead-letters',
        'logfed-prod-alarm-log-intelligence-queue-age',
      ]),
    );
  });

  it('feeds the function from an encrypted queue subscribed raw to log-events, with a dead-letter queue', () => {
    const queues = Object.fromEntries(all(stack, 'aws_sqs_queue').map((q) => [q.name, q]));
    const queue = queues['logfed-prod-log-intelligence'];
    const fn = one(stack, 'aws_lambda_function');
    expect(queue.visibility_timeout_seconds).toBeGreaterThanOrEqual(6 * fn.timeout);
    expect(JSON.parse(queue.redrive_policy)).toEqual({
      deadLetterTargetArn: ref('aws_sqs_queue', queues['logfed-prod-log-intelligence-dlq'].id, 'arn'),
      maxReceiveCount: 5,
    });
    for (const q of Object.values(queues) as Json[]) expect(q.kms_master_key_id).toMatch(/^\$\{aws_kms_key\./);
    const subscriptions = all(stack, 'aws_sns_topic_subscription');
    expect(subscriptions.filter((s) => s.protocol === 'sqs')).toEqual([
      expect.objectContaining({
        topic_arn: 'arn:aws:sns:eu-west-1:222222222222:logfed-prod-log-events',
        endpoint: ref('aws_sqs_queue', queue.id, 'arn'),
        raw_message_delivery: true,
      }),
    ]);
    expect(one(stack, 'aws_lambda_event_source_mapping')).toMatchObject({
      batch_size: 10,
      function_response_types: ['ReportBatchItemFailures'],
      scaling_config: { maximum_concurrency: 5 },
    });
  });

  it('mails admins the alerts and only the new objects of the exceptions bucket', () => {
    const mails = all(stack, 'aws_sns_topic_subscription').filter((s) => s.protocol === 'email');
    expect(mails).toHaveLength(2 * ENVIRONMENTS[1].adminEmails.length);
    const onLogEvents = mails.filter((m) => m.topic_arn.endsWith(':logfed-prod-log-events'));
    for (const mail of onLogEvents) {
      expect(mail.filter_policy_scope).toBe('MessageBody');
      expect(JSON.parse(mail.filter_policy)).toEqual({
        Records: { s3: { bucket: { name: ['logfed-prod-exceptions-222222222222'] } } },
      });
    }
    expect(onLogEvents.map((m) => m.endpoint).sort()).toEqual([...ENVIRONMENTS[1].adminEmails].sort());
  });

  it('runs the bundled handler on Node.js 22, arm64, traced, with reserved concurrency and no secret in its settings', () => {
    const fn = one(stack, 'aws_lambda_function');
    expect(fn).toMatchObject({
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      tracing_config: { mode: 'Active' },
      reserved_concurrent_executions: 10,
      logging_config: { log_format: 'JSON', log_group: expect.stringContaining('aws_cloudwatch_log_group') },
    });
    expect(fn.kms_key_arn).toMatch(/^\$\{aws_kms_key\./);
    expect(fn.environment.variables).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      INTELLIGENCE_BUCKET: 'logfed-prod-intelligence-222222222222',
      ALERTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:222222222222:logfed-prod-alerts',
      ALERT_MIN_SEVERITY: 'medium',
      POWERTOOLS_SERVICE_NAME: 'log-intelligence',
      POWERTOOLS_METRICS_NAMESPACE: 'logfed',
      SPLUNK_ENDPOINT: 'https://splunk.example.com:8088',
      SPLUNK_SECRET_NAME: 'logfed/prod/splunk-hec',
      OPENSEARCH_ENDPOINT: 'https://search.example.com',
      OPENSEARCH_SECRET_NAME: 'logfed/prod/opensearch',
    });
    const log = one(stack, 'aws_cloudwatch_log_group');
    expect(log).toMatchObject({ name: '/aws/lambda/logfed-prod-log-intelligence', retention_in_days: 731 });
    expect(log.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    // The package holds the code and its maps, not the bundler's cache record.
    const zip = path.join(outdir, 'stacks', stack, fn.filename);
    const names = "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))";
    expect(execFileSync('python3', ['-c', names, zip], { encoding: 'utf8' }).trim().split('\n')).toEqual([
      'index.js',
      'index.js.map',
      'sdk.js',
      'sdk.js.map',
    ]);
    expect(fs.statSync(zip).size).toBeGreaterThan(100_000);
  });

  it('scopes every permission of the function to exact ARNs (X-Ray aside, which has none)', () => {
    const statements = document(stack, 'log-intelligence/policy-document').statement as Json[];
    const bySid = Object.fromEntries(statements.map((s) => [s.sid, s]));
    expect(bySid.ReadLogObjects.resources).toEqual(
      LOG_BUCKETS.map((b) => `arn:aws:s3:::logfed-prod-${b}-222222222222/*`),
    );
    expect(bySid.WriteSummariesAndFederatedEvents.resources).toEqual([
      'arn:aws:s3:::logfed-prod-intelligence-222222222222/summaries/*',
      'arn:aws:s3:::logfed-prod-intelligence-222222222222/federated/*',
      'arn:aws:s3:::logfed-prod-intelligence-222222222222/alerts/sent/*',
      'arn:aws:s3:::logfed-prod-intelligence-222222222222/undelivered/*',
    ]);
    expect(bySid.PublishAlerts.resources).toEqual(['arn:aws:sns:eu-west-1:222222222222:logfed-prod-alerts']);
    expect(bySid.ReadForwarderSecrets.resources).toEqual([
      'arn:aws:secretsmanager:eu-west-1:222222222222:secret:logfed/prod/splunk-hec-??????',
      'arn:aws:secretsmanager:eu-west-1:222222222222:secret:logfed/prod/opensearch-??????',
    ]);
    const wildcard = statements.filter((s) => (s.resources as string[]).includes('*')).map((s) => s.sid);
    expect(wildcard).toEqual(['WriteTraces']);
    // dev forwards nowhere, so its function reads no secret.
    const dev = document('dev-intelligence', 'log-intelligence/policy-document').statement as Json[];
    expect(dev.map((s) => s.sid)).not.toContain('ReadForwarderSecrets');
  });

  it('turns failures of our EMR clusters and state machine into readable messages on alerts', () => {
    const rules = all(stack, 'aws_cloudwatch_event_rule');
    const pattern = (id: string) =>
      JSON.parse(rules.find((r) => r.name === `logfed-prod-pipeline-${id}`)!.event_pattern);
    // No rule on EMR steps: their events name no cluster, and the orchestrators alert on their own step failures.
    expect(rules.map((r) => r.name).sort()).toEqual([
      'logfed-prod-pipeline-emr-cluster-failed',
      'logfed-prod-pipeline-state-machine-failed',
    ]);
    expect(pattern('state-machine-failed').detail).toEqual({
      stateMachineArn: ['arn:aws:states:eu-west-1:222222222222:stateMachine:logfed-prod-load'],
      status: ['FAILED', 'TIMED_OUT', 'ABORTED'],
    });
    expect(pattern('emr-cluster-failed').detail).toEqual({
      state: ['TERMINATED_WITH_ERRORS'],
      name: [{ prefix: 'logfed-prod-' }],
    });
    // The state machine the pipeline stack creates is the one the rule names.
    const machine = one('prod-pipeline', 'aws_sfn_state_machine');
    expect(pattern('state-machine-failed').detail.stateMachineArn).toEqual([
      `arn:aws:states:eu-west-1:222222222222:stateMachine:${machine.name}`,
    ]);
    const cluster = JSON.parse(machine.definition).States['Create EMR cluster'].Parameters.Name as string;
    expect(cluster.startsWith('logfed-prod-')).toBe(true);

    const execution = (stateMachine: string, status: string) => ({
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      detail: {
        executionArn: `arn:aws:states:eu-west-1:222222222222:execution:${stateMachine}:run-1`,
        stateMachineArn: `arn:aws:states:eu-west-1:222222222222:stateMachine:${stateMachine}`,
        status,
      },
    });
    const clusterChange = (name: string, state: string) => ({
      source: 'aws.emr',
      'detail-type': 'EMR Cluster State Change',
      detail: { name, clusterId: 'j-1', state, message: 'Terminated with errors' },
    });
    const states = pattern('state-machine-failed');
    expect(matches(states, execution('logfed-prod-load', 'TIMED_OUT'))).toBe(true);
    expect(matches(states, execution('logfed-prod-load', 'FAILED'))).toBe(true);
    expect(matches(states, execution('logfed-prod-load', 'SUCCEEDED'))).toBe(false);
    expect(matches(states, execution('billing-nightly', 'FAILED'))).toBe(false);
    expect(matches(states, execution('logfed-dev-load', 'FAILED'))).toBe(false);
    const clusters = pattern('emr-cluster-failed');
    expect(matches(clusters, clusterChange(cluster, 'TERMINATED_WITH_ERRORS'))).toBe(true);
    expect(matches(clusters, clusterChange(cluster, 'TERMINATED'))).toBe(false);
    expect(matches(clusters, clusterChange('analytics-adhoc', 'TERMINATED_WITH_ERRORS'))).toBe(false);
    expect(matches(clusters, clusterChange('logfed-dev-load-transient', 'TERMINATED_WITH_ERRORS'))).toBe(false);

    for (const target of all(stack, 'aws_cloudwatch_event_target')) {
      expect(target.arn).toBe('arn:aws:sns:eu-west-1:222222222222:logfed-prod-alerts');
      expect(target.input_transformer.input_template).toMatch(/^".*<time>.*"$/);
    }
  });

  it('has no state machine rule where Data Pipeline orchestrates, which alerts by its own onFail', () => {
    expect(pipelineFailureRules({ clusterNamePrefix: 'logfed-dev-' }).map((r) => r.id)).toEqual(['emr-cluster-failed']);
    // Neither sample selects Data Pipeline any more: synthesize one that does.
    const dataPipelineEnv = {
      ...ENVIRONMENTS.find((env) => env.name === 'prod')!,
      orchestrator: 'datapipeline' as const,
    };
    const synthesized = JSON.parse(Testing.synth(new IntelligenceStack(Testing.app(), dataPipelineEnv))) as Json;
    const rules = Object.values(synthesized.resource.aws_cloudwatch_event_rule as Json);
    expect(rules.map((r) => r.name)).toEqual(['logfed-prod-pipeline-emr-cluster-failed']);
    const undelivered = Object.values(synthesized.resource.aws_cloudwatch_metric_alarm as Json)
      .filter((a) => a.namespace === 'AWS/Events')
      .map((a) => a.dimensions.RuleName);
    expect(undelivered).toEqual(['logfed-prod-pipeline-emr-cluster-failed']);
  });

  it('lets EventBridge use the key for alerts without source conditions, which SNS does not support for it', () => {
    const [key] = all(stack, 'aws_kms_key');
    const statements = JSON.parse(key.policy).Statement as Json[];
    const of = (service: string) => statements.filter((s) => [s.Principal.Service].flat().includes(service));
    expect(of('events.amazonaws.com')).toEqual([
      {
        Sid: 'EventBridgeUsesKeyForAlerts',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
      },
    ]);
    // CloudWatch alarms and SNS support aws:SourceAccount in the key policy, and keep it.
    for (const service of ['sns.amazonaws.com', 'cloudwatch.amazonaws.com']) {
      expect(of(service)).toEqual([
        expect.objectContaining({
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Condition: { StringEquals: { 'aws:SourceAccount': '222222222222' } },
        }),
      ]);
    }
    // The topic policy still admits EventBridge only from this account.
    const [publish] = document(stack, 'alerts-policy-document').statement as Json[];
    expect(publish.principals[0].identifiers).toContain('events.amazonaws.com');
    expect(publish.condition).toEqual([
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['222222222222'] },
    ]);
  });

  it('alarms at once on SQS records the function answers as failed, which Lambda Errors does not count', () => {
    const alarm = all(stack, 'aws_cloudwatch_metric_alarm').find(
      (a) => a.alarm_name === 'logfed-prod-alarm-log-intelligence-failed-records',
    );
    expect(alarm).toMatchObject({
      namespace: 'logfed',
      metric_name: 'FailedRecords',
      dimensions: { service: 'log-intelligence' },
      statistic: 'Sum',
      period: 300,
      evaluation_periods: 1,
      threshold: 1,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'notBreaching',
    });
    // The function publishes into the namespace and service its environment names.
    const fn = one(stack, 'aws_lambda_function');
    expect(fn.environment.variables).toMatchObject({
      POWERTOOLS_METRICS_NAMESPACE: alarm!.namespace,
      POWERTOOLS_SERVICE_NAME: alarm!.dimensions.service,
    });
  });

  it('alarms on each failure rule whose alert EventBridge could not deliver', () => {
    const alarms = all(stack, 'aws_cloudwatch_metric_alarm').filter((a) => a.namespace === 'AWS/Events');
    const rules = all(stack, 'aws_cloudwatch_event_rule').map((r) => r.name as string);
    expect(alarms.map((a) => a.dimensions.RuleName).sort()).toEqual([...rules].sort());
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        metric_name: 'FailedInvocations',
        statistic: 'Sum',
        threshold: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        treat_missing_data: 'notBreaching',
      });
      expect(alarm.alarm_name).toBe(alarm.dimensions.RuleName.replace('-pipeline-', '-alarm-') + '-undelivered');
    }
  });

  it('has one dashboard of the pipeline', () => {
    const body = JSON.parse(one(stack, 'aws_cloudwatch_dashboard').dashboard_body);
    const titles = body.widgets.map((w: Json) => w.properties.title);
    expect(titles).toEqual(expect.arrayContaining(['Findings by severity', 'Queue depth and dead letters']));
  });
});

describe('docs/runbooks.md', () => {
  it('has a section for every alarm and every pipeline failure rule of the stack', () => {
    const runbooks = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'runbooks.md'), 'utf8');
    const sections = new Set([...runbooks.matchAll(/^### (\S+)$/gm)].map((match) => match[1]));
    const alarms = all('dev-intelligence', 'aws_cloudwatch_metric_alarm').map((a) =>
      (a.alarm_name as string).replace(/^logfed-dev-alarm-/, ''),
    );
    const rules = all('dev-intelligence', 'aws_cloudwatch_event_rule').map((r) =>
      (r.name as string).replace(/^logfed-dev-pipeline-/, ''),
    );
    expect([...alarms, ...rules].filter((id) => !sections.has(id))).toEqual([]);
    for (const alarm of all('dev-intelligence', 'aws_cloudwatch_metric_alarm')) {
      expect(alarm.alarm_description).toContain(
        `docs/runbooks.md#${alarm.alarm_name.replace(/^logfed-dev-alarm-/, '')}`,
      );
    }
  });
});
