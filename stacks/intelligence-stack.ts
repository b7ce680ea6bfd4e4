import type { Construct } from 'constructs';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { pipelineModel } from '../pipeline-definitions/model';
import { RULES } from '../src/rules/registry';
import { ENVIRONMENT_VARIABLES, FAILED_RECORDS_METRIC } from '../src/intelligence/environment';
import {
  breakGlassRoleArn,
  bucketName,
  intelligenceFunctionName,
  intelligenceKeyAlias,
  resourceName,
  topicArn,
} from './config/names';
import type { EnvironmentConfig } from './config/types';
import { Alarms, CisMetricFilters } from './constructs/alarms';
import { EncryptionKey } from './constructs/encryption-key';
import { NodejsFunction } from './constructs/nodejs-function';
import { PipelineFailureAlerts } from './constructs/pipeline-failure-alerts';
import { EnvironmentStack } from './environment-stack';
import { FUNCTION_METRICS, intelligenceDashboard } from './intelligence-dashboard';
import { intelligenceKeyStatements, logIntelligenceStatements } from './intelligence-policies';

/** Findings below this severity stay in summaries and the digest; at or above it they are mailed (grouped). */
export const ALERT_MIN_SEVERITY = 'medium';

const FUNCTION_TIMEOUT_SECONDS = 300;
/** AWS advises a visibility timeout of at least six times the function timeout for SQS event sources. */
const VISIBILITY_TIMEOUT_SECONDS = 6 * FUNCTION_TIMEOUT_SECONDS;
const MAX_RECEIVE_COUNT = 5;
const MAX_CONCURRENCY = 5;

/**
 * `<env>-intelligence`: the `log-events` notifications of the archive (stack `<env>-log-archive`, reached by
 * name) go through an SQS queue with a dead-letter queue to the log-intelligence function; findings, CIS
 * alarms and pipeline failures go to the `alerts` topic that admins receive by e-mail.
 */
