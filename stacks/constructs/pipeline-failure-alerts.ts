import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import type { AlarmSpec } from './alarms';

/** An EventBridge pattern and the sentence people read when it matches. */
interface FailureRule {
  readonly id: string;
  readonly description: string;
  readonly pattern: Record<string, unknown>;
  readonly inputPaths: Record<string, string>;
  /** The message, with `<name>` placeholders of `inputPaths`. */
  readonly message: string;
}

/** EMR step and cluster failures, Step Functions executions that fail, time out or are aborted. */
export const PIPELINE_FAILURE_RULES: readonly FailureRule[] = [
  {
    id: 'emr-step-failed',
    description: 'An EMR step failed',
    pattern: { source: ['aws.emr'], 'detail-type': ['EMR Step Status Change'], detail: { state: ['FAILED'] } },
    inputPaths: {
      name: '$.detail.name',
      cluster: '$.detail.clusterId',
      step: '$.detail.stepId',
      message: '$.detail.message',
      time: '$.time',
    },
    message: 'EMR step <name> (<step>) of cluster <cluster> failed at <time>: <message>',
  },
  {
    id: 'emr-cluster-failed',
    description: 'An EMR cluster terminated with errors',
    pattern: {
      source: ['aws.emr'],
      'detail-type': ['EMR Cluster State Change'],
      detail: { state: ['TERMINATED_WITH_ERRORS'] },
    },
    inputPaths: { name: '$.detail.name', cluster: '$.detail.clusterId', message: '$.detail.message', time: '$.time' },
    message: 'EMR cluster <name> (<cluster>) terminated with errors at <time>: <message>',
  },
  {
    id: 'state-machine-failed',
    description: 'A Step Functions execution failed, timed out or was aborted',
    pattern: {
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
    },
    inputPaths: { execution: '$.detail.executionArn', status: '$.detail.status', time: '$.time' },
    message: 'Step Functions execution <execution> ended <status> at <time>.',
  },
];

export interface PipelineFailureAlertsProps {
  /** Rule names are `<namePrefix>-<id>`. */
  readonly namePrefix: string;
  readonly alertsTopicArn: string;
}

/**
 * EventBridge rules that turn pipeline failures into one readable sentence on the alerts topic, and for each an
 * alarm on its failed deliveries: a rule that cannot publish (a key or topic policy that refuses EventBridge)
 * fails silently otherwise, since the alert it drops is the only sign of the pipeline failure.
 */
export class PipelineFailureAlerts extends Construct {
  readonly rules: CloudwatchEventRule[] = [];
  /** One alarm per rule: at least one invocation of its target failed for good in five minutes. */
  readonly alarmSpecs: AlarmSpec[] = [];

  constructor(scope: Construct, id: string, props: PipelineFailureAlertsProps) {
    super(scope, id);
    for (const failure of PIPELINE_FAILURE_RULES) {
      const rule = new CloudwatchEventRule(this, failure.id, {
        name: `${props.namePrefix}-${failure.id}`,
        description: failure.description,
        eventPattern: JSON.stringify(failure.pattern),
      });
      new CloudwatchEventTarget(this, `${failure.id}-target`, {
        rule: rule.name,
        arn: props.alertsTopicArn,
        // A quoted template makes the message a plain sentence, not JSON.
        inputTransformer: { inputPaths: failure.inputPaths, inputTemplate: JSON.stringify(failure.message) },
      });
      this.rules.push(rule);
      this.alarmSpecs.push({
        id: `${failure.id}-undelivered`,
        description: `EventBridge could not deliver the alert of rule ${props.namePrefix}-${failure.id} (${failure.description.toLowerCase()}) to the alerts topic.`,
        namespace: 'AWS/Events',
        metricName: 'FailedInvocations',
        dimensions: { RuleName: `${props.namePrefix}-${failure.id}` },
        statistic: 'Sum',
        threshold: 1,
      });
    }
  }
}
