import type { Rule } from '../types';
import { pipelineEvent } from './events';

/** A Data Pipeline activity attempt failed (the alternative orchestrator). */
export const dataPipelineActivityFailed: Rule = {
  id: 'data-pipeline-activity-failed',
  severity: 'high',
  title: 'Data Pipeline activity failed',
  references: ['pipeline:datapipeline'],
  filterPattern: '{ $.eventSource = "logfed.pipeline" && $.eventName = "DataPipelineActivityFailed" }',
  includeTrustedAutomation: true,
  positives: [pipelineEvent('DataPipelineActivityFailed', { pipelineId: 'df-1', activityId: 'SplitActivity' })],
  negatives: [{ ...pipelineEvent('DataPipelineActivityFailed'), eventSource: 'datapipeline.amazonaws.com' }],
};