export class IntelligenceStack extends EnvironmentStack {
  constructor(scope: Construct, env: EnvironmentConfig) {
    super(scope, env, 'intelligence');
    const name = (suffix: string) => resourceName(env, suffix);
    const key = new EncryptionKey(this, 'key', {
      alias: intelligenceKeyAlias(env),
      description: `logfed ${env.name}: intelligence queues, alerts topic, function environment and logs`,
      accountId: env.accountId,
      administratorArn: breakGlassRoleArn(env),
      serviceStatements: intelligenceKeyStatements(env),
    }).key;
    const alertsTopicArn = topicArn(env, 'alerts');
    const logEventsTopicArn = topicArn(env, 'log-events');

    const alerts = new SnsTopic(this, 'alerts', { name: name('alerts'), kmsMasterKeyId: key.arn });
    new SnsTopicPolicy(this, 'alerts-policy', {
      arn: alerts.arn,
      policy: new DataAwsIamPolicyDocument(this, 'alerts-policy-document', {
        statement: [
          {
            sid: 'AlarmsAndRulesOfThisAccountPublish',
            principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] }],
            actions: ['sns:Publish'],
            resources: [alerts.arn],
            condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [env.accountId] }],
          },
        ],
      }).json,
    });

    const deadLetters = new SqsQueue(this, 'dead-letters', {
      name: name('log-intelligence-dlq'),
      kmsMasterKeyId: key.arn,
      messageRetentionSeconds: 14 * 24 * 3600,
    });
    const queue = new SqsQueue(this, 'queue', {
      name: name('log-intelligence'),
      kmsMasterKeyId: key.arn,
      visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
      messageRetentionSeconds: 4 * 24 * 3600,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: MAX_RECEIVE_COUNT }),
    });
    new SqsQueuePolicy(this, 'queue-policy', {
      queueUrl: queue.url,
      policy: new DataAwsIamPolicyDocument(this, 'queue-policy-document', {
        statement: [
          {
            sid: 'LogEventsTopicSends',
            principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }],
            actions: ['sqs:SendMessage'],
            resources: [queue.arn],
            condition: [{ test: 'ArnEquals', variable: 'aws:SourceArn', values: [logEventsTopicArn] }],
          },
        ],
      }).json,
    });
    new SnsTopicSubscription(this, 'queue-subscription', {
      topicArn: logEventsTopicArn,
      protocol: 'sqs',
      endpoint: queue.arn,
      rawMessageDelivery: true,
    });
    env.adminEmails.forEach((email, i) => {
      new SnsTopicSubscription(this, `admin-${i}-alerts`, { topicArn: alerts.arn, protocol: 'email', endpoint: email });
      // Of the new log objects, admins are mailed only the Redshift load errors in the exceptions bucket.
      new SnsTopicSubscription(this, `admin-${i}-exceptions`, {
        topicArn: logEventsTopicArn,
        protocol: 'email',
        endpoint: email,
        filterPolicyScope: 'MessageBody',
        filterPolicy: JSON.stringify({ Records: { s3: { bucket: { name: [bucketName(env, 'exceptions')] } } } }),
      });
    });

    const fn = new NodejsFunction(this, 'log-intelligence', {
      functionName: intelligenceFunctionName(env),
      entry: 'lambdas/log-intelligence/handler.ts',
      accountId: env.accountId,
      region: env.region,
      encryptionKey: key,
      logRetentionDays: env.retention.logGroupDays,
      timeoutSeconds: FUNCTION_TIMEOUT_SECONDS,
      reservedConcurrency: 2 * MAX_CONCURRENCY,
      deadLetterQueueArn: deadLetters.arn,
      statements: logIntelligenceStatements(env, { queueArn: queue.arn, intelligenceKeyArn: key.arn }),
      environment: functionEnvironment(env),
    });
    new LambdaEventSourceMapping(this, 'queue-to-function', {
      eventSourceArn: queue.arn,
      functionName: fn.function.arn,
      batchSize: 10,
      maximumBatchingWindowInSeconds: 5,
      functionResponseTypes: ['ReportBatchItemFailures'],
      scalingConfig: { maximumConcurrency: MAX_CONCURRENCY },
    });

    const cis = new CisMetricFilters(this, 'cis', {
      logGroupName: `/aws/cloudtrail/${name('management')}`,
      rules: RULES,
    });
    const pipeline = pipelineModel(env);
    const failures = new PipelineFailureAlerts(this, 'pipeline-failures', {
      namePrefix: resourceName(env, 'pipeline'),
      alertsTopicArn,
      scope: {
        // The load's transient cluster is `<prefix>-<env>-load-transient`; any cluster of this environment counts.
        clusterNamePrefix: resourceName(env, ''),
        ...(pipeline.orchestrator === 'stepfunctions' && {
          stateMachineArn: `arn:aws:states:${env.region}:${env.accountId}:stateMachine:${pipeline.name}`,
        }),
      },
    });
    new Alarms(this, 'alarms', {
      namePrefix: resourceName(env, 'alarm'),
      alarmTopicArn: alerts.arn,
      alarms: [
        ...cis.alarmSpecs,
        {
          id: 'log-intelligence-errors',
          description: 'The log-intelligence function failed.',
          namespace: 'AWS/Lambda',
          metricName: 'Errors',
          dimensions: { FunctionName: intelligenceFunctionName(env) },
          statistic: 'Sum',
          threshold: 1,
        },
        {
          id: 'log-intelligence-failed-records',
          description: 'The log-intelligence function answered SQS records as failed (they are retried).',
          namespace: FUNCTION_METRICS.namespace,
          metricName: FAILED_RECORDS_METRIC,
          dimensions: { service: FUNCTION_METRICS.service },
          statistic: 'Sum',
          threshold: 1,
        },
        {
          id: 'log-intelligence-throttles',
          description: 'The log-intelligence function was throttled.',
          namespace: 'AWS/Lambda',
          metricName: 'Throttles',
          dimensions: { FunctionName: intelligenceFunctionName(env) },
          statistic: 'Sum',
          threshold: 1,
        },
        {
          id: 'log-intelligence-dead-letters',
          description: 'Notifications the function could not handle are in the dead-letter queue.',
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          dimensions: { QueueName: name('log-intelligence-dlq') },
          statistic: 'Maximum',
          threshold: 0,
          comparison: 'GreaterThanThreshold',
        },
        {
          id: 'log-intelligence-queue-age',
          description: 'Notifications wait in the queue longer than the visibility timeout.',
          namespace: 'AWS/SQS',
          metricName: 'ApproximateAgeOfOldestMessage',
          dimensions: { QueueName: name('log-intelligence') },
          statistic: 'Maximum',
          threshold: VISIBILITY_TIMEOUT_SECONDS,
        },
        ...failures.alarmSpecs,
      ],
    });
    new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: name('pipeline'),
      dashboardBody: intelligenceDashboard({
        region: env.region,
        functionName: intelligenceFunctionName(env),
        queueName: name('log-intelligence'),
        deadLetterQueueName: name('log-intelligence-dlq'),
      }),
    });
  }
}

/** Settings the function reads: where to write, where to alert, and the forwarders' endpoints and secret names. */
function functionEnvironment(env: EnvironmentConfig): Record<string, string> {
  const names = ENVIRONMENT_VARIABLES;
  const { splunk, opensearch } = env.forwarders;
  return {
    [names.intelligenceBucket]: bucketName(env, 'intelligence'),
    [names.alertsTopicArn]: topicArn(env, 'alerts'),
    [names.alertMinSeverity]: ALERT_MIN_SEVERITY,
    POWERTOOLS_SERVICE_NAME: FUNCTION_METRICS.service,
    POWERTOOLS_METRICS_NAMESPACE: FUNCTION_METRICS.namespace,
    ...(splunk && { [names.splunkEndpoint]: splunk.endpoint, [names.splunkSecretName]: splunk.secretName }),
    ...(opensearch && {
      [names.opensearchEndpoint]: opensearch.endpoint,
      [names.opensearchSecretName]: opensearch.secretName,
    }),
  };
}
