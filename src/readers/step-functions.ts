import { getString } from '../events/fields';
import type { LogEvent } from '../rules/types';
import { pipelineEventAt } from './pipeline-event';

/** Execution-history event types (CloudWatch Logs of a state machine) that end an execution badly. */
const FAILED_TYPES: Record<string, string> = {
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

/**
 * A Step Functions execution-history record as logged to CloudWatch Logs
 * (`{"type":"ExecutionFailed","execution_arn":…,"details":{"error","cause"},"event_timestamp":"<ms>"}`)
 * ending an execution badly, as a `StepFunctionsExecutionFailed` event; any other record is returned unchanged.
 */
export function normalizeStepFunctionsRecord(record: LogEvent, location: string, recordNumber: number): LogEvent {
  const type = record.type;
  // Most records are CloudTrail events without a `type`: leave them before any lookup.
  if (typeof type !== 'string' || !type.startsWith('Execution')) return record;
  const status = FAILED_TYPES[type];
  const executionArn = getString(record, 'execution_arn');
  if (!status || !executionArn) return record;
  const millis = Number(getString(record, 'event_timestamp'));
  return pipelineEventAt(
    `${location}#record ${recordNumber}`,
    'StepFunctionsExecutionFailed',
    Number.isFinite(millis) ? new Date(millis).toISOString() : '',
    {
      executionArn,
      stateMachineArn: executionArn.replace(':execution:', ':stateMachine:').replace(/:[^:]+$/, ''),
      status,
      error: getString(record, 'details.error'),
      cause: getString(record, 'details.cause'),
    },
  );
}
