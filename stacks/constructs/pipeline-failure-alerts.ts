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

/** What the rules are scoped to: this environment's clusters and state machine, never the whole account. */
export interface PipelineFailureScope {
  /** Every EMR cluster logfed creates in this environment has a name that starts with this. */
  readonly clusterNamePrefix: string;
  /** This environment's load state machine; undefined when Data Pipeline orchestrates (it alerts by `onFail`). */
  readonly stateMachineArn?: string;
}

/**
 * EMR clusters of this environment that terminate with errors, and executions of its state machine that fail,
 * time out or are aborted. There is no rule on EMR step failures: the step event names no cluster, so it cannot
 * be scoped to ours, and both orchestrators alert on their own step failures (the state machine's Catch →
 * `Publish alert`, Data Pipeline's `onFail` alarm).
 */
export function pipelineFailureRules(scope: PipelineFailureScope): FailureRule[] {
  const rules: FailureRule[] = [
    {
      id: 'emr-cluster-failed',
      description: 'An EMR cluster of this environment terminated with errors',
      pattern: {
        source: ['aws.emr'],
        'detail-type': ['EMR Cluster State Change'],
        detail: { state: ['TERMINATED_WITH_ERRORS'], name: [{ prefix: scope.clusterNamePrefix }] },
      },
      inputPaths: { name: '$.detail.name', cluster: '$.detail.clusterId', message: '$.detail.message', time: '$.time' },
      message: 'EMR cluster <name> (<cluster>) terminated with errors at <time>: <message>',
    },
  ];
  if (scope.stateMachineArn) {
    rules.push({
      id: 'state-machine-failed',
      description: 'An execution of the load state machine failed, timed out or was aborted',
      pattern: {
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        // TIMED_OUT and ABORTED never reach the machine's own `Publish alert`. FAILED mostly has (a second,
        // shorter alert then), but not when that publish itself fails or on States.Runtime errors, which no
        // Catch handles: the machine's FAILED cannot tell these apart, so it stays.
        detail: { stateMachineArn: [scope.stateMachineArn], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
      },
      inputPaths: { execution: '$.detail.executionArn', status: '$.detail.status', time: '$.time' },
      message: 'Step Functions execution <execution> ended <status> at <time>.',
    });
  }
  return rules;
}

export interface PipelineFailureAlertsProps {
  /** Rule names are `<namePrefix>-<id>`. */
  readonly namePrefix: string;
  readonly alertsTopicArn: string;
  readonly scope: PipelineFailureScope;
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
    for (const failure of pipelineFailureRules(props.scope)) {
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
