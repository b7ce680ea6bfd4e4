import { SEVERITIES } from '../src/summary/types';

export interface DashboardNames {
  readonly region: string;
  readonly functionName: string;
  readonly queueName: string;
  readonly deadLetterQueueName: string;
}

/** Namespace and service dimension of the function's embedded metrics (Powertools adds `service`). */
export const FUNCTION_METRICS = { namespace: 'logfed', service: 'log-intelligence' } as const;

type Metric = readonly (string | Record<string, string>)[];

/** The pipeline on one page: objects, events, findings, errors, queue depth and dead letters. */
export function intelligenceDashboard(names: DashboardNames): string {
  const widget = (title: string, metrics: readonly Metric[], x: number, y: number, stat = 'Sum') => ({
    type: 'metric',
    x,
    y,
    width: 12,
    height: 6,
    properties: { title, region: names.region, metrics, stat, period: 300, view: 'timeSeries' },
  });
  const own = (name: string): Metric => [FUNCTION_METRICS.namespace, name, 'service', FUNCTION_METRICS.service];
  const fn = (name: string): Metric => ['AWS/Lambda', name, 'FunctionName', names.functionName];
  const queue = (name: string, queueName: string): Metric => ['AWS/SQS', name, 'QueueName', queueName];
  const widgets = [
    widget('Log objects and skipped objects', [own('Objects'), own('SkippedObjects')], 0, 0),
    widget('Events read', [own('Events')], 12, 0),
    widget(
      'Findings by severity',
      SEVERITIES.map((severity) => own(`Findings_${severity}`)),
      0,
      6,
    ),
    widget('Alerts sent', [own('AlertsSent')], 12, 6),
    widget('Function errors and throttles', [fn('Errors'), fn('Throttles'), fn('Invocations')], 0, 12),
    widget('Function duration (max)', [fn('Duration')], 12, 12, 'Maximum'),
    widget(
      'Queue depth and dead letters',
      [
        queue('ApproximateNumberOfMessagesVisible', names.queueName),
        queue('ApproximateNumberOfMessagesVisible', names.deadLetterQueueName),
      ],
      0,
      18,
      'Maximum',
    ),
    widget('Oldest message age (s)', [queue('ApproximateAgeOfOldestMessage', names.queueName)], 12, 18, 'Maximum'),
  ];
  return JSON.stringify({ widgets });
}
