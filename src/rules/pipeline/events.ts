/**
 * The normalized record the log readers emit for a pipeline failure found in EMR, Step Functions,
 * Data Pipeline or Redshift load-error logs, so pipeline-health rules read one shape whatever the log kind.
 * See README.md in this folder.
 */
export const PIPELINE_EVENT_SOURCE = 'logfed.pipeline';

export const PIPELINE_EVENT_NAMES = [
  'EmrStepFailed',
  'EmrClusterTerminatedWithErrors',
  'StepFunctionsExecutionFailed',
  'DataPipelineActivityFailed',
  'RedshiftLoadError',
] as const;

export type PipelineEventName = (typeof PIPELINE_EVENT_NAMES)[number];

/** A type alias, not an interface, so it is assignable to `LogEvent`. */
export type PipelineEvent = {
  readonly eventSource: typeof PIPELINE_EVENT_SOURCE;
  readonly eventName: PipelineEventName;
  /** Stable across re-reads of the same log object (e.g. a hash of object key and line), so findings dedupe. */
  readonly eventID: string;
  /** ISO 8601, from the log line when it has a time. */
  readonly eventTime: string;
  readonly awsRegion?: string;
  readonly recipientAccountId?: string;
  /** What the log says: cluster/step/execution/activity id, table, file, error code and message. */
  readonly detail: Readonly<Record<string, unknown>>;
};

/** A pipeline event for rule test cases. */
export function pipelineEvent(eventName: PipelineEventName, detail: Record<string, unknown> = {}): PipelineEvent {
  return {
    eventSource: PIPELINE_EVENT_SOURCE,
    eventName,
    eventID: `example-${eventName}`,
    eventTime: '2026-11-27T10:00:00Z',
    detail,
  };
}
