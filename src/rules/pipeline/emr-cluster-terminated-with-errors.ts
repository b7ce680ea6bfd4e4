import type { Rule } from '../types';
import { pipelineEvent } from './events';

const clusterChange = {
  source: 'aws.emr',
  'detail-type': 'EMR Cluster State Change',
  id: 'example-emr-cluster-change',
  time: '2026-11-27T10:00:00Z',
};

/** The transient EMR cluster ended with errors: no step of that run finished. */
export const emrClusterTerminatedWithErrors: Rule = {
  id: 'emr-cluster-terminated-with-errors',
  severity: 'high',
  title: 'EMR cluster terminated with errors',
  references: ['pipeline:emr'],
  filterPattern:
    '{ ($.eventSource = "logfed.pipeline" && $.eventName = "EmrClusterTerminatedWithErrors") || ' +
    '($.source = "aws.emr" && $.detail-type = "EMR Cluster State Change" && $.detail.state = "TERMINATED_WITH_ERRORS") }',
  includeTrustedAutomation: true,
  positives: [
    pipelineEvent('EmrClusterTerminatedWithErrors', { clusterId: 'j-1', stateChangeReason: 'BOOTSTRAP_FAILURE' }),
    { ...clusterChange, detail: { state: 'TERMINATED_WITH_ERRORS', clusterId: 'j-1' } },
  ],
  negatives: [{ ...clusterChange, detail: { state: 'TERMINATED', clusterId: 'j-1' } }, pipelineEvent('EmrStepFailed')],
};
