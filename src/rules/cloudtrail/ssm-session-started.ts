import { apiCall } from '../testing';
import type { Rule } from '../types';

/** An interactive shell on an instance; the pipeline never needs one. */
export const ssmSessionStarted: Rule = {
  id: 'ssm-session-started',
  severity: 'medium',
  title: 'SSM interactive session started on an instance',
  references: ['stratus:aws.execution.ssm-start-session'],
  filterPattern: '{ $.eventSource = "ssm.amazonaws.com" && $.eventName = "StartSession" }',
  positives: [apiCall('ssm', 'StartSession', { requestParameters: { target: 'i-1' } })],
  negatives: [apiCall('ssm', 'TerminateSession'), apiCall('ssm', 'DescribeSessions', { readOnly: true })],
};
