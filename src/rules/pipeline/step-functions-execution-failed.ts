import type { Rule } from '../types';
import { pipelineEvent } from './events';

const executionChange = {
  source: 'aws.states',
  'detail-type': 'Step Functions Execution Status Change',
  id: 'example-sfn-execution-change',
  time: '2026-11-27T10:00:00Z',
};

/** An orchestrator run did not finish: the load of that day did not happen. */
export const stepFunctionsExecutionFailed: Rule = {
  id: 'step-functions-execution-failed',
  severity: 'high',
  title: 'Step Functions execution failed, timed out or was aborted',
  references: ['pipeline:stepfunctions'],
  filterPattern:
    '{ ($.eventSource = "logfed.pipeline" && $.eventName = "StepFunctionsExecutionFailed") || ' +
    '($.source = "aws.states" && $.detail-type = "Step Functions Execution Status Change" && ' +
    '($.detail.status = "FAILED" || $.detail.status = "TIMED_OUT" || $.detail.status = "ABORTED")) }',
  includeTrustedAutomation: true,
  positives: [
    pipelineEvent('StepFunctionsExecutionFailed', { executionArn: 'arn:aws:states:eu-west-1:1:execution:x:y' }),
    { ...executionChange, detail: { status: 'FAILED' } },
    { ...executionChange, detail: { status: 'TIMED_OUT' } },
    { ...executionChange, detail: { status: 'ABORTED' } },
  ],
  negatives: [
    { ...executionChange, detail: { status: 'SUCCEEDED' } },
    { ...executionChange, detail: {} },
  ],
};
