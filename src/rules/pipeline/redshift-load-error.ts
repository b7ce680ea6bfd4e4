import type { Rule } from '../types';
import { pipelineEvent } from './events';

/** Rows Redshift COPY rejected: the star schema is missing them until the input is fixed and re-loaded. */
export const redshiftLoadError: Rule = {
  id: 'redshift-load-error',
  severity: 'medium',
  title: 'Redshift COPY rejected rows',
  references: ['pipeline:redshift'],
  filterPattern: '{ $.eventSource = "logfed.pipeline" && $.eventName = "RedshiftLoadError" }',
  includeTrustedAutomation: true,
  positives: [
    pipelineEvent('RedshiftLoadError', { table: 'fact_events', line: 12, errorCode: 1207, reason: 'Invalid digit' }),
  ],
  negatives: [
    pipelineEvent('EmrStepFailed'),
    { eventSource: 'redshift.amazonaws.com', eventName: 'RedshiftLoadError' },
  ],
};
