import type { Rule } from '../types';
import { pipelineEvent } from './events';

const stepChange = {
  source: 'aws.emr',
  'detail-type': 'EMR Step Status Change',
  id: 'example-emr-step-change',
  time: '2026-11-27T10:00:00Z',
};

/** An EMR step of the split job failed: the day's chunks are missing until it is re-run. */
export const emrStepFailed: Rule = {
  id: 'emr-step-failed',
  severity: 'medium',
  title: 'EMR step failed',
  references: ['pipeline:emr'],
  filterPattern:
    '{ ($.eventSource = "logfed.pipeline" && $.eventName = "EmrStepFailed") || ' +
    '($.source = "aws.emr" && $.detail-type = "EMR Step Status Change" && $.detail.state = "FAILED") }',
  includeTrustedAutomation: true,
  positives: [
    pipelineEvent('EmrStepFailed', { clusterId: 'j-1', stepId: 's-1', message: 'Step failed' }),
    { ...stepChange, detail: { state: 'FAILED', stepId: 's-1', clusterId: 'j-1' } },
  ],
  negatives: [
    { ...stepChange, detail: { state: 'COMPLETED', stepId: 's-1', clusterId: 'j-1' } },
    pipelineEvent('EmrClusterTerminatedWithErrors'),
  ],
};
