import { Construct } from 'constructs';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { Rule } from '../../src/rules/types';

/** One alarm: a metric, when it counts as breaching, and what it means (docs/runbooks.md has the rest). */
export interface AlarmSpec {
  /** Construct id and alarm-name suffix. */
  readonly id: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly statistic: 'Sum' | 'Maximum';
  readonly threshold: number;
  /** @default GreaterThanOrEqualToThreshold */
  readonly comparison?: 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold';
  /** @default 300 */
  readonly periodSeconds?: number;
}

export interface AlarmsProps {
  /** Alarm names are `<namePrefix>-<id>`. */
  readonly namePrefix: string;
  /** Topic every alarm notifies when it fires. */
  readonly alarmTopicArn: string;
  readonly alarms: readonly AlarmSpec[];
}

/** CloudWatch alarms that each notify the topic on one evaluation period; missing data is not breaching. */
export class Alarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.alarms = props.alarms.map(
      (spec) =>
        new CloudwatchMetricAlarm(this, spec.id, {
          alarmName: `${props.namePrefix}-${spec.id}`,
          alarmDescription: `${spec.description} Runbook: docs/runbooks.md#${spec.id}`,
          namespace: spec.namespace,
          metricName: spec.metricName,
          dimensions: spec.dimensions,
          statistic: spec.statistic,
          period: spec.periodSeconds ?? 300,
          evaluationPeriods: 1,
          threshold: spec.threshold,
          comparisonOperator: spec.comparison ?? 'GreaterThanOrEqualToThreshold',
          treatMissingData: 'notBreaching',
          alarmActions: [props.alarmTopicArn],
        }),
    );
  }
}

export interface CisMetricFiltersProps {
  /** The management trail's log group. */
  readonly logGroupName: string;
  /** Rules that carry a `metric`: each becomes a metric filter with its pattern, verbatim. */
  readonly rules: readonly Rule[];
}

/**
 * The CIS CloudWatch metric filters, generated from the same rules the function and the CLI evaluate, so one
 * pattern means the same in both places (Security Hub requires them byte for byte): value 1 per match.
 */
export class CisMetricFilters extends Construct {
  /** The alarm of each filter: at least one match in five minutes. */
  readonly alarmSpecs: AlarmSpec[] = [];

  constructor(scope: Construct, id: string, props: CisMetricFiltersProps) {
    super(scope, id);
    for (const rule of props.rules) {
      if (!rule.metric || !rule.filterPattern) continue;
      new CloudwatchLogMetricFilter(this, rule.id, {
        name: rule.metric.name,
        logGroupName: props.logGroupName,
        pattern: rule.filterPattern,
        metricTransformation: { name: rule.metric.name, namespace: rule.metric.namespace, value: '1' },
      });
      this.alarmSpecs.push({
        id: rule.id,
        description: `${rule.title} (${rule.references.join(', ')}).`,
        namespace: rule.metric.namespace,
        metricName: rule.metric.name,
        statistic: 'Sum',
        threshold: 1,
      });
    }
  }
}
