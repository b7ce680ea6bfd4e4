import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Logging of a trail was stopped: what happens next leaves no record. */
export const cloudtrailStopped: Rule = {
  id: 'cloudtrail-stopped',
  severity: 'critical',
  title: 'CloudTrail logging stopped',
  references: ['stratus:aws.defense-evasion.cloudtrail-stop', 'attack:T1562.008'],
  filterPattern: '{ $.eventSource = "cloudtrail.amazonaws.com" && $.eventName = "StopLogging" }',
  positives: [apiCall('cloudtrail', 'StopLogging', { requestParameters: { name: 'management' } })],
  negatives: [apiCall('cloudtrail', 'StartLogging'), apiCall('cloudtrail', 'GetTrailStatus', { readOnly: true })],
};
